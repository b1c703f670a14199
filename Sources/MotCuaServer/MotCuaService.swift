import Foundation
import MotCuaChannels
import MotCuaCore
import MotCuaHTTP
import MotCuaStorage
import MotCuaYAML

/// The running service: HTTP server, event processor and outbox sender on one store.
public final class MotCuaService: Sendable {
    public let configuration: Configuration
    public let templates: Templates
    private let store: SQLiteStore
    private let client: HTTPClient
    private let server: HTTPServer
    private let processor: EventProcessor
    private let sender: OutboxSender
    private let purger: DraftPurger
    private let broadcaster: BroadcastDeliverer
    private let logger: Logger

    /// Loads templates and opens the database; throws with the file, key or path at fault.
    public init(configuration: Configuration, logger: Logger, clock: @escaping @Sendable () -> Date = { Date() }) throws
    {
        self.configuration = configuration
        self.logger = logger
        var templates = try TemplateLoader.load(folder: configuration.templatesFolder)
        store = try SQLiteStore(path: configuration.databasePath)
        try Self.keepFlowVersions(&templates, store: store, now: clock(), logger: logger)
        self.templates = templates
        client = try HTTPClient(
            configuration: .init(
                connectTimeoutSeconds: configuration.outboundConnectTimeoutSeconds,
                totalTimeoutSeconds: configuration.outboundTimeoutSeconds))

        let channels = ChannelSettings(configuration)
        let engine = ConversationEngine(
            catalog: templates.catalog, messages: templates.messages, settings: Self.engineSettings(configuration),
            communes: templates.communes, procedures: templates.procedures)
        let zaloTokens = Self.zaloTokenManager(
            configuration, store: store, client: client, logger: logger, clock: clock)
        let sender = OutboxSender(
            store: store, client: client, channels: channels, zaloTokens: zaloTokens,
            settings: .init(
                maxAttempts: configuration.outboxMaxAttempts, retryBaseSeconds: configuration.outboxRetryBaseSeconds,
                retryMaxSeconds: configuration.outboxRetryMaxSeconds, leaseSeconds: configuration.outboxLeaseSeconds,
                zaloWindowSeconds: Double(configuration.zalo.windowDays) * 86_400,
                messengerWindowSeconds: Double(configuration.messenger.windowHours) * 3_600,
                channelLimits: configuration.outboxChannelLimits, recipientLimit: configuration.outboxRecipientLimit),
            logger: Logger(label: "motcua.outbox", level: logger.level, sink: logger.sink), clock: clock)
        let processor = EventProcessor(
            store: store, engine: engine, lanes: configuration.processingLanes,
            logger: Logger(label: "motcua.processor", level: logger.level, sink: logger.sink), clock: clock,
            onReplies: { sender.wake() })
        var broadcastSettings = configuration.broadcast
        broadcastSettings.window = BroadcastWindow(
            zaloSeconds: Double(configuration.zalo.windowDays) * 86_400,
            messengerSeconds: Double(configuration.messenger.windowHours) * 3_600)
        let broadcaster = BroadcastDeliverer(
            store: store, client: client, channels: channels, zaloTokens: zaloTokens, settings: broadcastSettings,
            logger: Logger(label: "motcua.broadcast", level: logger.level, sink: logger.sink), clock: clock)
        let adminTokens = try AdminTokens(parsing: configuration.adminTokens)
        let admin =
            adminTokens.isEmpty
            ? nil
            : AdminAPI(
                tokens: adminTokens, store: store, engine: engine, processor: processor, clock: clock,
                onQueued: { sender.wake() }, broadcastSettings: broadcastSettings, channels: channels,
                onBroadcastChanged: { broadcaster.wake() })
        let router = Router(
            store: store, channels: channels, client: client, admin: admin, logger: logger, clock: clock,
            onStored: { processor.wake() })
        server = HTTPServer(
            configuration: .init(
                host: configuration.listenHost, port: configuration.listenPort, threadCount: configuration.httpThreads,
                connectionLimit: configuration.httpMaxConnections,
                connectionTimeoutSeconds: configuration.httpRequestTimeoutSeconds,
                maxBodyBytes: configuration.httpMaxBodyBytes),
            handler: { router.handle($0) })
        self.sender = sender
        self.processor = processor
        self.broadcaster = broadcaster
        purger = DraftPurger(
            store: store, lifetime: TimeInterval(configuration.draftKeepDays) * 86_400,
            logger: Logger(label: "motcua.drafts", level: logger.level, sink: logger.sink), clock: clock)
    }

