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
    /// The lengths (in characters) of county names of three characters or more, for finding one inside a file name.
    private var searchLengths: Set<Int> = []
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
        let suffixes = ["特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "地区", "盟", "省", "市"]
        for line in text.utf8.split(separator: 0x0A) where line.first != UInt8(ascii: "#") && line.count > 8 {
            let code = line.prefix(6)
            guard code.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), line[line.index(line.startIndex, offsetBy: 6)] == 0x20 else {
                continue
            }
            let bytes = line.dropFirst(7)
            let name = String(decoding: bytes, as: UTF8.self)
            if bytes.starts(with: "省直辖".utf8) || bytes.starts(with: "自治区直辖".utf8)
                || bytes.reversed().starts(with: "辖区".utf8.reversed())
            {
                continue
            }
            if code.suffix(2).elementsEqual("00".utf8) {
                above.insert(name)
                if let suffix = suffixes.first(where: {
                    bytes.count > $0.utf8.count + 3 && bytes.reversed().starts(with: $0.utf8.reversed())
                }) {
                    above.insert(String(decoding: bytes.dropLast(suffix.utf8.count), as: UTF8.self))
                }
            } else {
                counties.insert(name)
            }
        }
        searchLengths = Set(counties.map(\.unicodeScalars.count).filter { $0 >= 3 })
        aboveStarts = Set(above.map { String(String.UnicodeScalarView($0.unicodeScalars.prefix(2))) })
    }

    /// Whether `name` is a county-level name.
    public func isCounty(_ name: String) -> Bool { counties.contains(name) }

    /// The county a value names, dropping a province and city written before it (`衡水市桃城区` → 桃城区), or nil.
    /// Answers are remembered (a county column repeats a few values over many rows).
    public func county(in value: String) -> String? {
        if counties.contains(value) { return value }
        if let known = Gazetteer.memo.answer(value) { return known }
        let answer = lookUp(value)
        Gazetteer.memo.remember(value, answer)
        return answer
    }

    /// Remembered answers of `county(in:)`, bounded.
    private static let memo = Memo()

    /// A small bounded cache shared by the readers' threads.
    private final class Memo: @unchecked Sendable {  // @unchecked: every access holds `lock`
        private let lock = NSLock()
        private var answers: [String: String?] = [:]

        func answer(_ value: String) -> String?? {
            lock.lock()
            defer { lock.unlock() }
            return answers[value]
        }

        func remember(_ value: String, _ answer: String?) {
            lock.lock()
            defer { lock.unlock() }
            if answers.count >= 4096 { answers.removeAll(keepingCapacity: true) }
            answers[value] = .some(answer)
        }
    }

    private func lookUp(_ value: String) -> String? {
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
    /// The longest name wins; the earliest on a tie.
    public func county(inFileName fileName: String) -> String? {
        let base = Array((fileName.split(separator: "/").last.map(String.init) ?? fileName).unicodeScalars)
        var best: String?
        for length in searchLengths.sorted(by: >) where best == nil && length <= base.count {
            for start in 0...(base.count - length) {
                let candidate = String(String.UnicodeScalarView(base[start..<(start + length)]))
                if counties.contains(candidate) {
                    best = candidate
                    break
                }
            }
        }
        return best
    }
}
