import Foundation
import MotCuaChannels
import MotCuaCore
import MotCuaHTTP
import MotCuaServer
import Testing

@testable import MotCuaReplay

/// Runs `motcua replay --target` against a real service and the mock platform API on loopback.
@Suite(.serialized)
struct ReplayTargetTests {
    private func targetSettings(_ harness: ServiceHarness) -> TargetSettings {
        var target = TargetSettings(
            serverURL: "http://127.0.0.1:\(harness.service!.port)", mockURL: harness.mock.baseURL)
        target.zalo = ServiceHarness.settings
        target.telegram = TelegramSettings(
            token: ServiceHarness.telegramToken, secretToken: ServiceHarness.telegramSecret)
        target.messenger = ServiceHarness.messengerSettings
        target.replyTimeout = 5
        target.quietPeriod = 0.3
        return target
    }

    /// Runs the replay on a thread of its own: it blocks while it waits for HTTP responses, and
    /// blocking a thread of the cooperative pool could starve the tasks that complete them.
    private func run(_ paths: [String], target: TargetSettings) async -> (
        status: Int32, output: String, errors: String
    ) {
        var options = ReplayOptions(paths: paths, templates: ConversationFixtureTests.templates)
        options.target = target
        let finalOptions = options
        return await withCheckedContinuation { continuation in
            let thread = Thread {
                var output = ""
                var errors = ""
                let status = ReplaySession.run(finalOptions, output: { output += $0 }, errorOutput: { errors += $0 })
                continuation.resume(returning: (status, output, errors))
            }
            thread.start()
        }
    }

