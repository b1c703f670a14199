import Foundation
import MotCuaCore
import MotCuaYAML

/// `motcua lint`: checks a templates folder and prints one `file:line: message` line per problem.
enum LintCommand {
    static func run(_ arguments: [String], environment: [String: String]) -> Int32 {
        var folder = environment["MOTCUA_TEMPLATES"].flatMap { $0.isEmpty ? nil : $0 } ?? "templates"
        switch CommandOptions.parse(arguments, command: "lint", valued: ["--templates": "templates"]) {
        case .help:
            print(HelpText.lint)
            return 0
        case .invalid:
            return 2
        case .options(let options):
            folder = options.value("--templates") ?? folder
        }

        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            CommandLineError.report(
                "không tìm thấy thư mục kịch bản '\(folder)'. Dùng --templates THƯ_MỤC hoặc biến MOTCUA_TEMPLATES "
                    + "để chỉ tới thư mục chứa flows/ và messages/.")
            return 2
        }

        let check = TemplateLinter.check(folder: folder)
        var output = check.errors.map { "\($0)\n" }.joined()
        output += summary(check) + "\n"
        FileHandleOutput.standardOutput(output)
        return check.errors.isEmpty ? 0 : 1
    }

    static func summary(_ check: TemplateCheck) -> String {
        guard check.errors.isEmpty else {
            let files = Set(check.errors.map(\.file)).count
            return "\(check.errors.count) lỗi trong \(files) tệp"
        }
        return "Không có lỗi: \(check.flowFiles.count) kịch bản, \(check.messageFiles.count) tệp tin nhắn."
    }
}
