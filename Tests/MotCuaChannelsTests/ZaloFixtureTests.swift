import Foundation
import MotCuaChannels
import MotCuaCore
import Testing

struct ZaloFixtureTests {
    struct FixtureCase: Sendable, CustomStringConvertible {
        var file: String
        var expected: ZaloWebhookDecision
        var description: String { file }
    }

    static func event(_ eventID: String, _ userID: String, _ timestamp: Int64, _ content: InboundContent)
        -> ZaloWebhookDecision
    {
        .events([
            InboundEvent(channel: .zalo, eventID: eventID, userID: userID, timestampMillis: timestamp, content: content)
        ])
    }

    static let user1 = "5800000000000000001"
    static let user2 = "5800000000000000002"

    static let cases: [FixtureCase] = [
        FixtureCase(
            file: "user_send_text",
            expected: event(
                "0a1b2c3d4e5f60718293a4b5c6d7e8f9", user1, 1_718_000_000_123,
                .text("Cho tôi hỏi thủ tục cấp lại căn cước ở phường"))),
        FixtureCase(
            file: "user_send_text_no_diacritics",
            expected: event(
                "1b2c3d4e5f60718293a4b5c6d7e8f90a", user2, 1_718_000_001_456,
                .text("cho toi hoi thu tuc cap lai can cuoc"))),
        FixtureCase(
            file: "user_send_image",
            expected: event(
                "2c3d4e5f60718293a4b5c6d7e8f90a1b", user1, 1_718_000_002_789,
                .image(
                    url: "https://example.com/zalo/photo-0001.jpg",
                    caption: "Ảnh ổ gà trước số 12 đường Trần Hưng Đạo"))),
        FixtureCase(
            file: "user_send_location",
            expected: event(
                "3d4e5f60718293a4b5c6d7e8f90a1b2c", user1, 1_718_000_003_012,
                .location(latitude: 11.3100543, longitude: 106.0983914))),
        FixtureCase(
            file: "user_send_location_string_coordinates",
            expected: event(
                "4e5f60718293a4b5c6d7e8f90a1b2c3d", user1, 1_718_000_003_345,
                .location(latitude: 11.2912, longitude: 106.1204))),
        FixtureCase(
            file: "user_send_location_message_location",
            expected: event(
                "5f60718293a4b5c6d7e8f90a1b2c3d4e", user1, 1_718_000_003_678,
                .location(latitude: 10.9632, longitude: 106.2591))),
        FixtureCase(
            file: "user_send_file",
            expected: event(
                "60718293a4b5c6d7e8f90a1b2c3d4e5f", user1, 1_718_000_004_901,
                .file(url: "https://example.com/zalo/file/don-de-nghi.pdf", name: "Đơn đề nghị.pdf"))),
        FixtureCase(
            file: "user_send_sticker",
            expected: event(
                "718293a4b5c6d7e8f90a1b2c3d4e5f60", user1, 1_718_000_005_234, .sticker(id: "bfe8a2c8458dacd3f59c"))),
        FixtureCase(
            file: "follow",
            expected: event("follow:\(user1):1718000006567", user1, 1_718_000_006_567, .follow)),
        FixtureCase(
            file: "unfollow",
            expected: event("unfollow:\(user2):1718000007890", user2, 1_718_000_007_890, .unfollow)),
        FixtureCase(
            file: "user_submit_info",
            expected: event(
                "user_submit_info:\(user1):1718000008123", user1, 1_718_000_008_123,
                .submittedInfo([
                    "name": "Nguyễn Văn A", "phone": "84900000000", "user_dob": "01/01/1970", "gender": "Nam",
                    "user_city": "Tây Ninh", "user_ward": "Phường Tân Ninh", "user_address": "Số 1 đường Thử Nghiệm",
                ]))),
        FixtureCase(
            file: "user_send_audio",
            expected: event(
                "b5c6d7e8f90a1b2c3d4e5f60718293a4", user1, 1_718_000_011_345, .unsupported(kind: "audio"))),
        FixtureCase(file: "user_seen_message", expected: .ignored(eventName: "user_seen_message")),
        FixtureCase(file: "user_received_message", expected: .ignored(eventName: "user_received_message")),
        FixtureCase(file: "oa_send_text", expected: .ignored(eventName: "oa_send_text")),
        FixtureCase(file: "unknown_event", expected: .ignored(eventName: "example_future_event")),
    ]

    @Test(arguments: cases)
    func fixtureDecodes(_ fixture: FixtureCase) throws {
        let body = try zaloFixture(fixture.file)
        #expect(try ZaloWebhook.decode(body: body) == fixture.expected)
    }

    @Test(arguments: cases)
    func fixtureVerifies(_ fixture: FixtureCase) throws {
        let body = try zaloFixture(fixture.file)
        let header = try ZaloWebhook.signatureHeaderValue(body: body, settings: testSettings)
        try ZaloWebhook.verify(body: body, signatureHeader: header, settings: testSettings)
    }

    @Test func everyFixtureFileHasACase() throws {
        let directory = packageRoot.appendingPathComponent("fixtures/webhooks/zalo")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".json") }
            .map { String($0.dropLast(".json".count)) }

        #expect(Set(files) == Set(Self.cases.map(\.file)))
    }
}