    /// Copies a repository fixture with another channel into a temporary folder.
    private func fixture(_ name: String, channel: ChannelKind) throws -> String {
        let source = try String(contentsOfFile: ConversationFixtureTests.folder + "/" + name, encoding: .utf8)
        let text = source.replacingOccurrences(of: "channel: zalo", with: "channel: \(channel.rawValue)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("replay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(name).path
        try text.replacingOccurrences(of: "templates: ../../templates\n", with: "").write(
            toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("fixture passes over HTTP", arguments: ChannelKind.allCases)
    func fixturePassesOverHTTP(_ channel: ChannelKind) async throws {
        let harness = try ServiceHarness()
        try harness.start()
        let path = try fixture("huy-nhan-tin--giu.yaml", channel: channel)
        let result = await run([path], target: targetSettings(harness))

        #expect(result.status == 0, "\(result.output)\(result.errors)")
        #expect(result.output.hasSuffix("1 đạt, 0 lỗi\n"))
        #expect(harness.mock.messages(on: channel).count == 3)
    }

    @Test func changedReplyFailsOverHTTP() async throws {
        let harness = try ServiceHarness()
        try harness.start()
        let path = try fixture("huy-nhan-tin--giu.yaml", channel: .zalo)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "Bác vẫn nhận thông báo như cũ.", with: "Đã giữ.").write(
            toFile: path, atomically: true, encoding: .utf8)
        let result = await run([path], target: targetSettings(harness))

        #expect(result.status == 1)
        #expect(result.output.contains("\(path):16: lượt 3 (\"ko\")"), "\(result.output)")
        #expect(result.output.contains("    + Bác vẫn nhận thông báo như cũ. Gõ \"menu\" để làm việc khác."))
    }

    @Test func webhookFixturesArePostedAndReported() async throws {
        let harness = try ServiceHarness()
        try harness.start()
        let root = ServiceHarness.repositoryRoot.appendingPathComponent("fixtures/webhooks")
        let files = [
            root.appendingPathComponent("zalo/user_send_text.json").path,
            root.appendingPathComponent("telegram/message_text.json").path,
            root.appendingPathComponent("messenger/text.json").path,
        ]
        let result = await run(files, target: targetSettings(harness))

        #expect(result.status == 0, "\(result.output)\(result.errors)")
        for file in files {
            #expect(result.output.contains("\(file): HTTP 200"), "\(result.output)")
        }
    }

    @Test func mockListsMessagesPerUser() async throws {
        let harness = try ServiceHarness()
        try harness.start()
        let path = try fixture("huy-nhan-tin--giu.yaml", channel: .telegram)
        _ = await run([path], target: targetSettings(harness))

        let recipient = try #require(harness.mock.messages.first?.recipient)
        let response = try await harness.client.send(
            HTTPClientRequest(url: harness.mock.baseURL + "/__mock/messages?user=" + recipient))
        #expect(response.status == 200)
        let listed = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [[String: Any]])
        #expect(listed.count == 3)
        #expect(listed.first?["channel"] as? String == "telegram")
        #expect(listed.first?["button_titles"] as? [String] == ["1. Có", "2. Không"])
    }

    static let waitingFixture = """
        name: quay lại sau 45 phút
        start: 2026-03-02T08:00:00+07:00
        turns:
          - user: khai sinh
          - wait: 45m
          - user: nguyen van an
            expect:
              - contains: đang làm dở
                buttons: [Làm tiếp, Làm lại từ đầu]
        """

    @Test func waitMovesTheServerClock() async throws {
        let harness = try ServiceHarness()
        let clock = AdjustableClock()
        let mock = MockZaloAPI(clock: clock)
        try mock.start()
        defer { mock.stop() }
        var configuration = harness.configuration()
        configuration.zalo.apiBase = mock.baseURL
        let service = try MotCuaService(
            configuration: configuration, logger: Logger(label: "test", level: .error), clock: { clock.now() })
        try service.start()
        defer { service.stop() }

        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cho-\(UUID().uuidString).yaml").path
        try Self.waitingFixture.write(toFile: path, atomically: true, encoding: .utf8)
        var target = TargetSettings(serverURL: "http://127.0.0.1:\(service.port)", mockURL: mock.baseURL)
        target.zalo = ServiceHarness.settings
        target.quietPeriod = 0.3
        let result = await run([path], target: target)

        #expect(result.status == 0, "\(result.output)\(result.errors)")
        #expect(result.output.hasSuffix("1 đạt, 0 lỗi\n"))
        // The replay puts the clock at `start:` (08:00 +07:00) and then moves it 45 minutes on.
        let elapsed = clock.now().timeIntervalSince(Date(timeIntervalSince1970: 1_772_413_200))
        #expect(elapsed > 2690, "clock is at \(clock.now())")
        #expect(elapsed < 2760, "clock is at \(clock.now())")
    }

    @Test func waitIsSkippedWithoutAClock() async throws {
        let harness = try ServiceHarness()
        try harness.start()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cho-\(UUID().uuidString).yaml").path
        try Self.waitingFixture.write(toFile: path, atomically: true, encoding: .utf8)
        let result = await run([path], target: targetSettings(harness))

        #expect(result.status == 0)
        #expect(result.errors.contains("Cảnh báo: bỏ qua \(path): lượt wait:"))
        #expect(harness.mock.messages.isEmpty, "a skipped fixture sends nothing")
    }

    /// Starts a service on a fake clock behind a mock that moves it, as
    /// `MOTCUA_FAKE_CLOCK=1 motcua demo` does, with the given per-citizen send limit.
    private func startFakeClockService(_ harness: ServiceHarness, perRecipientPerSecond: Double) throws -> (
        MotCuaService, MockZaloAPI, AdjustableClock
    ) {
        let clock = AdjustableClock()
        let mock = MockZaloAPI(clock: clock)
        try mock.start()
        var configuration = harness.configuration()
        configuration.zalo.apiBase = mock.baseURL
        configuration.limits.perRecipientPerSecond = perRecipientPerSecond
        let service = try MotCuaService(
            configuration: configuration, logger: Logger(label: "test", level: .error), clock: { clock.now() })
        try service.start()
        return (service, mock, clock)
    }

    @Test func shippedFixturesPassOverHTTP() async throws {
        let harness = try ServiceHarness()
        let (service, mock, _) = try startFakeClockService(harness, perRecipientPerSecond: 0)
        defer {
            service.stop()
            mock.stop()
        }
        var target = TargetSettings(serverURL: "http://127.0.0.1:\(service.port)", mockURL: mock.baseURL)
        target.zalo = ServiceHarness.settings
        target.quietPeriod = 0.2

        let result = await run([ConversationFixtureTests.folder], target: target)

        #expect(result.status == 0, "\(result.output)\(result.errors)")
        #expect(result.output.hasSuffix(" đạt, 0 lỗi\n"), "\(result.output)")
        #expect(!result.errors.contains("Cảnh báo"), "\(result.errors)")
    }

    @Test func spacedRepliesStayInOneTurn() async throws {
        let harness = try ServiceHarness()
        harness.rateLimits.perRecipientPerSecond = 1
        harness.rateLimits.perRecipientBurst = 1
        try harness.start()
        var target = targetSettings(harness)
        target.quietPeriod = 0.3
        // The menu turn sends two replies; with a burst of one the second comes a second later.
        let path = try fixture("menu--go-sai.yaml", channel: .zalo)

        let result = await run([path], target: target)

        #expect(result.status == 0, "\(result.output)\(result.errors)")
    }

    @Test func startSetsTheServerClock() async throws {
        let harness = try ServiceHarness()
        let (service, mock, clock) = try startFakeClockService(harness, perRecipientPerSecond: 0)
        defer {
            service.stop()
            mock.stop()
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bat-dau-\(UUID().uuidString).yaml")
        try """
        name: ngày bắt đầu
        start: 2026-03-02T08:00:00+07:00
        turns:
          - user: alo
        """.write(to: path, atomically: true, encoding: .utf8)
        var target = TargetSettings(serverURL: "http://127.0.0.1:\(service.port)", mockURL: mock.baseURL)
        target.zalo = ServiceHarness.settings
        target.quietPeriod = 0.2

        let result = await run([path.path], target: target)

        #expect(result.status == 0, "\(result.output)\(result.errors)")
        let start = Date(timeIntervalSince1970: 1_772_413_200)
        #expect(abs(clock.now().timeIntervalSince(start)) < 60, "clock is at \(clock.now())")
    }

    @Test func realClockIsWarnedAbout() async throws {
        let harness = try ServiceHarness()
        try harness.start()
        let path = try fixture("huy-nhan-tin--giu.yaml", channel: .zalo)

        let result = await run([path], target: targetSettings(harness))

        #expect(result.status == 0, "\(result.output)\(result.errors)")
        #expect(result.errors.contains("ngày giờ theo đồng hồ thật"), "\(result.errors)")
    }

    @Test func zaloListedButtonsAreButtons() {
        let text = "Bác gõ một số trong danh sách:\n1. Làm giấy tờ\n2. Gặp cán bộ\nHoặc gõ menu."
        let reply = TargetClient.reply(
            from: TargetClient.MockReply(channel: "zalo", text: text, buttonTitles: []), channel: .zalo)

        #expect(reply.text == text)
        #expect(reply.buttons.map(\.title) == ["Làm giấy tờ", "Gặp cán bộ"])
    }

    @Test func webhookWithoutSecretExitsTwo() async throws {
        let harness = try ServiceHarness()
        try harness.start()
        var target = targetSettings(harness)
        target.telegram = nil
        let file = ServiceHarness.repositoryRoot.appendingPathComponent("fixtures/webhooks/telegram/message_text.json")

        let result = await run([file.path], target: target)

        #expect(result.status == 2, "\(result.output)\(result.errors)")
        #expect(result.errors.contains("MOTCUA_TELEGRAM_SECRET"), "\(result.errors)")
        #expect(!result.output.contains("HTTP 0"), "\(result.output)")
    }

    @Test func missingSecretHasNoFileLinePrefix() async throws {
        let harness = try ServiceHarness()
        try harness.start()
        var target = targetSettings(harness)
        target.zalo = nil
        let path = try fixture("huy-nhan-tin--giu.yaml", channel: .zalo)

        let result = await run([path], target: target)

        #expect(result.status == 2)
        #expect(result.errors.contains("MOTCUA_ZALO_OA_SECRET"), "\(result.errors)")
        #expect(!result.errors.contains("zalo:0:"), "\(result.errors)")
    }
}
