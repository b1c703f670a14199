import Foundation
import MotCuaChannels
import MotCuaCore
import MotCuaHTTP
import MotCuaReplay
import MotCuaServer
import Synchronization

/// `motcua demo`: the real server, a mock Zalo API and a terminal chat on loopback.
enum DemoCommand {
    static let appID = "DEMO_APP_ID"
    static let oaID = "DEMO_OA_ID"
    static let secret = "DEMO_OA_SECRET"
    static let databasePath = "data/demo.sqlite"
    /// An official's token for trying the admin API against the demo. It is public, so the demo
    /// listens on loopback unless MOTCUA_LISTEN says otherwise.
    static let officerToken = "demo-officer-token-0001"
    /// A second official's token, so a broadcast created with the first can be approved.
    static let secondOfficerToken = "demo-officer-token-0002"
    /// An admin's token, the only role allowed to send emergency broadcasts by default.
    static let adminToken = "demo-admin-token-0003"

    static func run(_ arguments: [String], environment: [String: String]) -> Int32 {
        let fresh: Bool
        let userID: String
        var quietHours: String?
        switch CommandOptions.parse(
            arguments, command: "demo", flags: ["--fresh"],
            valued: ["--user": "123456", "--quiet-hours": "06:00-23:00"])
        {
        case .help:
            print(HelpText.demo)
            return 0
        case .invalid:
            return 2
        case .options(let options):
            fresh = options.has("--fresh")
            userID = options.value("--user") ?? "1000000000000000001"
            quietHours = options.value("--quiet-hours")
        }
        if fresh {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: databasePath + suffix) }
            FileHandleOutput.standardOutput("Đã xóa dữ liệu demo cũ (\(databasePath)).\n")
        }

        let replies = ReplyPrinter()
        // With MOTCUA_FAKE_CLOCK=1 the server's clock moves forward through the mock, so that
        // `motcua replay --target` can replay `wait:` turns against the demo.
        let clock: AdjustableClock? = environment["MOTCUA_FAKE_CLOCK"] == "1" ? AdjustableClock() : nil
        // The mock also receives replies to other users, such as those of a replay run against the
        // demo. The chat shows only the replies to its own citizen.
        let mock = MockZaloAPI(
            clock: clock,
            onMessage: { message in
                if message.recipient == userID { replies.print(message.text) }
            })
        do {
            try mock.start()
        } catch {
            CommandLineError.report("không mở được Zalo giả lập trên 127.0.0.1: \(error)")
            return 2
        }
        defer { mock.stop() }

        var configuration: Configuration
        do {
            var demoEnvironment = environment
            // Port 8080 keeps the printed curl example the same between runs; a free port is used
            // when 8080 is taken.
            demoEnvironment["MOTCUA_LISTEN"] = environment["MOTCUA_LISTEN"] ?? "127.0.0.1:8080"
            demoEnvironment["MOTCUA_DATABASE"] = "sqlite:\(databasePath)"
            // Warnings such as a rejected admin token would land in the middle of the chat.
            demoEnvironment["MOTCUA_LOG_LEVEL"] = environment["MOTCUA_LOG_LEVEL"] ?? "error"
            demoEnvironment["MOTCUA_ADMIN_TOKENS"] =
                environment["MOTCUA_ADMIN_TOKENS"]
                ?? "officer:\(officerToken),officer:\(secondOfficerToken),admin:\(adminToken)"
            configuration = try Configuration.load(file: nil, environment: demoEnvironment)
        } catch {
            CommandLineError.report("cấu hình không hợp lệ: \(error)")
            return 2
        }
        configuration.zalo.appID = appID
        configuration.zalo.oaID = oaID
        configuration.zalo.oaSecret = secret
        configuration.zalo.accessToken = "DEMO_ACCESS_TOKEN"
        configuration.zalo.apiBase = mock.baseURL
        // A replay against the demo expects a turn's replies together, and the per-citizen limit
        // would space them a second apart once its burst is spent.
        if clock != nil { configuration.limits.perRecipientPerSecond = 0 }
        // Broadcasts go out at once in the demo, whatever the hour, unless --quiet-hours sets a span.
        let zone = configuration.broadcast.quietHours.timeZone
        configuration.broadcast.quietHours = .none(timeZone: zone)
        if let quietHours {
            guard let hours = QuietHours.parse(quietHours, timeZone: zone) else {
                CommandLineError.report(
                    "--quiet-hours '\(quietHours)' không hợp lệ; viết dạng GIỜ:PHÚT-GIỜ:PHÚT, ví dụ 06:00-23:00")
                return 2
            }
            configuration.broadcast.quietHours = hours
        }

        let logger = ServiceRunner.makeLogger(configuration)
        let service: MotCuaService
        do {
            do {
                service = try startService(configuration, logger: logger, clock: clock)
            } catch let error as HTTPError where error.code == .bindFailed && environment["MOTCUA_LISTEN"] == nil {
                configuration.listenPort = 0
                service = try startService(configuration, logger: logger, clock: clock)
            }
        } catch {
            CommandLineError.report("không khởi động được server: \(StartupFailure.describe(error))")
            return 2
        }
        defer { service.stop() }

        let chat = DemoChat(
            serverURL: "http://127.0.0.1:\(service.port)/webhooks/zalo", userID: userID,
            settings: ZaloSettings(appID: appID, oaID: oaID, signatureSecret: secret, accessToken: "DEMO_ACCESS_TOKEN"),
            replies: replies)
        FileHandleOutput.standardOutput(
            """
            MotCua demo: server ở http://127.0.0.1:\(service.port), Zalo giả lập ở \(mock.baseURL)
            Dữ liệu lưu ở \(databasePath). Gõ tin nhắn rồi Enter; /thoat để thoát.
            Cán bộ thử API quản trị từ một terminal khác, ví dụ đổi trạng thái hồ sơ (thay MÃ bằng mã hồ sơ):
              curl -X PATCH -H 'Authorization: Bearer \(officerToken)' -d '{"status":"processing","note":"Đã nhận đủ giấy tờ"}' http://127.0.0.1:\(service.port)/api/dossiers/MÃ
            Gửi thông báo: trong chat gõ "nhận thông báo" để đăng ký, rồi ở terminal khác, cán bộ 1 tạo, cán bộ 2 duyệt:
              export MOTCUA_SERVER=http://127.0.0.1:\(service.port)
              MOTCUA_TOKEN=\(officerToken) \(motcua) broadcast create --text "{xa}: tiêm chủng ngày {ngay}"
              MOTCUA_TOKEN=\(secondOfficerToken) \(motcua) broadcast approve 1
              MOTCUA_TOKEN=\(officerToken) \(motcua) broadcast status 1 --follow   (hủy: \(motcua) broadcast cancel 1)
            Thông báo khẩn cấp (gửi cả trong giờ yên lặng) cần token admin:
              MOTCUA_TOKEN=\(adminToken) \(motcua) broadcast create --emergency --text "{xa}: cảnh báo mưa lớn"
            Giờ yên lặng: \(quietHoursLine(configuration.broadcast.quietHours))

            """)
        return chat.run()
    }

    /// The command that runs this binary, as printed in the demo's examples: its absolute path, because
    /// `make run` and `swift run` do not put `motcua` on PATH.
    static var motcua: String {
        let path = Bundle.main.executablePath ?? CommandLine.arguments[0]
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        return absolute.contains(" ") ? "'\(absolute)'" : absolute
    }

    private static func quietHoursLine(_ hours: QuietHours) -> String {
        guard hours.startMinute != hours.endMinute else {
            return "tắt; chạy demo với --quiet-hours 06:00-23:00 để thử"
        }
        return "\(hours.text) (thông báo thường chờ tới hết giờ này)"
    }
}

