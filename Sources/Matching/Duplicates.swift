import DuijieCore

/// The same achievement posted twice under two ids fills two slots of a list (on a real technology market about
/// 130 of 1,200 top-10 slots): candidates whose name and text are the same once normalised form one group, and a
/// list shows each group once, with the other ids attached.
public struct DuplicateGroups: Sendable {
    /// For each team, the first team of its group (itself when it has no duplicate).
    public let representative: [Int32]

    /// Groups `solvers` by name (normalised) and near-same text: two postings of one achievement often differ by a
    /// character or in the category the poster chose, so texts are the same when one is the other with at most a
    /// few characters added, or their character bigrams overlap by `similarity` or more (Jaccard).
    public init(_ solvers: [MatchSolver], similarity: Double = 0.8) {
        var byName: [String: [(index: Int32, bigrams: Set<UInt32>, text: String)]] = [:]
        var representative: [Int32] = []
        representative.reserveCapacity(solvers.count)
        for (index, solver) in solvers.enumerated() {
            let name = TextNormalizer.key(solver.name)
            let text = TextNormalizer.key(solver.achievements)
            let bigrams = DuplicateGroups.bigrams(text)
            var found: Int32?
            for seen in byName[name] ?? [] {
                if seen.text == text || DuplicateGroups.jaccard(seen.bigrams, bigrams) >= similarity {
                    found = seen.index
                    break
                }
            }
            if let found {
                representative.append(found)
            } else {
                byName[name, default: []].append((Int32(index), bigrams, text))
                representative.append(Int32(index))
            }
        }
        self.representative = representative
    }

    /// A text's character bigrams, as pairs of scalar values folded into 32 bits.
    static func bigrams(_ text: String) -> Set<UInt32> {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count > 1 else { return Set(scalars.map { $0.value }) }
        var out = Set<UInt32>()
        for i in 1..<scalars.count { out.insert(scalars[i - 1].value &* 65_599 &+ scalars[i].value) }
        return out
    }

    /// |a ∩ b| / |a ∪ b|; two empty texts are the same.
    static func jaccard(_ a: Set<UInt32>, _ b: Set<UInt32>) -> Double {
        if a.isEmpty && b.isEmpty { return 1 }
        let shared = a.intersection(b).count
        return Double(shared) / Double(a.count + b.count - shared)
    }

    /// Whether any team has a duplicate.
    public var isEmpty: Bool { representative.enumerated().allSatisfy { $0.offset == Int($0.element) } }

    /// `candidates` (best first) with each group shown once — its best-placed member, the others' indices in its
    /// `duplicates` — cut to `top`.
    public func collapse(_ candidates: [RankedCandidate], top: Int) -> [RankedCandidate] {
        var kept: [RankedCandidate] = []
        var position: [Int32: Int] = [:]
        for candidate in candidates {
            let group = candidate.index < representative.count ? representative[candidate.index] : Int32(candidate.index)
            if let at = position[group] {
                kept[at].duplicates.append(candidate.index)
                continue
            }
            guard kept.count < top else { continue }
            position[group] = kept.count
            kept.append(candidate)
        }
        return kept
    }
}
