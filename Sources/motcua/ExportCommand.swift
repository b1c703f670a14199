import Foundation
import MotCuaCore
import MotCuaReplay

/// `motcua replay export`: writes a stored conversation as a fixture with personal data replaced.
enum ExportCommand {
    static func run(_ arguments: [String], environment: [String: String]) -> Int32 {
        let options: CommandOptions
        switch CommandOptions.parse(
            arguments, command: "replay export",
            valued: [
                "--database": "sqlite:data/motcua.sqlite", "--user": "1000000000000000001", "--channel": "zalo",
                "-o": "fixtures/conversations/loi-moi.yaml", "--templates": "templates",
            ])
        {
        case .help:
            print(HelpText.replayExport)
            return 0
        case .invalid:
            return 2
        case .options(let parsed):
            options = parsed
        }

        let database = options.value("--database") ?? environment["MOTCUA_DATABASE"] ?? "sqlite:data/motcua.sqlite"
        guard database.hasPrefix("sqlite:") else {
            CommandLineError.report("--database cần dạng sqlite:ĐƯỜNG_DẪN, ví dụ: --database sqlite:data/motcua.sqlite")
            return 2
        }
        let path = String(database.dropFirst("sqlite:".count))
        guard FileManager.default.fileExists(atPath: path) else {
            CommandLineError.report("không tìm thấy cơ sở dữ liệu '\(path)'; kiểm tra --database")
            return 2
        }
        guard let userID = options.value("--user") else {
            CommandLineError.report("cần --user ID: id người dùng trên kênh, ví dụ: --user 1000000000000000001")
            return 2
        }
        let channelName = options.value("--channel") ?? "zalo"
        guard let channel = ChannelKind(rawValue: channelName) else {
            CommandLineError.report("--channel không hợp lệ '\(channelName)'; dùng zalo, telegram hoặc messenger")
            return 2
        }
        let templates =
            options.value("--templates") ?? environment["MOTCUA_TEMPLATES"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "templates"

        let text: String
        do {
            text = try FixtureExporter.export(
                databasePath: path, channel: channel, userID: userID, templates: templates)
        } catch {
            CommandLineError.report("\(error)")
            return 2
        }
        guard let output = options.value("-o") else {
            FileHandleOutput.standardOutput(text)
            return 0
        }
        do {
            try text.write(toFile: output, atomically: true, encoding: .utf8)
        } catch {
            CommandLineError.report("không ghi được '\(output)': \(error.localizedDescription)")
            return 2
        }
        FileHandleOutput.standardError("Đã ghi \(output). Chạy 'motcua replay \(output)' để phát lại.\n")
        return 0
    }
}
