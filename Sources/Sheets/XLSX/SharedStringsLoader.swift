import Foundation

/// Parses `xl/sharedStrings.xml` on its own thread, with its own file handle, while the caller parses a sheet.
///
/// @unchecked Sendable: the result is written once by the loader thread and read under `condition`.
final class SharedStringsLoader: @unchecked Sendable {
    private let condition = NSCondition()
    private var result: Result<[String], Error>?

    init(container: ZipContainer, part: String) {
        let handoff = Handoff(container: container)
        let thread = Thread { [self] in
            let container = handoff.container
            let outcome: Result<[String], Error>
            do {
                let handler = SharedStringsHandler()
                try container.parse(part, handler: handler)
                outcome = .success(handler.strings)
            } catch {
                outcome = .failure(error)
            }
            condition.lock()
            result = outcome
            condition.broadcast()
            condition.unlock()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// The strings if parsing has finished, without waiting.
    func poll() -> Result<[String], Error>? {
        condition.lock()
        defer { condition.unlock() }
        return result
    }

    /// Waits for the strings.
    func wait() -> Result<[String], Error> {
        condition.lock()
        defer { condition.unlock() }
        while result == nil { condition.wait() }
        return result!
    }
}

/// @unchecked Sendable: the container moves to the loader thread and its creator never touches it again.
private struct Handoff: @unchecked Sendable {
    let container: ZipContainer
}
