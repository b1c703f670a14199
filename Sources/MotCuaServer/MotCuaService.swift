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
    private let store: any Store
    private let closeStore: @Sendable () -> Void
    private let client: HTTPClient
    private let server: HTTPServer
    private let processor: EventProcessor
    private let inbox: InboxCommitter
    private let sender: OutboxSender
    private let retention: RetentionJob
    private let broadcaster: BroadcastDeliverer
    private let logger: Logger
    private let startedAt: Date
    /// The metrics served at `/metrics`. Components built outside the service, such as the
    /// broadcast sender, register theirs here.
    public let metrics: MetricsRegistry

    /// Loads templates and opens the database; throws with the file, key or path at fault.
    public init(configuration: Configuration, logger: Logger, clock: @escaping @Sendable () -> Date = { Date() }) throws
    {
        self.configuration = configuration
        self.logger = logger
        startedAt = Date()
        let serviceMetrics = ServiceMetrics()
        metrics = serviceMetrics.registry
        var templates = try TemplateLoader.load(folder: configuration.templatesFolder)
        (store, closeStore) = try configuration.openStore()
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
        // Names this process in conversation claims and leases shared with other instances.
        let instanceID = UUID().uuidString
        let zaloTokens = Self.zaloTokenManager(
            configuration, store: store, client: client, logger: logger, clock: clock, instanceID: instanceID)
        let sender = OutboxSender(
            store: store, client: client, channels: channels, zaloTokens: zaloTokens,
            settings: .init(
                maxAttempts: configuration.outboxMaxAttempts, retryBaseSeconds: configuration.outboxRetryBaseSeconds,
                retryMaxSeconds: configuration.outboxRetryMaxSeconds, leaseSeconds: configuration.outboxLeaseSeconds,
                zaloWindowSeconds: Double(configuration.zalo.windowDays) * 86_400,
                messengerWindowSeconds: Double(configuration.messenger.windowHours) * 3_600,
                channelLimits: configuration.outboxChannelLimits, recipientLimit: configuration.outboxRecipientLimit),
            logger: Logger(label: "motcua.outbox", level: logger.level, sink: logger.sink), metrics: serviceMetrics,
            clock: clock)
        let processor = EventProcessor(
            store: store, engine: engine, lanes: configuration.processingLanes,
            logger: Logger(label: "motcua.processor", level: logger.level, sink: logger.sink), clock: clock,
            instanceID: instanceID, claimLease: configuration.processingClaimLeaseSeconds,
            metrics: serviceMetrics, onReplies: { sender.wake() })
        var broadcastSettings = configuration.broadcast
        broadcastSettings.window = BroadcastWindow(
            zaloSeconds: Double(configuration.zalo.windowDays) * 86_400,
            messengerSeconds: Double(configuration.messenger.windowHours) * 3_600)
        let broadcaster = BroadcastDeliverer(
            store: store, client: client, channels: channels, zaloTokens: zaloTokens, settings: broadcastSettings,
            logger: Logger(label: "motcua.broadcast", level: logger.level, sink: logger.sink), clock: clock,
            metrics: BroadcastMetrics(
                registry: serviceMetrics.registry, store: store, errors: serviceMetrics.databaseErrors))
        let adminTokens = try AdminTokens(parsing: configuration.adminTokens)
        let admin =
            adminTokens.isEmpty
            ? nil
            : AdminAPI(
                tokens: adminTokens, store: store, engine: engine, processor: processor, clock: clock,
                onQueued: { sender.wake() }, broadcastSettings: broadcastSettings, channels: channels,
                onBroadcastChanged: { broadcaster.wake() })
        // A SQLite file serves this process alone, so stored events go straight to the lanes.
        // With PostgreSQL the dispatcher takes them through conversation claims shared with
        // other instances.
        let handsOffStoredEvents = configuration.postgresURL == nil
        let inbox = InboxCommitter(
            store: store, logger: Logger(label: "motcua.inbox", level: logger.level, sink: logger.sink),
            onStored: { stored in
                guard !stored.isEmpty else { return }
                if handsOffStoredEvents {
                    processor.dispatchStored(stored)
                } else {
                    processor.wake()
                }
            })
        let router = Router(
            store: store, channels: channels, client: client, admin: admin, logger: logger, metrics: serviceMetrics,
            metricsToken: configuration.metricsToken, clock: clock, inbox: inbox)
        serviceMetrics.collectStoreGauges(from: store)
        server = HTTPServer(
            configuration: .init(
                host: configuration.listenHost, port: configuration.listenPort, threadCount: configuration.httpThreads,
                connectionLimit: configuration.httpMaxConnections,
                connectionTimeoutSeconds: configuration.httpRequestTimeoutSeconds,
                maxBodyBytes: configuration.httpMaxBodyBytes),
            deferredHandler: { router.handle($0, respond: $1) })
        self.sender = sender
        self.inbox = inbox
        self.processor = processor
        retention = RetentionJob(
            store: store, periods: Self.retentionPeriods(configuration),
            logger: Logger(label: "motcua.retention", level: logger.level, sink: logger.sink), metrics: serviceMetrics,
            clock: clock, instanceID: instanceID)
        self.broadcaster = broadcaster
    }

    /// Creates the token manager of an enabled Zalo channel with an App Secret. It refreshes only
    /// when a refresh token is known from the environment or from an earlier rotation.
    static func zaloTokenManager(
        _ configuration: Configuration, store: any Store, client: HTTPClient, logger: Logger,
        clock: @escaping @Sendable () -> Date, instanceID: String = UUID().uuidString
    ) -> ZaloTokenManager? {
        let zalo = configuration.zalo
        guard zalo.isEnabled, !zalo.appSecret.isEmpty else { return nil }
        return ZaloTokenManager(
            store: store, client: client,
            settings: .init(
                appID: zalo.appID, appSecret: zalo.appSecret, oauthBase: zalo.oauthBase,
                accessToken: zalo.accessToken, refreshToken: zalo.refreshToken),
            logger: Logger(label: "motcua.zalo.token", level: logger.level, sink: logger.sink), clock: clock,
            instanceID: instanceID)
    }

    static func retentionPeriods(_ configuration: Configuration) -> RetentionJob.Periods {
        let day: TimeInterval = 86_400
        return RetentionJob.Periods(
            drafts: TimeInterval(configuration.draftKeepDays) * day,
            history: configuration.retentionHistoryDays > 0
                ? TimeInterval(configuration.retentionHistoryDays) * day : nil,
            cases: configuration.retentionCaseDays > 0 ? TimeInterval(configuration.retentionCaseDays) * day : nil)
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
        retention.start()
        broadcaster.start()
        inbox.start()
        try server.start()
        processor.wake()
        sender.wake()
        logger.info("service started", summary)
    }

    /// The configuration summary of the start and stop lines. It names what is enabled and never
    /// contains a secret.
    private var summary: Logger.Metadata {
        [
            "listen": "\(configuration.listenHost):\(server.port)",
            "database.kind": configuration.postgresURL == nil ? "sqlite" : "postgres",
            "database": configuration.databaseDescription, "templates": configuration.templatesFolder,
            "flows": "\(templates.catalog.flows.count)", "log.level": configuration.logLevel,
            "log.format": configuration.logFormat, "processing.lanes": "\(configuration.processingLanes)",
            "channel.zalo": configuration.zalo.isEnabled ? "enabled" : "disabled",
            "channel.telegram": configuration.telegram.isEnabled ? "enabled" : "disabled",
            "channel.messenger": configuration.messenger.isEnabled ? "enabled" : "disabled",
            "admin.api": configuration.adminTokens.isEmpty ? "disabled" : "enabled",
            "metrics.auth": configuration.metricsToken.isEmpty ? "none" : "bearer",
            "retention.drafts.days": "\(configuration.draftKeepDays)",
            "retention.history.days": configuration.retentionHistoryDays > 0
                ? "\(configuration.retentionHistoryDays)" : "keep",
            "retention.cases.days": configuration.retentionCaseDays > 0 ? "\(configuration.retentionCaseDays)" : "keep",
        ]
    }

    /// The bound port, useful when the configuration asked for port 0.
    public var port: UInt16 { server.port }

    /// Stops accepting requests, finishes those in flight, lets lanes finish their current event,
    /// lets the sender finish its batch, and closes the database. Every reply of the last batch
    /// has its outcome recorded, which ends its claim, so a restart sends the remaining replies at
    /// once instead of after the lease.
    public func stop() {
        logger.info("service stopping")
        server.stop()
        inbox.stop()
        processor.stop()
        sender.stop()
        broadcaster.stop()
        retention.stop()
        client.shutdown()
        closeStore()
        var metadata = summary
        metadata["uptime.seconds"] = String(format: "%.0f", Date().timeIntervalSince(startedAt))
        logger.info("service stopped", metadata)
    }
}
