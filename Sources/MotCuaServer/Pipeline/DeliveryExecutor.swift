import Dispatch

/// A task executor on one serial dispatch queue for the outbox sender's delivery tasks.
///
/// The sender's thread blocks until a batch's tasks finish, and `MotCuaService.stop()` blocks until
/// the sender's thread ends. On the shared cooperative pool the tasks could not start while `stop()`
/// calls held every pool thread, as parallel tests do, so the stop hung. Each task mostly waits for
/// libcurl, so one queue is enough.
final class DeliveryExecutor: TaskExecutor {
    private let queue = DispatchQueue(label: "motcua.outbox.tasks")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
