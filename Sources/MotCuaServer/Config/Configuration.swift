import Foundation

/// Every setting `motcua serve` accepts, with its defaults. Read from a YAML file and the
/// environment; the environment wins. Secrets come only from the environment.
public struct Configuration: Sendable, Equatable {
    public var listenHost = "127.0.0.1"
    public var listenPort: UInt16 = 8080
    /// The SQLite file, used unless `postgresURL` is set.
    public var databasePath = "data/motcua.sqlite"
    /// A `postgres://user:password@host:port/database` URL; when set, the service uses PostgreSQL.
    public var postgresURL: String?
    /// Maximum open PostgreSQL connections of one instance.
    public var databasePoolSize = 8
    public var templatesFolder = "templates"
    public var logLevel = "info"
    public var logFormat = "logfmt"

    public var httpThreads = 2
    public var httpMaxConnections = 1024
    public var httpRequestTimeoutSeconds = 30
    /// Webhook bodies above this many bytes get 413.
    public var httpMaxBodyBytes = 1 << 20

    /// Serial processing lanes; one conversation always uses the same lane.
    public var processingLanes = 4
    /// Seconds an instance's claim on a conversation lasts without renewal; after an instance dies,
    /// another takes over its conversations once this time has passed.
    public var processingClaimLeaseSeconds: Double = 30

    /// Bad answers in a row before numbered options are offered, and before an official is.
    public var retryOptionsAfter = 2
    public var retryOfficialAfter = 3
    /// Minutes of silence in a form after which a returning citizen is asked to continue.
    public var draftResumeAfterMinutes = 30
    /// Days a conversation and its half-filled form are kept after the last message; older ones
    /// are deleted by an hourly job. YAML key `retention.drafts`, formerly `drafts.keep_days`.
    public var draftKeepDays = 30
    /// Days processed inbound events and delivered or failed replies are kept; 0 keeps them.
    public var retentionHistoryDays = 90
    /// Days dossiers and field reports are kept after their last status change; 0 keeps them.
    public var retentionCaseDays = 0
    /// The bearer token `/metrics` requires; empty leaves `/metrics` open. A secret.
    public var metricsToken = ""

    public var outboxMaxAttempts = 8
    public var outboxRetryBaseSeconds = 2.0
    public var outboxRetryMaxSeconds = 600.0
    /// How long a claimed reply stays reserved for one sender before another may take it.
    public var outboxLeaseSeconds = 60.0
    public var outboundConnectTimeoutSeconds = 5.0
    public var outboundTimeoutSeconds = 15.0

    public var limits = RateLimitConfiguration()

    public var zalo = ZaloConfiguration()
    public var telegram = TelegramConfiguration()
    public var messenger = MessengerConfiguration()

    /// `role:token` pairs separated by commas for the admin API; empty disables it. A secret, so
    /// read only from `MOTCUA_ADMIN_TOKENS`.
    public var adminTokens = ""

    /// The `broadcast.*` keys.
    public var broadcast = BroadcastSettings()

    public init() {}
}

/// Zalo Official Account settings. The channel is enabled when `oaSecret` is set.
public struct ZaloConfiguration: Sendable, Equatable {
    public var appID = ""
    public var oaID = ""
    /// The secret hashed into `X-ZEvent-Signature`. Sources disagree whether it is the OA secret
    /// key or the app secret, so it is whichever the operator sets here.
    public var oaSecret = ""
    /// `app_id` or `oa_id`: the id hashed first into the signature.
    public var signatureFirstTerm = "app_id"
    public var accessToken = ""
    public var apiBase = "https://openapi.zalo.me"
    /// The OAuth v4 refresh token; a rotated one kept in the database wins over this value.
    public var refreshToken = ""
    /// The App Secret sent as `secret_key` when refreshing the access token.
    public var appSecret = ""
    public var oauthBase = "https://oauth.zaloapp.com"
    /// Days after the citizen's last message during which Zalo accepts consultation replies.
    public var windowDays = 7

    public init() {}

    public var isEnabled: Bool { !oaSecret.isEmpty }
}

/// Telegram bot settings. The channel is enabled when `secretToken` is set.
public struct TelegramConfiguration: Sendable, Equatable {
    /// The bot token from BotFather; it is part of every Bot API URL.
    public var token = ""
    /// The `secret_token` given to `setWebhook`, checked against `X-Telegram-Bot-Api-Secret-Token`.
    public var secretToken = ""
    public var apiBase = "https://api.telegram.org"

    public init() {}

    public var isEnabled: Bool { !secretToken.isEmpty }
}

/// Facebook Page settings for Messenger. The channel is enabled when `appSecret` is set.
public struct MessengerConfiguration: Sendable, Equatable {
    /// The App Secret that keys the HMAC in `X-Hub-Signature-256`.
    public var appSecret = ""
    /// The token typed into the App Dashboard and echoed in the webhook handshake.
    public var verifyToken = ""
    public var pageToken = ""
    public var apiBase = "https://graph.facebook.com"
    /// The Graph API version path segment, such as `v21.0`.
    public var apiVersion = "v21.0"
    /// Hours after the citizen's last message during which Messenger accepts a standard reply.
    public var windowHours = 24

    public init() {}

    public var isEnabled: Bool { !appSecret.isEmpty }
}

/// Outgoing send rates, one bucket per channel and one per conversation.
public struct RateLimitConfiguration: Sendable, Equatable {
    /// Sends per second and the burst allowed after an idle time.
    public struct Channel: Sendable, Equatable {
        public var perSecond: Double
        public var burst: Double

        public init(perSecond: Double, burst: Double) {
            self.perSecond = perSecond
            self.burst = burst
        }
    }

    /// Zalo documents 4,000 requests a minute for each app.
    public var zalo = Channel(perSecond: 4_000.0 / 60, burst: 60)
    /// Telegram's Bots FAQ suggests about 30 messages a second overall.
    public var telegram = Channel(perSecond: 30, burst: 30)
    /// NOTE: Messenger allows 300 Send API calls a second per Page, but a Page sending more than
    /// about 40 a second may have its Inbox held back; 40 is a conservative guess.
    public var messenger = Channel(perSecond: 40, burst: 40)
    /// Replies a second to one conversation; 0 disables the limit. Telegram suggests about 1 a
    /// second per chat.
    public var perRecipientPerSecond = 1.0
    /// NOTE: a fixed burst of 8 lets all the replies to one citizen message leave together (a
    /// procedure guide sends up to 4), so only floods are slowed; no platform documents a burst.
    public var perRecipientBurst = 8.0

    public init() {}
}

/// An invalid configuration value; `key` is the YAML key or environment variable.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public var key: String
    public var message: String

    public var description: String { "\(key): \(message)" }
}

extension ZaloConfiguration {
    /// Whether the environment alone allows refreshing the access token. A rotated refresh token
    /// stored in the database also allows it, as long as the App Secret is set.
    public var canRefresh: Bool { !refreshToken.isEmpty && !appSecret.isEmpty }
}
