import Foundation

/// Golden files for the JSON contracts outside scripts rely on (the CLI's `--json` output, the HTTP API's bodies).
///
/// A contract is compared as data, not text: keys are sorted and the values that differ from run to run (times,
/// tokens, temporary paths) are replaced by placeholders first, so a golden file changes only when a key, a value
/// or a shape does. `DUIJIE_GOLDEN=record swift test --filter Golden` rewrites the files; review the diff before
/// committing it, because a changed golden file is a changed contract.
public enum Golden {
    /// Where golden files live: `Tests/Golden/`.
    public static let folder = Fixtures.root.appendingPathComponent("Tests/Golden")

    /// Compares `json` (a response body or a command's standard output) with `Tests/Golden/<name>.json`.
    /// Returns nil when they agree (or when recording), else a message naming the first difference.
    public static func check(_ name: String, json data: Data, replacing literals: [String: String] = [:]) -> String? {
        let value: Any
        do {
            value = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            return "\(name): not JSON: \(String(decoding: data.prefix(200), as: UTF8.self))"
        }
        let normalized = normalize(value, literals: literals)
        guard
            let text = try? JSONSerialization.data(
                withJSONObject: normalized, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
        else { return "\(name): cannot write the normalized JSON" }
        let file = folder.appendingPathComponent("\(name).json")
        if ProcessInfo.processInfo.environment["DUIJIE_GOLDEN"] == "record" {
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try? (text + Data("\n".utf8)).write(to: file)
            return nil
        }
        guard let expectedData = FileManager.default.contents(atPath: file.path) else {
            return "\(name): no golden file at \(file.path) (record it with DUIJIE_GOLDEN=record)"
        }
        guard let expected = try? JSONSerialization.jsonObject(with: expectedData, options: [.fragmentsAllowed]) else {
            return "\(name): the golden file is not JSON"
        }
        return difference(expected, normalize(normalized, literals: [:]), at: name)
    }

    /// Replaces what changes between runs: ISO times, 32-hex tokens, the given literal strings (paths).
    static func normalize(_ value: Any, literals: [String: String]) -> Any {
        switch value {
        case let object as [String: Any]: return object.mapValues { normalize($0, literals: literals) }
        case let array as [Any]: return array.map { normalize($0, literals: literals) }
        case var text as String:
            for (literal, placeholder) in literals.sorted(by: { $0.key.count > $1.key.count }) {
                text = text.replacingOccurrences(of: literal, with: placeholder)
            }
            text = text.replacingOccurrences(
                of: #"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?Z?"#, with: "<time>", options: .regularExpression)
            text = text.replacingOccurrences(of: #"\b[0-9a-f]{32}\b"#, with: "<token>", options: .regularExpression)
            return text
        default: return value
        }
    }

    /// The first place two JSON values differ, as a path and both values; nil when equal.
    static func difference(_ expected: Any, _ actual: Any, at path: String) -> String? {
        switch (expected, actual) {
        case (let e as [String: Any], let a as [String: Any]):
            if Set(e.keys) != Set(a.keys) {
                return
                    "\(path): keys differ: only expected \(Set(e.keys).subtracting(a.keys).sorted()), only actual \(Set(a.keys).subtracting(e.keys).sorted())"
            }
            for key in e.keys.sorted() {
                if let found = difference(e[key]!, a[key]!, at: "\(path).\(key)") { return found }
            }
            return nil
        case (let e as [Any], let a as [Any]):
            if e.count != a.count { return "\(path): \(e.count) elements expected, \(a.count) found" }
            for (index, pair) in zip(e, a).enumerated() {
                if let found = difference(pair.0, pair.1, at: "\(path)[\(index)]") { return found }
            }
            return nil
        case (let e as NSNumber, let a as NSNumber):
            // Numbers compare by value, with room for the last digit of a printed double.
            let x = e.doubleValue
            let y = a.doubleValue
            return abs(x - y) <= 1e-9 * max(1, abs(x)) ? nil : "\(path): expected \(e), found \(a)"
        case (let e as String, let a as String):
            return e == a ? nil : "\(path): expected \(e.debugDescription), found \(a.debugDescription)"
        case (is NSNull, is NSNull): return nil
        default: return "\(path): expected \(expected), found \(actual)"
        }
    }
}
