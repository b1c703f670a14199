import Foundation

/// `motcua broadcast`: officials create, approve, follow, pause, resume and cancel broadcasts
/// through the admin API.
enum BroadcastCommand {
    private static let common: [String: String] = [
        "--server": "http://127.0.0.1:8080", "--token-file": "token.txt",
    ]

    static func run(_ arguments: [String], environment: [String: String]) -> Int32 {
        guard let subcommand = arguments.first else {
            FileHandleOutput.standardOutput(HelpText.broadcast + "\n")
            return 2
        }
        let rest = Array(arguments.dropFirst())
        switch subcommand {
        case "-h", "--help", "help":
            FileHandleOutput.standardOutput(HelpText.broadcast + "\n")
            return 0
        case "create":
            return create(rest, environment: environment)
        case "list":
            return list(rest, environment: environment)
        case "status":
            return status(rest, environment: environment)
        case "approve", "cancel", "pause", "resume":
            return change(subcommand, rest, environment: environment)
        default:
            CommandLineError.report(
                "lệnh con không tồn tại: '\(subcommand)'. Dùng create, approve, status, cancel, pause, resume, list.")
            return 2
        }
    }

    private static func create(_ arguments: [String], environment: [String: String]) -> Int32 {
        let valued = common.merging([
            "--text": "\"{xa}: tiêm chủng ngày {ngay}\"", "--image": "https://…/anh.jpg",
            "--link-title": "\"Xem chi tiết\"", "--link-url": "https://…", "--communes": "\"Bình Hòa,An Phú\"",
            "--topics": "y-te,thien-tai", "--channels": "zalo,telegram", "--at": "2026-03-01T08:00:00+07:00",
            "--expires": "2026-03-08T00:00:00+07:00",
        ]) { first, _ in first }
        guard
            case .options(let options) = parse(
                arguments, command: "broadcast create", help: HelpText.broadcastCreate,
                flags: ["--emergency", "--dry-run"],
                valued: valued)
        else { return helpOrInvalid(arguments) }
        guard let text = options.value("--text") else {
            CommandLineError.report("thiếu --text; ví dụ: --text \"{xa}: tiêm chủng ngày {ngay}\"")
            return 2
        }
        var body: [String: Any] = ["text": text]
        body["image_url"] = options.value("--image")
        body["link_title"] = options.value("--link-title")
        body["link_url"] = options.value("--link-url")
        body["scheduled_at"] = options.value("--at")
        body["expires_at"] = options.value("--expires")
        if options.has("--emergency") { body["emergency"] = true }
        if options.has("--dry-run") { body["dry_run"] = true }
        var audience: [String: Any] = [:]
        for (option, field) in [("--communes", "communes"), ("--topics", "topics"), ("--channels", "channels")] {
            if let value = options.value(option) {
                audience[field] = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            }
        }
        if !audience.isEmpty { body["audience"] = audience }

        return withClient(options, environment: environment) { (client) throws(BroadcastClient.Failure) -> Int32 in
            let response = try client.send("POST", "/api/broadcasts", body: body)
            if options.has("--dry-run") {
                FileHandleOutput.standardOutput(BroadcastOutput.dryRun(response.json))
            } else {
                FileHandleOutput.standardOutput(BroadcastOutput.created(response.json))
            }
            return 0
        }
    }

    private static func list(_ arguments: [String], environment: [String: String]) -> Int32 {
        guard
            case .options(let options) = parse(
                arguments, command: "broadcast list", help: HelpText.broadcastList, valued: common)
        else { return helpOrInvalid(arguments) }
        return withClient(options, environment: environment) { (client) throws(BroadcastClient.Failure) -> Int32 in
            let response = try client.send("GET", "/api/broadcasts")
            let items = response.json["items"] as? [[String: Any]] ?? []
            if items.isEmpty { FileHandleOutput.standardOutput("Chưa có thông báo nào.\n") }
            for item in items { FileHandleOutput.standardOutput(BroadcastOutput.line(item)) }
            return 0
        }
    }

    private static func status(_ arguments: [String], environment: [String: String]) -> Int32 {
        let (id, rest) = splitID(arguments)
        let valued = common.merging(["--interval": "2"]) { first, _ in first }
        guard
            case .options(let options) = parse(
                rest, command: "broadcast status", help: HelpText.broadcastStatus, flags: ["--follow"], valued: valued)
        else { return helpOrInvalid(rest) }
        guard let id else {
            CommandLineError.report("thiếu số thông báo; ví dụ: motcua broadcast status 3 --follow")
            return 2
        }
        let interval = Double(options.value("--interval") ?? "2") ?? -1
        guard interval > 0 else {
            CommandLineError.report(
                "--interval '\(options.value("--interval") ?? "")' không hợp lệ; dùng số giây dương")
            return 2
        }
        return withClient(options, environment: environment) { (client) throws(BroadcastClient.Failure) -> Int32 in
            guard options.has("--follow") else {
                let response = try client.send("GET", "/api/broadcasts/\(id)")
                FileHandleOutput.standardOutput(BroadcastOutput.summary(response.json))
                return 0
            }
            return try BroadcastFollower(client: client, id: id, interval: interval).run()
        }
    }

    private static func change(_ command: String, _ arguments: [String], environment: [String: String]) -> Int32 {
        let (id, rest) = splitID(arguments)
        guard
            case .options(let options) = parse(
                rest, command: "broadcast \(command)", help: HelpText.broadcastChange, valued: common)
        else { return helpOrInvalid(rest) }
        guard let id else {
            CommandLineError.report("thiếu số thông báo; ví dụ: motcua broadcast \(command) 3")
            return 2
        }
        return withClient(options, environment: environment) { (client) throws(BroadcastClient.Failure) -> Int32 in
            let response = try client.send("POST", "/api/broadcasts/\(id)/\(command)", body: [:])
            FileHandleOutput.standardOutput(BroadcastOutput.summary(response.json))
            return 0
        }
    }

    /// Takes the first argument that is a number as the broadcast id.
    private static func splitID(_ arguments: [String]) -> (Int64?, [String]) {
        guard let index = arguments.firstIndex(where: { Int64($0) != nil }) else { return (nil, arguments) }
        // A number right after an option is that option's value, such as `--interval 5`.
        if index > 0, arguments[index - 1].hasPrefix("--"), arguments[index - 1] != "--follow" {
            return (nil, arguments)
        }
        var rest = arguments
        let id = Int64(rest.remove(at: index))
        return (id, rest)
    }

    private static func parse(
        _ arguments: [String], command: String, help: String, flags: Set<String> = [], valued: [String: String]
    ) -> CommandOptions.Outcome {
        let outcome = CommandOptions.parse(arguments, command: command, flags: flags, valued: valued)
        if case .help = outcome { FileHandleOutput.standardOutput(help + "\n") }
        return outcome
    }

    /// Returns the exit code after `parse` returned help (0) or an error it already reported (2).
    private static func helpOrInvalid(_ arguments: [String]) -> Int32 {
        arguments.contains("--help") || arguments.contains("-h") ? 0 : 2
    }

    private static func withClient(
        _ options: CommandOptions, environment: [String: String],
        _ body: (BroadcastClient) throws(BroadcastClient.Failure) -> Int32
    ) -> Int32 {
        do {
            let client = try BroadcastClient.make(options: options, environment: environment)
            defer { client.shutdown() }
            return try body(client)
        } catch {
            CommandLineError.report(error.message)
            return error.exitCode
        }
    }
}
