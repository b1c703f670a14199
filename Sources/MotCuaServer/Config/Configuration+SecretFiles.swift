import Foundation

extension Configuration {
    /// Reads a secret from the file named by a `<VARIABLE>_FILE` variable. The file must be a
    /// regular file that neither its group nor other users may read, because anyone who can read
    /// it can impersonate the service. One trailing "\n" or "\r\n" is removed, as editors add one.
    static func readSecretFile(_ path: String, variable: String) throws -> String {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw ConfigurationError(
                key: variable,
                message: "không đọc được tệp '\(path)'; kiểm tra đường dẫn và quyền đọc của người chạy dịch vụ")
        }
        // A symbolic link is rejected because the permission check below would read the link's
        // own mode, not the mode of the file that contains the secret.
        if attributes[.type] as? FileAttributeType == .typeSymbolicLink {
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
            throw ConfigurationError(
                key: variable,
                message:
                    "'\(path)' là liên kết tượng trưng (tới '\(target)'); đặt \(variable) bằng đường dẫn của tệp thật")
        }
        guard attributes[.type] as? FileAttributeType == .typeRegular else {
            throw ConfigurationError(key: variable, message: "'\(path)' không phải tệp thường")
        }
        let permissions = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0o777
        guard permissions & 0o077 == 0 else {
            throw ConfigurationError(
                key: variable,
                message:
                    "tệp '\(path)' cho nhóm hoặc người khác đọc được (quyền \(String(permissions, radix: 8))); "
                    + "chạy chmod 600 '\(path)' rồi khởi động lại")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(
                key: variable, message: "không đọc được tệp '\(path)'; kiểm tra quyền đọc của người chạy dịch vụ")
        }
        // Strips bytes rather than Characters, because Swift counts "\r\n" as one Character.
        var bytes = data[...]
        if bytes.last == UInt8(ascii: "\n") {
            bytes = bytes.dropLast()
            if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        guard !text.isEmpty else {
            throw ConfigurationError(key: variable, message: "tệp '\(path)' rỗng; ghi bí mật vào tệp")
        }
        return text
    }
}
