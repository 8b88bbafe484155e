import DuijieCore
import Foundation

/// China's administrative divisions (`Resources/gazetteer.txt`, from cpca's adcodes, MIT): recognises county names
/// in cells and file names, and reads a county written with its province and city (`河北省衡水市桃城区`) as the
/// county (`桃城区`).
public struct Gazetteer: Sendable {
    /// County-level names (县, 区, 县级市, 旗).
    public private(set) var counties: Set<String> = []
    /// Province and prefecture names, with their suffix and without it (河北省, 河北; 衡水市, 衡水).
    private var above: Set<String> = []
    /// County names of three characters or more, longest first, for finding one inside a file name.
    private var searchable: [String] = []
    /// The first two characters of every province and prefecture name: a value starting otherwise has no prefix to drop.
    private var aboveStarts: Set<String> = []

    /// The shipped gazetteer.
    public static let shared: Gazetteer = {
        guard let url = Bundle.module.url(forResource: "gazetteer", withExtension: "txt"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { return Gazetteer(text: "") }
        return Gazetteer(text: text)
    }()

    /// Parses `code name` lines (six-digit codes: `130000` a province, `131100` a prefecture, `131102` a county).
    public init(text: String) {
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].count == 6 else { continue }
            let code = parts[0]
            let name = String(parts[1])
            if name.hasSuffix("辖区") || name.hasPrefix("省直辖") || name.hasPrefix("自治区直辖") || name.count < 2 { continue }
            if code.hasSuffix("00") {
                above.insert(name)
                for suffix in ["特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "地区", "盟", "省", "市"]
                where name.hasSuffix(suffix) && name.count > suffix.count + 1 {
                    above.insert(String(name.dropLast(suffix.count)))
                    break
                }
            } else {
                counties.insert(name)
            }
        }
        searchable = counties.filter { $0.count >= 3 }.sorted { $0.count > $1.count }
        aboveStarts = Set(above.map { String($0.unicodeScalars.prefix(2)) })
    }

    /// Whether `name` is a county-level name.
    public func isCounty(_ name: String) -> Bool { counties.contains(name) }

    /// The county a value names, dropping a province and city written before it (`衡水市桃城区` → 桃城区), or nil.
    public func county(in value: String) -> String? {
        if counties.contains(value) { return value }
        let name = String(String.UnicodeScalarView(value.unicodeScalars.filter { !TextNormalizer.isSpace($0) }))
        if counties.contains(name) { return name }
        let characters = Array(name.unicodeScalars)
        guard characters.count >= 4, aboveStarts.contains(String(String.UnicodeScalarView(characters[0..<2]))) else { return nil }
        for length in stride(from: min(characters.count - 2, 8), through: 2, by: -1) {
            let tail = String(String.UnicodeScalarView(characters[(characters.count - length)...]))
            guard counties.contains(tail) else { continue }
            // What comes before must be a province and/or a city: 河北省衡水市, 河北衡水, 衡水市.
            var start = 0
            let end = characters.count - length
            var pieces = 0
            while start < end, pieces < 3 {
                var matched = 0
                for size in stride(from: min(end - start, 10), through: 2, by: -1)
                where above.contains(String(String.UnicodeScalarView(characters[start..<(start + size)]))) {
                    matched = size
                    break
                }
                guard matched > 0 else { break }
                start += matched
                pieces += 1
            }
            if start == end { return tail }
        }
        return nil
    }

    /// A county named inside a file name (`2020年深州市需求.xlsx` → 深州市), three characters or more; nil when none.
    public func county(inFileName fileName: String) -> String? {
        let base = fileName.split(separator: "/").last.map(String.init) ?? fileName
        return searchable.first { base.contains($0) }
    }
}
