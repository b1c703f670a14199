import Foundation
import MotCuaStorage
import Synchronization

/// Deletes conversations idle for longer than the draft lifetime, at start and then every
/// `interval` seconds. The engine also drops an expired draft when its citizen returns, so expiry
/// holds between runs and across restarts.
final class DraftPurger: Sendable {
    private let store: any Store
    private let lifetime: TimeInterval
    private let interval: TimeInterval
    private let logger: Logger
    private let clock: @Sendable () -> Date
    private let loop = Mutex<BackgroundLoop?>(nil)

    init(
        store: any Store, lifetime: TimeInterval, interval: TimeInterval = 3600, logger: Logger,
        clock: @escaping @Sendable () -> Date
    ) {
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

    /// Deletes expired conversations now; returns how many were deleted.
    @discardableResult
    func purgeOnce() -> Int {
        do {
            let deleted = try store.deleteConversations(updatedBefore: clock().addingTimeInterval(-lifetime))
            if deleted > 0 { logger.info("expired drafts deleted", ["count": "\(deleted)"]) }
            return deleted
        } catch {
            logger.error("deleting expired drafts failed", ["error": "\(error)"])
            return 0
        }
    }
}
