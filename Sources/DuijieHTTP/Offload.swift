import Dispatch
import Hummingbird

/// Runs the routes' work on Dispatch's threads instead of Swift's cooperative pool.
///
/// Every use case is synchronous (SQLite through GRDB, sheet reading, matching), and the cooperative pool has one
/// thread per core — two on a small event server. Without this, one organizer uploading a large sheet or running the
/// assignment would hold a core's only thread and stall the judges' phones. With a task executor preference the
/// handlers' synchronous code runs on a concurrent Dispatch queue, whose pool grows when threads block.
@available(macOS 15.0, *)
final class BlockingWorkExecutor: TaskExecutor, @unchecked Sendable {
    /// The shared executor.
    static let shared = BlockingWorkExecutor()

    // @unchecked Sendable: the only state is the queue, which is thread-safe.
    private let queue = DispatchQueue(label: "duijie.http.work", qos: .userInitiated, attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

/// Moves the rest of the middleware chain and the handler onto `BlockingWorkExecutor`.
struct OffloadMiddleware: RouterMiddleware {
    typealias Context = DuijieContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response
    {
        // Task executors exist on Linux with Swift 6 and on macOS from 15; older macOS runs the handlers as they are.
        guard #available(macOS 15.0, *) else { return try await next(request, context) }
        return try await withTaskExecutorPreference(BlockingWorkExecutor.shared) { try await next(request, context) }
    }
}