/// Starts a service, and stops what it started when the HTTP server cannot listen.
private func startService(_ configuration: Configuration, logger: Logger, clock: AdjustableClock?) throws
    -> MotCuaService
{
    let service = try MotCuaService(
        configuration: configuration, logger: logger, clock: { clock?.now() ?? Date() })
    do {
        try service.start()
    } catch {
        service.stop()
        throw error
    }
    return service
}

/// Prints the bot's replies as the mock Zalo API receives them and counts them, so the chat can
/// wait until the bot has sent all its replies.
final class ReplyPrinter: Sendable {
    private let count = Atomic<Int>(0)
    /// True while "Bạn: " waits for a line; a reply arriving then, such as an official's status
    /// message, starts on a new line and the prompt is shown again after it.
    private let promptShown = Atomic<Bool>(false)

    func print(_ text: String) {
        let indented = text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n     ")
        if promptShown.load(ordering: .acquiring) {
            FileHandleOutput.standardOutput("\nBot: \(indented)\nBạn: ")
        } else {
            FileHandleOutput.standardOutput("Bot: \(indented)\n")
        }
        count.add(1, ordering: .releasing)
    }

    func promptChanged(shown: Bool) {
        promptShown.store(shown, ordering: .releasing)
    }

    var received: Int { count.load(ordering: .acquiring) }
}
