import Foundation
import MotCuaChannels
import MotCuaCore
import Testing

struct MessengerFixtureTests {
    struct FixtureCase: Sendable, CustomStringConvertible {
        var file: String
        var expected: MessengerWebhookBatch
        var description: String { file }
    }

    static let user1 = "PSID_TEST_1"
    static let user2 = "PSID_TEST_2"

    static func event(_ eventID: String, _ userID: String, _ timestamp: Int64, _ content: InboundContent)
        -> InboundEvent
    {
        InboundEvent(
            channel: .messenger, eventID: eventID, userID: userID, timestampMillis: timestamp, content: content)
    }

    static func single(_ eventID: String, _ timestamp: Int64, _ content: InboundContent) -> MessengerWebhookBatch {
        MessengerWebhookBatch(events: [event(eventID, user1, timestamp, content)])
    }

    static let cases: [FixtureCase] = [
        FixtureCase(
            file: "text_escaped_vietnamese",
            expected: MessengerWebhookBatch(events: [
                event(
                    "m_TEST_1", "PSID_1", 1_718_000_000_123, .text("Xin chào đại lý 😀 https://example.invalid/a"))
            ])),
        FixtureCase(
            file: "text",
            expected: single(
                "m_TEST_text", 1_718_000_001_234, .text("Cho tôi hỏi thủ tục cấp lại căn cước ở phường"))),
        FixtureCase(
            file: "quick_reply", expected: single("m_TEST_quick_reply", 1_718_000_002_345, .button("tra_cuu_ho_so"))),
        FixtureCase(file: "postback", expected: single("m_TEST_postback", 1_718_000_003_456, .button("phan_anh"))),
        FixtureCase(
            file: "postback_get_started",
            expected: MessengerWebhookBatch(events: [
                event("postback:\(user2):1718000004567", user2, 1_718_000_004_567, .button("GET_STARTED"))
            ])),
        FixtureCase(
            file: "image",
            expected: single(
                "m_TEST_image", 1_718_000_005_678,
                .image(url: "https://example.com/messenger/photo-0001.jpg", caption: nil))),
        FixtureCase(
            file: "sticker", expected: single("m_TEST_sticker", 1_718_000_006_789, .sticker(id: "369239263222822"))),
        FixtureCase(
            file: "file",
            expected: single(
                "m_TEST_file", 1_718_000_007_890,
                .file(url: "https://example.com/messenger/file/don-de-nghi.pdf", name: nil))),
        FixtureCase(
            file: "location",
            expected: single(
                "m_TEST_location", 1_718_000_008_901, .location(latitude: 11.3100543, longitude: 106.0983914))),
        FixtureCase(file: "audio", expected: single("m_TEST_audio", 1_718_000_009_012, .unsupported(kind: "audio"))),
        FixtureCase(file: "video", expected: single("m_TEST_video", 1_718_000_010_123, .unsupported(kind: "video"))),
        FixtureCase(
            file: "link_share_fallback",
            expected: single("m_TEST_fallback", 1_718_000_011_234, .unsupported(kind: "fallback"))),
        FixtureCase(
            file: "batched_two_entries",
            expected: MessengerWebhookBatch(
                events: [
                    event("m_TEST_batch_1", user1, 1_718_000_012_100, .text("Xin chào")),
                    event("m_TEST_batch_2", user1, 1_718_000_012_300, .text("Email: nguoidan@example.com <thử>")),
                    event("m_TEST_batch_3", user2, 1_718_000_012_400, .text("Đặt lịch hẹn")),
                ],
                ignored: ["read"])),
        FixtureCase(file: "echo", expected: MessengerWebhookBatch(ignored: ["echo"])),
        FixtureCase(file: "read", expected: MessengerWebhookBatch(ignored: ["read"])),
        FixtureCase(file: "delivery", expected: MessengerWebhookBatch(ignored: ["delivery"])),
        FixtureCase(file: "standby", expected: MessengerWebhookBatch(ignored: ["standby"])),
    ]

    static func fixture(_ name: String) throws -> [UInt8] {
        let url = packageRoot.appendingPathComponent("fixtures/webhooks/messenger/\(name).json")
        return Array(try Data(contentsOf: url))
    }

    @Test(arguments: cases)
    func fixtureDecodes(_ fixture: FixtureCase) throws {
        let body = try Self.fixture(fixture.file)
        #expect(try MessengerWebhook.decode(body: body) == fixture.expected)
    }

    /// Text compared scalar by scalar, because String equality ignores normalization.
    @Test func decodedTextIsNFC() throws {
        let batch = try MessengerWebhook.decode(body: try Self.fixture("text_escaped_vietnamese"))
        guard case .text(let text) = batch.events.first?.content else {
            Issue.record("expected text content, got \(String(describing: batch.events.first?.content))")
            return
        }
        #expect(Array(text.unicodeScalars) == Array(text.precomposedStringWithCanonicalMapping.unicodeScalars))
        #expect(text.unicodeScalars.contains("\u{E0}"))
    }

    @Test(arguments: cases)
    func fixtureVerifies(_ fixture: FixtureCase) throws {
        let body = try Self.fixture(fixture.file)
        let header = MessengerWebhook.signatureHeaderValue(body: body, settings: messengerTestSettings)
        try MessengerWebhook.verify(body: body, signatureHeader: header, settings: messengerTestSettings)
    }

    /// The expected value was computed with Python's hmac module over the file's exact bytes.
    @Test func batchedFixtureMatchesIndependentDigest() throws {
        let body = try Self.fixture("batched_two_entries")
        let expected = "sha256=c56205cbadbb8b5bd5797131d6c557801fa6b7b2c6cb0f0cd004036a39c0afb6"
        try MessengerWebhook.verify(body: body, signatureHeader: expected, settings: messengerTestSettings)
    }

    @Test func everyFixtureFileHasACase() throws {
        let directory = packageRoot.appendingPathComponent("fixtures/webhooks/messenger")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".json") }
            .map { String($0.dropLast(".json".count)) }

        #expect(Set(files) == Set(Self.cases.map(\.file)))
    }
}
