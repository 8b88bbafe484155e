import DuijieCore
import Foundation
import Hummingbird

/// Uploads waiting for the organizer to confirm them after a preview. They are held in memory only — nothing is
/// stored before confirming — for 30 minutes, at most 16 uploads and 256 MiB in all (the oldest go first); a server
/// restart forgets them and the organizer uploads again.
final class PendingUploads: @unchecked Sendable {
    struct Pending: Sendable {
        let kind: UploadKind
        let event: String
        let strict: Bool
        let files: [FormData.File]
        let account: String
        let created: Date

        var bytes: Int { files.reduce(0) { $0 + $1.data.readableBytes } }
    }

    static let lifetime: TimeInterval = 30 * 60
    static let maxUploads = 16
    static let maxBytes = 256 << 20

    private let lock = NSLock()
    private var held: [String: Pending] = [:]

    /// Holds an upload; returns its token.
    func hold(_ pending: Pending) -> String {
        let token = RandomToken.make()
        lock.withLock {
            expire(now: pending.created)
            held[token] = pending
            while held.count > Self.maxUploads || held.values.reduce(0, { $0 + $1.bytes }) > Self.maxBytes {
                guard let oldest = held.min(by: { $0.value.created < $1.value.created })?.key, oldest != token else { break }
                held[oldest] = nil
            }
        }
        return token
    }

    /// The upload held under `token` for `account`, or nil when it is unknown, expired or someone else's.
    func get(_ token: String, account: String) -> Pending? {
        lock.withLock {
            expire(now: Date())
            guard let pending = held[token], pending.account == account else { return nil }
            return pending
        }
    }

    /// Forgets an upload (after it is imported).
    func drop(_ token: String) { _ = lock.withLock { held.removeValue(forKey: token) } }

    private func expire(now: Date) {
        held = held.filter { now.timeIntervalSince($0.value.created) < Self.lifetime }
    }
}
