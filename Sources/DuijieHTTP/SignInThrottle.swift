import Foundation
import Hummingbird

/// Slows down password guessing: after `limit` failed sign-ins for one account name within `window`, that name is
/// refused (429) until the window has passed, whatever the password. Kept in memory per server; bcrypt's cost
/// already makes each guess slow, this bounds how many a day.
final class SignInThrottle: @unchecked Sendable {
    // @unchecked Sendable: every access to `failures` holds `lock`.
    private let lock = NSLock()
    private var failures: [String: [Date]] = [:]
    let limit: Int
    let window: TimeInterval

    init(limit: Int = 5, window: TimeInterval = 15 * 60) {
        self.limit = limit
        self.window = window
    }

    private func key(_ name: String) -> String { name.trimmingCharacters(in: .whitespaces).lowercased() }

    /// Throws 429 when the name is locked out now.
    func check(_ name: String, now: Date = Date()) throws {
        let recent = lock.withLock { failures[key(name)]?.filter { now.timeIntervalSince($0) < window } ?? [] }
        guard recent.count >= limit, let oldest = recent.min() else { return }
        let minutes = Int((window - now.timeIntervalSince(oldest)) / 60) + 1
        throw HTTPError(
            .tooManyRequests,
            message: "too many failed sign-ins for '\(name)'; try again in \(minutes) minute(s) or ask an organizer")
    }

    /// Records a failed attempt.
    func failed(_ name: String, now: Date = Date()) {
        lock.withLock {
            var list = failures[key(name), default: []].filter { now.timeIntervalSince($0) < window }
            list.append(now)
            failures[key(name)] = list
            if failures.count > 10_000 {  // many made-up names: forget the quiet ones
                failures = failures.filter { $0.value.contains { now.timeIntervalSince($0) < window } }
            }
        }
    }

    /// Clears the record after a successful sign-in.
    func succeeded(_ name: String) { _ = lock.withLock { failures.removeValue(forKey: key(name)) } }
}
