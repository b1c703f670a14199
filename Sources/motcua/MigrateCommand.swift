import Foundation
import MotCuaServer

/// `motcua migrate`: applies pending schema migrations to the configured database and lists them.
enum MigrateCommand {
    static func run(_ arguments: [String], environment: [String: String]) -> Int32 {
        var configFile: String?
        switch CommandOptions.parse(arguments, command: "migrate", valued: ["--config": "motcua.yaml"]) {
        case .help:
            print(HelpText.migrate)
            return 0
        case .invalid:
            return 2
        case .options(let options):
            configFile = options.value("--config")
        }
        if configFile == nil, FileManager.default.fileExists(atPath: "motcua.yaml") {
            configFile = "motcua.yaml"
        }

        let configuration: Configuration
        do {
            configuration = try Configuration.load(file: configFile, environment: environment)
        } catch {
            CommandLineError.report("cấu hình không hợp lệ: \(error)")
            return 2
        }

        let applied: [Int]
        do {
            applied = try configuration.migrateDatabase()
        } catch {
            CommandLineError.report(
                "không cập nhật được cơ sở dữ liệu \(configuration.databaseDescription): \(StartupFailure.describe(error))"
            )
            return 2
        }
        if applied.isEmpty {
            print(
                "Cơ sở dữ liệu \(configuration.databaseDescription) đã ở phiên bản mới nhất; không có bước nào cần áp dụng."
            )
        } else {
            let list = applied.map(String.init).joined(separator: ", ")
            print("Đã áp dụng \(applied.count) bước cập nhật cho \(configuration.databaseDescription): \(list).")
        }
        return 0
    }
}
