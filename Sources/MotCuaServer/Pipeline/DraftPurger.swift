import Foundation
import MotCuaStorage
import Synchronization

/// Deletes conversations idle for longer than the draft lifetime, at start and then every
/// `interval` seconds. The engine also drops an expired draft when its citizen returns, so expiry
/// holds between runs and across restarts. With several instances on one database, the instance
/// holding the store's lease `leaseName` purges and the others skip their runs.
final class DraftPurger: Sendable {
    static let leaseName = "drafts.purge"

    private let store: any Store
    private let lifetime: TimeInterval
    private let interval: TimeInterval
    private let logger: Logger
    private let clock: @Sendable () -> Date
    private let instanceID: String
    private let loop = Mutex<BackgroundLoop?>(nil)

    init(
        store: any Store, lifetime: TimeInterval, interval: TimeInterval = 3600, logger: Logger,
        clock: @escaping @Sendable () -> Date, instanceID: String = UUID().uuidString
    ) {
        self.instanceID = instanceID
        self.store = store
        self.lifetime = lifetime
        self.interval = interval
        self.logger = logger
        self.clock = clock
    }

    func start() {
        let loop = BackgroundLoop(name: "motcua.drafts", idleInterval: interval) { [self] in
            purgeOnce()
            return false
        }
        self.loop.withLock { $0 = loop }
        loop.start()
    }

    func stop() { loop.withLock { $0 }?.stop() }

    /// Deletes expired conversations now, unless another instance holds the purge lease; returns
    /// how many were deleted.
    @discardableResult
    func purgeOnce() -> Int {
        do {
            // The lease outlives one interval a little, so the holder renews it at its next run and
            // another instance takes over only after the holder missed one.
            // Leases use the wall clock, not the injected clock, because other instances compare them.
            let leaseDuration = interval * 1.5
            guard try store.acquireLease(Self.leaseName, owner: instanceID, now: Date(), duration: leaseDuration)
            else {
                logger.debug("draft purge skipped: another instance has the purge lease")
                return 0
            }
            let deleted = try store.deleteConversations(updatedBefore: clock().addingTimeInterval(-lifetime))
            if deleted > 0 { logger.info("expired drafts deleted", ["count": "\(deleted)"]) }
            return deleted
        } catch {
            logger.error("deleting expired drafts failed", ["error": "\(error)"])
            return 0
        }
    }
}
