import Foundation

/// Finds fixture files under the paths given on the command line.
enum FixtureFiles {
    /// Returns the files named and the `*.yaml` files under the folders named, recursively and
    /// sorted; with `includeWebhooks`, also `*.json` webhook fixtures. Throws for a missing path
    /// or when nothing is found.
    static func find(_ paths: [String], includeWebhooks: Bool) throws -> [String] {
        var files: [String] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw FixtureError(
                    path: path, line: 0,
                    message: "không tìm thấy '\(path)'; đưa tệp .yaml hoặc thư mục chứa kịch bản thử")
            }
            guard isFolder.boolValue else {
                files.append(path)
                continue
            }
            let found = FileManager.default.enumerator(atPath: path)?.compactMap { $0 as? String } ?? []
            let wanted = found.filter { $0.hasSuffix(".yaml") || (includeWebhooks && $0.hasSuffix(".json")) }
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            files += wanted.sorted().map { base + "/" + $0 }
        }
        guard !files.isEmpty else {
            throw FixtureError(
                path: paths.joined(separator: " "), line: 0,
                message: "không có tệp kịch bản thử nào (*.yaml) trong \(paths.joined(separator: ", "))")
        }
        return files
    }
}
