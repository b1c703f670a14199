import Foundation
import MotCuaCore
import MotCuaYAML

/// `motcua lint`: checks a templates folder and prints one `file:line: message` line per problem.
enum LintCommand {
    static func run(_ arguments: [String], environment: [String: String]) -> Int32 {
        var folder = environment["MOTCUA_TEMPLATES"].flatMap { $0.isEmpty ? nil : $0 } ?? "templates"
        var index = 0
        while index < arguments.count {
            switch arguments[index] {
            case "-h", "--help":
                print(HelpText.lint)
                return 0
            case "--templates":
                guard index + 1 < arguments.count, !arguments[index + 1].isEmpty else {
                    CommandLineError.report("--templates cần đường dẫn tới thư mục, ví dụ: --templates templates")
                    return 2
                }
                folder = arguments[index + 1]
                index += 1
            default:
                CommandLineError.report("tùy chọn không hợp lệ: '\(arguments[index])'. Xem 'motcua lint --help'.")
                return 2
            }
            index += 1
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
