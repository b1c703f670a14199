import Foundation
import MotCuaChannels
import MotCuaCore
import Testing

/// Settings for the Telegram tests. The API base is a closed local port, so nothing is ever sent.
let telegramTestSettings = TelegramSettings(
    token: "123456:BOT_TOKEN_TEST", secretToken: "TG_SECRET_abc-123", apiBase: "http://127.0.0.1:9")

func telegramFixture(_ name: String) throws -> [UInt8] {
    let url = packageRoot.appendingPathComponent("fixtures/webhooks/telegram/\(name).json")
    return Array(try Data(contentsOf: url))
}

struct TelegramFixtureTests {
    struct FixtureCase: Sendable, CustomStringConvertible {
        var file: String
        var expected: TelegramWebhookDecision
        var description: String { file }
    }

    static let chat = "5123456789"

    static func event(_ updateID: Int, seconds: Int64, _ content: InboundContent) -> InboundEvent {
        InboundEvent(
            channel: .telegram, eventID: "update:\(updateID)", userID: chat, timestampMillis: seconds * 1000,
            content: content)
    }

    static func event(_ updateID: Int, seconds: Int64, _ content: InboundContent, callback: String? = nil)
        -> TelegramWebhookDecision
    {
        .event(event(updateID, seconds: seconds, content), callbackQueryID: callback)
    }

    static let cases = [
        FixtureCase(
            file: "message_text",
            expected: event(
                900_000_001, seconds: 1_718_000_000, .text("Cho tôi hỏi thủ tục cấp lại căn cước ở phường Tân Ninh"))),
        FixtureCase(
            file: "message_command_start", expected: event(900_000_002, seconds: 1_718_000_010, .text("/start"))),
        FixtureCase(
            file: "message_photo",
            expected: event(
                900_000_003, seconds: 1_718_000_020,
                .image(url: "telegram-file:PHOTO_FILE_ID_L", caption: "Ổ gà trên đường Trần Hưng Đạo, gần chợ"))),
        FixtureCase(
            file: "message_location",
            expected: event(900_000_004, seconds: 1_718_000_030, .location(latitude: 11.310742, longitude: 106.098256))),
        FixtureCase(
            file: "message_contact",
            expected: event(
                900_000_005, seconds: 1_718_000_040,
                .submittedInfo(["phone": "+84900000000", "name": "Nguyễn Thị Lan"]))
        ),
        FixtureCase(
            file: "message_document",
            expected: event(
                900_000_006, seconds: 1_718_000_050, .file(url: "telegram-file:DOC_FILE_ID_1", name: "Đơn đề nghị.pdf"))
        ),
        FixtureCase(
            file: "message_voice", expected: event(900_000_007, seconds: 1_718_000_060, .unsupported(kind: "voice"))),
        FixtureCase(
            file: "message_video", expected: event(900_000_008, seconds: 1_718_000_070, .unsupported(kind: "video"))),
        FixtureCase(
            file: "message_sticker",
            expected: event(900_000_009, seconds: 1_718_000_080, .sticker(id: "STICKER_FILE_ID_1"))
        ),
        FixtureCase(
            file: "callback_query",
            expected: event(
                900_000_010, seconds: 1_718_000_090, .button("cap-lai-can-cuoc"), callback: "4382000000000000001")),
        FixtureCase(
            file: "callback_query_inaccessible_message",
            expected: event(900_000_011, seconds: 0, .button("b:3f2a9c0d1e4b5a67"), callback: "4382000000000000002")),
        FixtureCase(
            file: "edited_message", expected: .ignored(reason: "update type edited_message", callbackQueryID: nil)),
        FixtureCase(file: "my_chat_member_kicked", expected: event(900_000_013, seconds: 1_718_000_200, .unfollow)),
        FixtureCase(file: "my_chat_member_member", expected: event(900_000_014, seconds: 1_718_000_300, .follow)),
        FixtureCase(
            file: "message_group", expected: .ignored(reason: "message in a supergroup chat", callbackQueryID: nil)),
        FixtureCase(
            file: "unknown_update",
            expected: .ignored(reason: "unhandled update type message_reaction", callbackQueryID: nil)),
    ]

    @Test(arguments: cases)
    func fixtureDecodes(_ fixture: FixtureCase) throws {
        let body = try telegramFixture(fixture.file)
        #expect(try TelegramWebhook.decode(body: body) == fixture.expected)
    }

    @Test func everyFixtureFileHasACase() throws {
        let directory = packageRoot.appendingPathComponent("fixtures/webhooks/telegram")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".json") }
            .map { String($0.dropLast(".json".count)) }

        #expect(Set(files) == Set(Self.cases.map(\.file)))
    }
}
