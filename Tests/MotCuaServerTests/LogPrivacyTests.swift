import Foundation
import MotCuaChannels
import MotCuaCore
import MotCuaReplay
import Testing

@testable import MotCuaServer

/// Feeds every conversation fixture and crafted personal data through the real service at log
/// level trace, then scans every log line for what the citizens typed.
struct LogPrivacyTests {
    static let fixtureFolder = ServiceHarness.repositoryRoot.appendingPathComponent("fixtures/conversations").path

    /// Fake personal data in the shapes the flows ask for.
    static let planted = [
        "079012345678",  // citizen ID (CCCD)
        "0987654321",  // phone number
        "0987 654 321",
        "Lê Thị Hồng Nhung",
        "le thi hong nhung",
        "12 Đường Nguyễn Trãi, Phường Bến Thành",
        "Cống nước trước nhà số 12 bị vỡ, nước tràn ra đường",
    ]

    @Test func logsContainNoCitizenInput() async throws {
        let harness = try ServiceHarness()
        harness.logLevel = .trace
        try harness.start()

        var typed: Set<String> = []
        var starters: [String] = []
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.fixtureFolder)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.count >= 13)
        for (index, file) in files.enumerated() {
            let fixture = try FixtureParser.load(path: Self.fixtureFolder + "/" + file)
            let user = "81000000000000\(String(format: "%05d", index))"
            var first = true
            for case .send(let content, _, _) in fixture.turns {
                guard let text = Self.text(of: content) else { continue }
                if first {
                    starters.append(text)
                    first = false
                }
                typed.insert(text)
                try await harness.sendText(text, user: user)
            }
        }

        // Each fixture's first message starts a flow, and the planted values are sent as replies to its steps.
        for (index, starter) in starters.enumerated() {
            let user = "82000000000000\(String(format: "%05d", index))"
            try await harness.sendText(starter, user: user)
            for value in Self.planted {
                try await harness.sendText(value, user: user)
            }
        }
        #expect(try await harness.waitUntilIdle(timeout: 120))
        harness.stop()

        let logs = harness.logs.recorded.joined(separator: "\n")
        #expect(logs.contains("msg=\"event processed\""))
        let leakedPlanted = (Self.planted + Self.digitForms(Self.planted)).filter { logs.contains($0) }
        #expect(leakedPlanted.isEmpty, "log lines contain planted personal data: \(leakedPlanted)")
        let distinctive = typed.filter(Self.isDistinctive)
        #expect(distinctive.count >= 50)
        let leakedTexts = distinctive.filter { logs.contains($0) }.sorted()
        #expect(leakedTexts.isEmpty, "log lines contain citizen texts: \(leakedTexts)")
    }

    /// Returns the text a Zalo citizen would type for a fixture turn; nil for content the Zalo
    /// text builder cannot send.
    static func text(of content: InboundContent) -> String? {
        switch content {
        case .text(let text), .button(let text):
            return text.contains("{{") ? nil : text
        default:
            return nil
        }
    }

    /// Phone and ID numbers also appear without spaces after normalisation.
    static func digitForms(_ values: [String]) -> [String] {
        values.map { $0.filter(\.isNumber) }.filter { $0.count >= 9 }
    }

    /// Returns whether a citizen text is unlikely to occur in a log line by chance. Short replies
    /// such as "1", "có" or "menu" and single plain words also occur in ordinary log words, so only
    /// texts of at least six characters with a space, a digit or a Vietnamese letter count.
    static func isDistinctive(_ text: String) -> Bool {
        guard text.count >= 6 else { return false }
        return text.contains(" ") || text.contains(where: \.isNumber) || text.contains { !$0.isASCII }
    }
}