    /// Creates the token manager of an enabled Zalo channel with an App Secret. It refreshes only
    /// when a refresh token is known from the environment or from an earlier rotation.
    static func zaloTokenManager(
        _ configuration: Configuration, store: any Store, client: HTTPClient, logger: Logger,
        clock: @escaping @Sendable () -> Date
    ) -> ZaloTokenManager? {
        let zalo = configuration.zalo
        guard zalo.isEnabled, !zalo.appSecret.isEmpty else { return nil }
        return ZaloTokenManager(
            store: store, client: client,
            settings: .init(
                appID: zalo.appID, appSecret: zalo.appSecret, oauthBase: zalo.oauthBase,
                accessToken: zalo.accessToken, refreshToken: zalo.refreshToken),
            logger: Logger(label: "motcua.zalo.token", level: logger.level, sink: logger.sink), clock: clock)
    }

    public static func engineSettings(_ configuration: Configuration) -> EngineSettings {
        EngineSettings(
            optionsAfterFailures: configuration.retryOptionsAfter,
            officialAfterFailures: configuration.retryOfficialAfter,
            resumeAfter: TimeInterval(configuration.draftResumeAfterMinutes) * 60,
            draftLifetime: TimeInterval(configuration.draftKeepDays) * 86_400)
    }

    /// Stores the current flow files by version and loads the earlier versions still stored, so
    /// that a conversation in progress keeps the version it started with.
    static func keepFlowVersions(_ templates: inout Templates, store: any Store, now: Date, logger: Logger) throws {
        for (flowID, bytes) in templates.flowSources {
            guard let flow = templates.catalog.flow(flowID) else { continue }
            try store.saveFlowVersion(
                StoredFlowVersion(flowID: flowID, version: flow.version, source: bytes, firstSeenAt: now))
        }
        for stored in try store.flowVersions() where templates.catalog.flow(stored.flowID)?.version != stored.version {
            do {
                let flow = try TemplateLoader.loadVersion(stored.source, source: "\(stored.flowID)@\(stored.version)")
                templates.catalog.addEarlierVersion(flow)
            } catch {
                logger.warning(
                    "earlier flow version unreadable", ["flow.id": stored.flowID, "flow.version": stored.version])
            }
        }
    }

    /// Starts the workers, then the HTTP server. Events left from an earlier run are processed.
    public func start() throws {
        processor.start()
        sender.start()
        purger.start()
        broadcaster.start()
        try server.start()
        processor.wake()
        sender.wake()
        logger.info(
            "service started",
            [
                "listen": "\(configuration.listenHost):\(server.port)", "database": configuration.databasePath,
                "templates": configuration.templatesFolder, "flows": "\(templates.catalog.flows.count)",
                "channel.zalo": configuration.zalo.isEnabled ? "enabled" : "disabled",
                "channel.telegram": configuration.telegram.isEnabled ? "enabled" : "disabled",
                "channel.messenger": configuration.messenger.isEnabled ? "enabled" : "disabled",
                "admin.api": configuration.adminTokens.isEmpty ? "disabled" : "enabled",
            ])
    }

    /// The bound port, useful when the configuration asked for port 0.
    public var port: UInt16 { server.port }

    /// Stops accepting requests, finishes those in flight, lets lanes finish their current event,
    /// stops the sender after its batch, and closes the database.
    public func stop() {
        logger.info("service stopping")
        server.stop()
        processor.stop()
        sender.stop()
        broadcaster.stop()
        purger.stop()
        client.shutdown()
        store.close()
        logger.info("service stopped")
    }
}
