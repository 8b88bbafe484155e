import Foundation
import Hummingbird

/// Slows down password guessing without letting anyone lock an account out.
///
/// Failures are counted per client and account name: after `limit` failures within `window` from one client, that
/// client waits before trying that name again — one minute, then twice as long after each further failure, at most
/// `window` — while the account's owner, on another client, is not affected. One client failing for many names is
/// slowed down as a whole (`clientLimit`). An attempt is reserved before its password is checked, so concurrent
/// guesses count as they start, not as bcrypt finishes.
final class SignInThrottle: @unchecked Sendable {
    // @unchecked Sendable: every access to the tables holds `lock`.
    private let lock = NSLock()
    private var failures: [String: [Date]] = [:]
    private var pending: [String: Int] = [:]
    let limit: Int
    let clientLimit: Int
    let window: TimeInterval

    /// One sign-in attempt, reserved by `begin`.
    struct Attempt {
        fileprivate let pair: String
        fileprivate let client: String
    }

    init(limit: Int = 5, clientLimit: Int = 30, window: TimeInterval = 15 * 60) {
        self.limit = limit
        self.clientLimit = clientLimit
        self.window = window
    }

    private static func pair(_ name: String, _ client: String) -> String {
        client + "\u{0}" + name.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// Reserves an attempt for `name` from `client`, or throws 429 while that client must wait.
    func begin(_ name: String, client: String, now: Date = Date()) throws -> Attempt {
        let pair = Self.pair(name, client)
        let clientKey = client + "\u{0}"
        let wait: TimeInterval? = lock.withLock {
            let recent = failures[pair]?.filter { now.timeIntervalSince($0) < window } ?? []
            let total = recent.count + pending[pair, default: 0]
            let fromClient =
                (failures[clientKey]?.filter { now.timeIntervalSince($0) < window }.count ?? 0) + pending[clientKey, default: 0]
            if fromClient >= clientLimit { return window }
            if total >= limit {
                let over = total - limit
                let backoff = min(window, 60 * pow(2, Double(min(over, 10))))
                let last = recent.max() ?? now
                let remaining = backoff - now.timeIntervalSince(last)
                if remaining > 0 { return remaining }
            }
            pending[pair, default: 0] += 1
            pending[clientKey, default: 0] += 1
            return nil
        }
        if let wait {
            throw HTTPError(
                .tooManyRequests,
                message: "too many failed sign-ins for '\(name)' from here; try again in \(Int(wait / 60) + 1) minute(s)")
        }
        return Attempt(pair: pair, client: clientKey)
    }

    /// Ends a reserved attempt that failed.
    func failed(_ attempt: Attempt, now: Date = Date()) {
        lock.withLock {
            release(attempt)
            for key in [attempt.pair, attempt.client] {
                var list = failures[key, default: []].filter { now.timeIntervalSince($0) < window }
                list.append(now)
                failures[key] = list
            }
            if failures.count > 10_000 {  // many made-up names: forget the quiet ones
                failures = failures.filter { $0.value.contains { now.timeIntervalSince($0) < window } }
            }
        }
    }

    /// Ends a reserved attempt that succeeded: that client's record for the name is cleared.
    func succeeded(_ attempt: Attempt) {
        lock.withLock {
            release(attempt)
            failures.removeValue(forKey: attempt.pair)
        }
    }

    /// Ends a reserved attempt that could not be decided (the store failed): neither a failure nor a success.
    func abandon(_ attempt: Attempt) { lock.withLock { release(attempt) } }

    private func release(_ attempt: Attempt) {
        for key in [attempt.pair, attempt.client] {
            let left = pending[key, default: 1] - 1
            pending[key] = left > 0 ? left : nil
        }
    }
}
