import Dispatch

/// A task executor on one serial dispatch queue for the outbox sender's delivery tasks. The
/// sender's thread blocks until a batch's tasks finish, and `MotCuaService.stop()` blocks until
/// the sender's thread ends. With the tasks on this queue, that wait does not depend on a free
/// thread of the shared cooperative pool, so a `stop()` called from a pool thread cannot deadlock.
/// Each task spends its time waiting for libcurl, so one queue is enough.
final class DeliveryExecutor: TaskExecutor {
    private let queue = DispatchQueue(label: "motcua.outbox.tasks")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
