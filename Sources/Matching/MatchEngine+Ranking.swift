import Foundation

/// One candidate in a ranking.
public struct RankedCandidate: Sendable, Hashable {
    /// The candidate's index (a team when ranking for a demand, a demand when ranking for a team).
    public var index: Int
    /// BM25F relevance before the field and region terms.
    public var raw: Double
    /// The cosine of the pair's character 1–2-gram vectors (0–1).
    public var cosine: Double = 0
    /// Combined relevance (BM25F over the demand's ceiling + weighted cosine) × field term × region term: an
    /// absolute scale, comparable across demands of one event.
    public var affinity: Double
    /// Affinity divided by the best affinity in this ranking: 1 for the first, 0–1 for the rest.
    public var score: Double
    /// Other candidates with the same name and text (`DuplicateGroups`), shown once under this one.
    public var duplicates: [Int] = []

    /// Creates a candidate.
    public init(index: Int, raw: Double, cosine: Double = 0, affinity: Double, score: Double) {
        self.index = index
        self.raw = raw
        self.cosine = cosine
        self.affinity = affinity
        self.score = score
    }
}

/// The ranked candidates for one subject.
public struct Ranking: Sendable {
    /// The subject's index (a demand, or a team for reverse rankings).
    public var subject: Int
    /// Best first; only candidates with a positive score.
    public var candidates: [RankedCandidate]
}

extension MatchEngine {
    /// For every demand, the `top` teams by affinity (all cores).
    public func rankSolvers(top: Int) -> [Ranking] {
        rank(subjects: demands.count, top: top) { d, accumulator in self.solverCandidates(d, top: top, &accumulator) }
    }

    /// The `top` teams for one demand (one query on this thread: what a page about one demand needs).
    public func rankSolvers(forDemand d: Int, top: Int) -> Ranking {
        var accumulator = Accumulator()
        return Ranking(subject: d, candidates: solverCandidates(d, top: top, &accumulator))
    }

    private func solverCandidates(_ d: Int, top: Int, _ accumulator: inout Accumulator) -> [RankedCandidate] {
        collect(
            query: demandQueries[d], postings: solverPostings, targets: solvers.count, top: top, accumulator: &accumulator,
            grams: demandGrams.row(d), candidateGrams: solverGrams
        ) { s, raw, cosine in
            self.combined(demand: d, raw: raw, cosine: cosine) * self.boostFactor(demand: d, solver: s)
        }
    }

    /// For every team, the `top` demands by affinity: a county's needs matched against an achievement list.
    public func rankDemands(top: Int) -> [Ranking] {
        let postings = Postings(vectors: demandQueries, termCount: vocabulary.count)
        let documents = solverDocuments
        let targets = demands.count
        return rank(subjects: solvers.count, top: top) { s, accumulator in
            self.collect(
                query: documents[s], postings: postings, targets: targets, top: top, accumulator: &accumulator,
                grams: self.solverGrams.row(s), candidateGrams: self.demandGrams
            ) { d, raw, cosine in
                self.combined(demand: d, raw: raw, cosine: cosine) * self.boostFactor(demand: d, solver: s)
            }
        }
    }

    /// Runs `one` for every subject on all cores, each worker with its own score accumulator.
    private func rank(
        subjects: Int, top: Int, _ one: @Sendable (Int, inout Accumulator) -> [RankedCandidate]
    ) -> [Ranking] {
        let slots = ResultSlots<Ranking>(count: subjects)
        let chunks = max(1, min(subjects, ProcessInfo.processInfo.activeProcessorCount * 8))
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var accumulator = Accumulator()
            for subject in (subjects * chunk / chunks)..<(subjects * (chunk + 1) / chunks) {
                slots.set(subject, Ranking(subject: subject, candidates: one(subject, &accumulator)))
            }
        }
        return subjects == 0 ? [] : slots.values()
    }

    /// Scores one query against the postings, keeps the `rerankDepth` best by BM25F relevance, computes their
    /// n-gram cosines (the query's vector scattered into a dense array, each candidate's terms walked in order: the
    /// same sum, in the same order, as `SparseVector.dot`), turns (candidate, raw, cosine) into an affinity with
    /// `affinity`, and returns the `top` best by affinity, normalised to the best.
    func collect(
        query: SparseVector, postings: Postings, targets: Int, top: Int, accumulator: inout Accumulator,
        grams: SparseVector, candidateGrams: VectorRows, affinity: (Int, Double, Double) -> Double
    ) -> [RankedCandidate] {
        accumulator.prepare(targets)
        for (k, term) in query.terms.enumerated() {
            let q = query.weights[k]
            let t = Int(term)
            for slot in postings.start[t]..<postings.start[t + 1] {
                accumulator.add(Int(postings.record[slot]), q * postings.weight[slot])
            }
        }
        var heap = TopHeap(capacity: max(top, options.rerankDepth))
        for index in accumulator.touched {
            let value = accumulator.scores[index]
            // Most entries lose to the current worst kept: reject them before calling into the heap.
            if value > 0 && (!heap.isFull || value >= heap.worstScore) { heap.offer(score: value, index: Int32(index)) }
        }
        accumulator.reset()
        accumulator.scatter(grams, size: gramCount)
        var candidates = heap.sortedDescending().map { entry -> RankedCandidate in
            let index = Int(entry.index)
            let raw = Double(entry.score)
            let cosine = Double(accumulator.dot(candidateGrams, row: index))
            return RankedCandidate(index: index, raw: raw, cosine: cosine, affinity: affinity(index, raw, cosine), score: 0)
        }
        accumulator.clear(grams)
        candidates.sort { $0.affinity != $1.affinity ? $0.affinity > $1.affinity : $0.index < $1.index }
        if candidates.count > top { candidates.removeSubrange(top...) }
        if let best = candidates.first?.affinity, best > 0 {
            for i in candidates.indices { candidates[i].score = candidates[i].affinity / best }
        }
        return candidates
    }
}

