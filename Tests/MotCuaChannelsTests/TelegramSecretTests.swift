import MotCuaChannels
import Testing

struct TelegramSecretTests {
    @Test func matchingHeaderIsAccepted() throws {
        try TelegramWebhook.verify(secretHeader: "TG_SECRET_abc-123", settings: telegramTestSettings)
    }

    @Test(arguments: [nil, ""] as [String?])
    func missingHeaderIsRejected(header: String?) {
        let error = channelError { try TelegramWebhook.verify(secretHeader: header, settings: telegramTestSettings) }
        #expect(error?.code == .missingSignature)
    }

    /// One letter in another case, a trailing or leading space, a prefix, a longer value and non-ASCII text.
    @Test(arguments: [
        "TG_SECRET_abC-123", "TG_SECRET_abc-123 ", " TG_SECRET_abc-123", "TG_SECRET_abc-12", "TG_SECRET_abc-1234",
        "TG_SECRET_abc-12ắ", "Bí mật",
    ])
    func wrongHeaderIsRejected(header: String) {
        let error = channelError { try TelegramWebhook.verify(secretHeader: header, settings: telegramTestSettings) }
        #expect(error?.code == .badSignature)
    }

    @Test func emptyConfiguredSecretRejectsEverything() {
        var settings = telegramTestSettings
        settings.secretToken = ""

        let error = channelError { try TelegramWebhook.verify(secretHeader: "anything", settings: settings) }
        #expect(error?.code == .badSignature)
    }

    @Test func errorNamesHeaderWithoutSecrets() {
        let error = channelError {
            try TelegramWebhook.verify(secretHeader: "TG_SECRET_wrong", settings: telegramTestSettings)
        }
        let message = error?.message ?? ""
        #expect(message.contains("X-Telegram-Bot-Api-Secret-Token"))
        #expect(!message.contains("TG_SECRET_abc-123"))
        #expect(!message.contains("TG_SECRET_wrong"))
        #expect(!message.contains("BOT_TOKEN_TEST"))
    }
}
