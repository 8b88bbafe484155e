import Foundation
import Hummingbird
import HummingbirdAuth
import Service

/// What a browser session holds: the account's name and the session's CSRF token. The account itself is read from
/// the store on every request, so a removed account or a changed role takes effect at once.
public struct WebSession: Codable, Sendable, Equatable {
    /// The account signed in.
    public var account: String
    /// The token every form posted in this session must carry (field `csrf` or header `X-CSRF-Token`).
    public var csrf: String
}

/// A form's fields and files, read once by `FormMiddleware`.
public struct FormData: Sendable {
    /// One uploaded file.
    public struct File: Sendable {
        /// The file name the browser sent (its last path component only).
        public var filename: String
        /// The bytes.
        public var data: ByteBuffer
    }

    /// The text fields (the last value wins when a name repeats).
    public var fields: [String: String] = [:]
    /// Every value of each field, in order (for multi-value fields such as check boxes).
    public var all: [String: [String]] = [:]
    /// The uploaded files by field name, in order.
    public var files: [String: [File]] = [:]

    /// A text field, or nil when it is missing.
    public subscript(_ name: String) -> String? { fields[name] }

    mutating func add(_ name: String, _ value: String) {
        fields[name] = value
        all[name, default: []].append(value)
    }
}

/// The request context of every route: who is signed in (an organizer or reporting-office account), the session,
/// and the parsed form of a POST.
public struct DuijieContext: AuthRequestContext, SessionRequestContext, RequestContext {
    /// Hummingbird's core storage.
    public var coreContext: CoreRequestContextStorage
    /// The account behind the request, when one signed in (session cookie or HTTP Basic).
    public var identity: Account?
    /// The browser session.
    public let sessions: SessionContext<WebSession>
    /// The body of a form POST (urlencoded or multipart), empty otherwise.
    public var form = FormData()

    /// The client's address (for throttling sign-ins per client), `local` when unknown.
    public let clientAddress: String

    /// Makes the context for a request.
    public init(source: Source) {
        coreContext = .init(source: source)
        identity = nil
        sessions = .init()
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "local"
    }

    /// Uploads are read by `FormMiddleware` with their own limit.
    public var maxUploadSize: Int { APIRoutes.maxUploadBytes }
}