/// A dense score array with the list of entries touched, reused across queries.
struct Accumulator {
    var scores: [Float] = []
    var touched: [Int] = []

    mutating func prepare(_ count: Int) {
        if scores.count != count { scores = [Float](repeating: 0, count: count) }
    }

    @inline(__always)
    mutating func add(_ index: Int, _ value: Float) {
        if scores[index] == 0 { touched.append(index) }
        scores[index] += value
    }

    mutating func reset() {
        for index in touched { scores[index] = 0 }
        touched.removeAll(keepingCapacity: true)
    }

    /// A query's n-gram weights by term id, zero elsewhere (`size`: the vocabulary).
    var dense: [Float] = []

    mutating func scatter(_ vector: SparseVector, size: Int) {
        if dense.count != size { dense = [Float](repeating: 0, count: size) }
        for (k, term) in vector.terms.enumerated() { dense[Int(term)] = vector.weights[k] }
    }

    /// The dot product of the scattered query with row `i` of `rows`, summed in the row's (ascending) term order.
    /// Unchecked buffers: every gram id is below the gram count, which `dense` has (the hot loop at scale).
    func dot(_ rows: VectorRows, row i: Int) -> Float {
        let lower = rows.start[i]
        let upper = rows.start[i + 1]
        return dense.withUnsafeBufferPointer { query in
            rows.terms.withUnsafeBufferPointer { terms in
                rows.weights.withUnsafeBufferPointer { weights in
                    var sum: Float = 0
                    // Without a branch: a gram the query lacks adds exactly +0, so the sum equals the merge's.
                    for k in lower..<upper { sum += query[Int(terms[k])] * weights[k] }
                    return sum
                }
            }
        }
    }

    mutating func clear(_ vector: SparseVector) {
        for term in vector.terms { dense[Int(term)] = 0 }
    }
}

/// Keeps the `capacity` best (score, index) pairs; ties prefer the lower index, so results are deterministic.
struct TopHeap {
    struct Entry {
        var score: Float
        var index: Int32
    }

    private var entries: [Entry] = []
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        entries.reserveCapacity(capacity)
    }

    /// True when `a` ranks below `b`.
    @inline(__always)
    private static func worse(_ a: Entry, _ b: Entry) -> Bool {
        a.score != b.score ? a.score < b.score : a.index > b.index
    }

    var isFull: Bool { entries.count >= capacity }
    var worstScore: Float { entries.first?.score ?? -.infinity }

    @inline(__always)
    mutating func offer(score: Float, index: Int32) {
        let entry = Entry(score: score, index: index)
        if entries.count < capacity {
            entries.append(entry)
            var child = entries.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                if TopHeap.worse(entries[child], entries[parent]) {
                    entries.swapAt(child, parent)
                    child = parent
                } else {
                    break
                }
            }
        } else if capacity > 0, TopHeap.worse(entries[0], entry) {
            entries[0] = entry
            var parent = 0
            while true {
                let left = 2 * parent + 1
                let right = left + 1
                var smallest = parent
                if left < entries.count && TopHeap.worse(entries[left], entries[smallest]) { smallest = left }
                if right < entries.count && TopHeap.worse(entries[right], entries[smallest]) { smallest = right }
                if smallest == parent { break }
                entries.swapAt(parent, smallest)
                parent = smallest
            }
        }
    }

    func sortedDescending() -> [Entry] { entries.sorted { TopHeap.worse($1, $0) } }
}
