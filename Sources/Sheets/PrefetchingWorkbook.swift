import Foundation

/// Reads another workbook's rows on a background thread, handing them over in batches through a bounded queue,
/// so parsing the file and whatever the caller does with each row (validating, writing to SQLite) use both cores.
///
/// Memory stays bounded: at most `maxBatches` batches of `batchSize` rows wait in the queue.
public final class PrefetchingWorkbook: Workbook {
    /// The file name of the wrapped workbook.
    public var fileName: String { base.fileName }
    /// The sheets of the wrapped workbook.
    public var sheets: [SheetInfo] { base.sheets }
    /// The wrapped workbook's warnings (read once a sheet is done, after the reading thread has handed over).
    public var readWarnings: [String] { base.readWarnings }

    private let base: Workbook
    private let batchSize: Int
    private let maxBatches: Int

    /// Wraps `base`; rows travel in batches of `batchSize`, at most `maxBatches` waiting.
    public init(_ base: Workbook, batchSize: Int = 256, maxBatches: Int = 16) {
        self.base = base
        self.batchSize = batchSize
        self.maxBatches = maxBatches
    }

    /// Streams the rows of `sheet`, parsed on a background thread, to `body` on the calling thread.
    public func readRows(of sheet: SheetInfo, _ body: (SheetRow) throws -> Void) throws {
        let queue = RowQueue(maxBatches: maxBatches)
        let handoff = WorkbookHandoff(workbook: base)
        let batchSize = batchSize
        let thread = Thread {
            var batch: [SheetRow] = []
            batch.reserveCapacity(batchSize)
            do {
                try handoff.workbook.readRows(of: sheet) { row in
                    batch.append(row)
                    if batch.count == batchSize {
                        try queue.push(batch)
                        batch.removeAll(keepingCapacity: true)
                    }
                }
                if !batch.isEmpty { try queue.push(batch) }
                queue.finish(error: nil)
            } catch {
                queue.finish(error: error)
            }
        }
        thread.stackSize = 1 << 20
        thread.start()
        do {
            while let batch = try queue.pop() {
                for row in batch { try body(row) }
            }
        } catch {
            queue.cancel()
            queue.waitUntilFinished()
            throw error
        }
    }
}

/// @unchecked Sendable: the wrapped workbook is used by the producer thread only while the caller waits in
/// `readRows`, never by two threads at once.
private struct WorkbookHandoff: @unchecked Sendable {
    let workbook: Workbook
}

/// A bounded queue of row batches between one producer and one consumer.
private final class RowQueue: @unchecked Sendable {  // @unchecked: every field is guarded by `condition`
    private let condition = NSCondition()
    private var batches: [[SheetRow]] = []
    private var finished = false
    private var cancelled = false
    private var failure: Error?
    private let maxBatches: Int

    struct Cancelled: Error {}

    init(maxBatches: Int) { self.maxBatches = maxBatches }

    func push(_ batch: [SheetRow]) throws {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= maxBatches && !cancelled { condition.wait() }
        if cancelled { throw Cancelled() }
        batches.append(batch)
        condition.broadcast()
    }

    func finish(error: Error?) {
        condition.lock()
        finished = true
        failure = error is Cancelled ? nil : error
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch, nil at the end; rethrows the producer's error.
    func pop() throws -> [SheetRow]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !finished { condition.wait() }
        if !batches.isEmpty {
            let batch = batches.removeFirst()
            condition.broadcast()
            return batch
        }
        if let failure { throw failure }
        return nil
    }

    func cancel() {
        condition.lock()
        cancelled = true
        batches.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    func waitUntilFinished() {
        condition.lock()
        while !finished { condition.wait() }
        condition.unlock()
    }
}
