import Foundation

/// Where the tests' inputs live: the project's own fixtures and the shared real-world data beside the checkout.
public enum Fixtures {
    /// The checkout's root folder (the one holding Package.swift).
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// `Fixtures/` in the checkout.
    public static let folder = root.appendingPathComponent("Fixtures")
    /// The sample event (modelled on Hengshui 2020): demands, solvers, final and deals sheets.
    public static let sampleEvent = folder.appendingPathComponent("sample-event")
    /// `../shared`: the zoo, real51-dev and the crashers (present on developers' machines and in CI).
    public static let shared = root.deletingLastPathComponent().appendingPathComponent("shared")
    /// Inputs that once crashed or hung a release build.
    public static let crashers = shared.appendingPathComponent("crashers")

    /// The sample event's files of one kind (`demands`, `solvers`, `final`, `deals`), sorted by name.
    public static func sampleFiles(_ kind: String) throws -> [URL] {
        let folder = sampleEvent.appendingPathComponent(kind)
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map {
            folder.appendingPathComponent($0)
        }
    }
}

/// A fresh folder under the system's temporary directory, removed when the value goes away.
public final class TemporaryFolder: @unchecked Sendable {
    /// The folder.
    public let url: URL

    /// Makes the folder; `label` shows up in its name to tell leftovers apart.
    public init(_ label: String = "test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("duijie-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// A path inside the folder.
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}
