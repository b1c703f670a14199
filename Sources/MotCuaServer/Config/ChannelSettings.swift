import MotCuaChannels

/// The adapter settings of each enabled channel; nil marks a channel that is not configured.
struct ChannelSettings: Sendable {
    var zalo: ZaloSettings?
    var telegram: TelegramSettings?
    var messenger: MessengerSettings?

    init(zalo: ZaloSettings? = nil, telegram: TelegramSettings? = nil, messenger: MessengerSettings? = nil) {
        self.zalo = zalo
        self.telegram = telegram
        self.messenger = messenger
    }

    init(_ configuration: Configuration) {
        let zalo = configuration.zalo
        if zalo.isEnabled {
            self.zalo = ZaloSettings(
                appID: zalo.appID, oaID: zalo.oaID, signatureSecret: zalo.oaSecret,
                signatureFirstTerm: ZaloSettings.FirstTerm(rawValue: zalo.signatureFirstTerm) ?? .appID,
                apiBase: zalo.apiBase, accessToken: zalo.accessToken)
        }
        let telegram = configuration.telegram
        if telegram.isEnabled {
            self.telegram = TelegramSettings(
                token: telegram.token, secretToken: telegram.secretToken, apiBase: telegram.apiBase)
        }
        let messenger = configuration.messenger
        if messenger.isEnabled {
            self.messenger = MessengerSettings(
                appSecret: messenger.appSecret, verifyToken: messenger.verifyToken, pageToken: messenger.pageToken,
                apiBase: messenger.apiBase, apiVersion: messenger.apiVersion)
        }
    }
}
