import DuijieCore
import Foundation

/// The scoring engine: turns demands and teams into weighted term vectors once, then ranks through inverted
/// indexes, so the work grows with the postings touched rather than with demands × teams.
///
/// Affinity of demand d and team s is the sum of two lexical scores on absolute scales, multiplied by a field term
/// `1 + fieldWeight × overlap(所属领域, team text)` and a region term `1 + regionWeight × closeness`:
/// - a BM25F relevance — the demand's title, description and goals as the query (field-weighted, saturated), the
///   team's directions, achievements and name as the document (field-weighted, length-normalised, saturated),
///   inverse document frequency over all loaded texts — divided by the demand's ceiling (what a document holding
///   every query term at full weight would score), so it lies in 0–1 whatever the collection;
/// - `cosineWeight ×` the cosine of character 1–2-gram TF-IDF vectors (sublinear tf, idf over the teams, the
///   texts as a whole), computed for the `rerankDepth` BM25F leaders. Bigrams alone miss what single characters
///   carry in short Chinese texts, and the cosine is length-normalised where BM25F saturates: measured on the
///   labelled sets (docs/benchmarks.md), the sum ranks better than either.
/// Hand-written: no kept Swift library does BM25F or TF-IDF over mixed Chinese/English text.
/// Deterministic: the same inputs in the same order give the same scores and order (ties go to the earlier record).
public final class MatchEngine: Sendable {
    /// The demands, in input order.
    public let demands: [MatchDemand]
    /// The teams, in input order.
    public let solvers: [MatchSolver]
    /// The parameters.
    public let options: MatchOptions
    /// The synonym groups applied.
    public let synonyms: SynonymTable

    let vocabulary: [UInt64]
    let termIDs: [UInt64: Int32]
    let idf: [Float]
    let demandQueries: [SparseVector]
    let solverDocuments: [SparseVector]
    let demandFieldTerms: [[Int32]]
    /// Each demand's BM25F ceiling: the sum of its query weights × idf.
    let demandCeilings: [Float]
    /// How many distinct grams the teams hold (the gram id space).
    let gramCount: Int
    /// Character 1–2-gram TF-IDF vectors, unit length, over gram ids (commonest first; a gram no team has is left
    /// out).
    let demandGrams: VectorRows
    let solverGrams: VectorRows
    let demandPlaces: [Place]
    let solverPlaces: [Place]
    let demandPlaceCodes: [PlaceCode]
    let solverPlaceCodes: [PlaceCode]
    let solverPostings: Postings

    /// Builds the vectors and the index; tokenising runs on all cores.
    public init(demands: [MatchDemand], solvers: [MatchSolver], options: MatchOptions = MatchOptions(), synonyms: SynonymTable) {
        self.demands = demands
        self.solvers = solvers
        self.options = options
        self.synonyms = synonyms

        // 1. Tokenise every field of every record (parallel), adding one token per synonym group found.
        let demandTokens = parallelMap(demands) { d in
            MatchEngine.tokens(of: [d.title, d.description, d.goals], synonyms: synonyms)
        }
        let solverTokens = parallelMap(solvers) { s in
            MatchEngine.tokens(of: [s.directions.joined(separator: "；"), s.achievements, s.name], synonyms: synonyms)
        }
        let demandFields = demandTokens.map(\.fields)
        let solverFields = solverTokens.map(\.fields)
        let fieldTexts: [[UInt64]] = parallelMap(demands) { d in d.field.map { Tokenizer.keys($0) } ?? [] }

        // 2. Vocabulary and document frequencies over all records (demands and teams alike).
        var ids: [UInt64: Int32] = [:]
        var vocabulary: [UInt64] = []
        var df: [Int32] = []
        func intern(_ token: UInt64) -> Int32 {
            if let id = ids[token] { return id }
            let id = Int32(vocabulary.count)
            ids[token] = id
            vocabulary.append(token)
            df.append(0)
            return id
        }
        func countDocument(_ fields: [[Int32]]) {
            var ids = fields.flatMap { $0 }
            ids.sort()
            var previous: Int32 = -1
            for id in ids where id != previous {
                df[Int(id)] += 1
                previous = id
            }
        }
        let demandIDs = demandFields.map { $0.map { $0.map(intern) } }
        let solverIDs = solverFields.map { $0.map { $0.map(intern) } }
        for fields in demandIDs { countDocument(fields) }
        for fields in solverIDs { countDocument(fields) }
        // A record's grams per field: its tokenizer terms (already interned, synonym terms left out) and its single
        // characters, interned through a table indexed by the character (no hashing for the commonest grams).
        var singleIDs = [Int32](repeating: -1, count: 0xA000 - 0x3400)
        func internSingle(_ key: UInt64) -> Int32 {
            let slot = Int(key & 0x1F_FFFF) - 0x3400
            guard slot >= 0 && slot < singleIDs.count else { return intern(key) }
            if singleIDs[slot] < 0 { singleIDs[slot] = intern(key) }
            return singleIDs[slot]
        }
        func gramIDs(_ fieldIDs: [[Int32]], _ tokens: (fields: [[UInt64]], plain: [Int], unigrams: [[UInt64]])) -> [[Int32]] {
            fieldIDs.indices.map { f in Array(fieldIDs[f].prefix(tokens.plain[f])) + tokens.unigrams[f].map(internSingle) }
        }
        let demandGramIDs = zip(demandIDs, demandTokens).map(gramIDs)
        let solverGramIDs = zip(solverIDs, solverTokens).map(gramIDs)
        demandFieldTerms = fieldTexts.map { Array(Set($0.compactMap { ids[$0] })).sorted() }
        let n = Float(demands.count + solvers.count)
        idf = df.map { d in log(1 + (n - Float(d) + 0.5) / (Float(d) + 0.5)) }
        self.vocabulary = vocabulary
        termIDs = ids

        // 2b. Character n-gram idf over the teams (the collection searched), smoothed as scikit-learn does; a term
        // no team has weighs nothing.
        var gramDF = [Int32](repeating: 0, count: vocabulary.count)
        for grams in solverGramIDs {
            var previous: Int32 = -1
            for id in grams.flatMap({ $0 }).sorted() where id != previous {
                gramDF[Int(id)] += 1
                previous = id
            }
        }
        // Grams get their own ids, commonest among the teams first: the grams most rows hold then sit together at the
        // start of the dense query array the cosine looks them up in, and stay in cache.
        var gramOrder = (0..<vocabulary.count).filter { gramDF[$0] > 0 }
        gramOrder.sort { gramDF[$0] != gramDF[$1] ? gramDF[$0] > gramDF[$1] : $0 < $1 }
        var gramID = [Int32](repeating: -1, count: vocabulary.count)
        for (k, id) in gramOrder.enumerated() { gramID[id] = Int32(k) }
        let teams = Float(solvers.count)
        let gramIDF = gramOrder.map { log((1 + teams) / (1 + Float(gramDF[$0]))) + 1 }
        gramCount = gramOrder.count
        let renumbered = gramID
        @Sendable func known(_ fields: [[Int32]]) -> [[Int32]] {
            fields.map { field in field.compactMap { renumbered[Int($0)] >= 0 ? renumbered[Int($0)] : nil } }
        }
        let demandGramWeights = options.demandFieldWeights.map { Float($0) / Float(options.demandFieldWeights.min() ?? 1) }
        let solverGramWeights = options.solverFieldWeights.map { Float($0) / Float(options.solverFieldWeights.min() ?? 1) }
        demandGrams = VectorRows(
            parallelMap(demandGramIDs) { MatchEngine.unitVector(known($0), weights: demandGramWeights, idf: gramIDF) })
        solverGrams = VectorRows(
            parallelMap(solverGramIDs) { MatchEngine.unitVector(known($0), weights: solverGramWeights, idf: gramIDF) })

        // 3. Team documents: BM25F with per-field length normalisation.
        let fieldCount = 3
        var averageLength = [Float](repeating: 0, count: fieldCount)
        for fields in solverIDs { for f in 0..<fieldCount { averageLength[f] += Float(fields[f].count) } }
        for f in 0..<fieldCount { averageLength[f] = max(1, averageLength[f] / Float(max(1, solverIDs.count))) }
        let averages = averageLength
        let idfTable = idf
        let k1 = Float(options.k1)
        let b = Float(options.b)
        let solverWeights = options.solverFieldWeights.map(Float.init)
        solverDocuments = parallelMap(solverIDs) { fields in
            var pairs: [(Int32, Float)] = []
            pairs.reserveCapacity(fields.reduce(0) { $0 + $1.count })
            for f in 0..<fieldCount {
                let weight = solverWeights[f] / (1 - b + b * Float(fields[f].count) / averages[f])
                for id in fields[f] { pairs.append((id, weight)) }
            }
            return MatchEngine.vector(merging: &pairs) { id, tf in idfTable[Int(id)] * tf / (k1 + tf) }
        }

        // 4. Demand queries: field-weighted, saturated term counts, strongest terms kept.
        let k3 = Float(options.k3)
        let demandWeights = options.demandFieldWeights.map(Float.init)
        let maxTerms = options.maxQueryTerms
        demandQueries = parallelMap(demandIDs) { fields in
            var pairs: [(Int32, Float)] = []
            pairs.reserveCapacity(fields.reduce(0) { $0 + $1.count })
            for f in 0..<min(fieldCount, fields.count) { for id in fields[f] { pairs.append((id, demandWeights[f])) } }
            var vector = MatchEngine.vector(merging: &pairs) { _, q in q }
            if vector.terms.count > maxTerms {
                // Keep the strongest terms by weight × idf (ties: lower id), then restore id order.
                var order = Array(vector.terms.indices)
                order.sort { i, j in
                    let l = vector.weights[i] * idfTable[Int(vector.terms[i])]
                    let r = vector.weights[j] * idfTable[Int(vector.terms[j])]
                    return l != r ? l > r : vector.terms[i] < vector.terms[j]
                }
                let kept = order.prefix(maxTerms).sorted()
                vector = SparseVector(terms: kept.map { vector.terms[$0] }, weights: kept.map { vector.weights[$0] })
            }
            vector.weights = vector.weights.map { q in q * (k3 + 1) / (k3 + q) }
            return vector
        }
        demandCeilings = demandQueries.map { query in
            zip(query.terms, query.weights).reduce(Float(0)) { $0 + $1.1 * idfTable[Int($1.0)] }
        }
        // Places repeat (a few counties and cities): look each distinct name up once.
        var places: [String: Place] = [:]
        func place(_ name: String?) -> Place {
            guard let name else { return Gazetteer.place(nil) }
            if let known = places[name] { return known }
            let found = Gazetteer.place(name)
            places[name] = found
            return found
        }
        demandPlaces = demands.map { place($0.county) }
        solverPlaces = solvers.map { place($0.region) }
        var names: [String: Int32] = [:]
        func code(_ place: Place) -> PlaceCode {
            func id(_ name: String?) -> Int32 {
                guard let name else { return -1 }
                if let known = names[name] { return known }
                names[name] = Int32(names.count)
                return Int32(names.count - 1)
            }
            return PlaceCode(
                county: id(place.county), city: id(place.city), province: id(place.province), jingJinJi: place.isJingJinJi)
        }
        demandPlaceCodes = demandPlaces.map(code)
        solverPlaceCodes = solverPlaces.map(code)
        solverPostings = Postings(vectors: solverDocuments, termCount: vocabulary.count)
    }

    /// Each field's terms with one token per synonym group found, and the record's character 1–2-grams (every
    /// field's bigrams and Latin words plus the single Chinese characters; no synonym tokens), from one pass.
    /// `plain` counts each field's tokenizer terms (the synonym terms follow them); `unigrams` holds each field's
    /// single characters of runs of two or more.
    static func tokens(of texts: [String], synonyms: SynonymTable) -> (
        fields: [[UInt64]], plain: [Int], unigrams: [[UInt64]]
    ) {
        var fields: [[UInt64]] = []
        var plain: [Int] = []
        var singles: [[UInt64]] = []
        for text in texts {
            var unigrams: [UInt64]? = []
            var tokens = Tokenizer.keys(text, unigrams: &unigrams)
            plain.append(tokens.count)
            singles.append(unigrams ?? [])
            if !synonyms.groups.isEmpty {
                for group in synonyms.groups(inBytes: SynonymTable.normalisedBytes(text)) {
                    tokens.append(TermKey.synonymGroup(group))
                }
            }
            fields.append(tokens)
        }
        return (fields, plain, singles)
    }

    /// A sublinear TF-IDF vector of the fields' `ids` (1 + ln tf, a term counting its field's weight each time),
    /// scaled to unit length; terms with no weight left out.
    static func unitVector(_ ids: [[Int32]], weights: [Float], idf: [Float]) -> SparseVector {
        var pairs: [(Int32, Float)] = []
        pairs.reserveCapacity(ids.reduce(0) { $0 + $1.count })
        for (f, field) in ids.enumerated() { for id in field { pairs.append((id, f < weights.count ? weights[f] : 1)) } }
        var vector = MatchEngine.vector(merging: &pairs) { id, tf in (1 + log(tf)) * idf[Int(id)] }
        if vector.weights.contains(0) {
            let kept = vector.weights.indices.filter { vector.weights[$0] > 0 }
            vector = SparseVector(terms: kept.map { vector.terms[$0] }, weights: kept.map { vector.weights[$0] })
        }
        let length = vector.weights.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        if length > 0 { vector.weights = vector.weights.map { $0 / length } }
        return vector
    }

    /// Sums the weights of equal ids (sorting, no hashing) and applies `transform` to each sum.
    static func vector(merging pairs: inout [(Int32, Float)], transform: (Int32, Float) -> Float) -> SparseVector {
        pairs.sort { $0.0 < $1.0 }
        var terms: [Int32] = []
        var weights: [Float] = []
        terms.reserveCapacity(pairs.count)
        weights.reserveCapacity(pairs.count)
        var index = 0
        while index < pairs.count {
            let id = pairs[index].0
            var sum: Float = 0
            while index < pairs.count && pairs[index].0 == id {
                sum += pairs[index].1
                index += 1
            }
            terms.append(id)
            weights.append(transform(id, sum))
        }
        return SparseVector(terms: terms, weights: weights)
    }

    /// The synonym group behind term `id`, if it is one.
    func synonymGroup(_ id: Int32) -> Int? {
        let key = vocabulary[Int(id)]
        guard key >> 62 == 0b01 else { return nil }
        let group = Int(key & 0xFFFF_FFFF)
        return group < synonyms.groups.count ? group : nil
    }

    /// The text of a synonym term for people: its group's members.
    func termText(_ id: Int32) -> String {
        synonymGroup(id).map { synonyms.groups[$0].joined(separator: "/") } ?? "?"
    }

    /// The raw BM25F relevance of demand `d` and team `s`, before the field and region terms.
    public func relevance(demand d: Int, solver s: Int) -> Double { Double(demandQueries[d].dot(solverDocuments[s])) }

    /// The cosine of the pair's character 1–2-gram vectors (0–1).
    public func cosine(demand d: Int, solver s: Int) -> Double { Double(demandGrams.row(d).dot(solverGrams.row(s))) }

    /// The pair's lexical relevance before the field and region terms: BM25F over the demand's ceiling plus
    /// `cosineWeight ×` the cosine; an absolute scale, the same for the pair in whichever list it appears.
    func combined(demand d: Int, raw: Double, cosine: Double) -> Double {
        let ceiling = Double(demandCeilings[d])
        return (ceiling > 0 ? raw / ceiling : 0) + options.cosineWeight * cosine
    }

    /// The field and region factors for a pair, with the region's words (for explanations).
    func boost(demand d: Int, solver s: Int) -> (factor: Double, fieldOverlap: Double, region: (value: Double, label: String)?) {
        let overlap = fieldOverlap(demand: d, solver: s)
        let region =
            closeness(demand: d, solver: s) > 0
            ? Gazetteer.closeness(demandPlaces[d], solverPlaces[s], weights: options.regionLevels) : nil
        return (factor(overlap: overlap, closeness: region?.value ?? 0), overlap, region)
    }

    /// The field and region factor alone: what ranking needs, from interned places, with no strings made.
    func boostFactor(demand d: Int, solver s: Int) -> Double {
        factor(overlap: fieldOverlap(demand: d, solver: s), closeness: closeness(demand: d, solver: s))
    }

    private func factor(overlap: Double, closeness: Double) -> Double {
        (1 + options.fieldWeight * overlap) * (1 + options.regionWeight * closeness)
    }

    /// The share of the demand's 所属领域 terms in the team's document.
    private func fieldOverlap(demand d: Int, solver s: Int) -> Double {
        let terms = demandFieldTerms[d]
        guard !terms.isEmpty else { return 0 }
        let document = solverDocuments[s]
        var found = 0
        for term in terms where document.contains(term) { found += 1 }
        return Double(found) / Double(terms.count)
    }

    /// The region closeness by level, in the order `Gazetteer.closeness` checks them (equal codes: equal names).
    private func closeness(demand d: Int, solver s: Int) -> Double {
        let a = demandPlaceCodes[d]
        let b = solverPlaceCodes[s]
        let levels = options.regionLevels
        if a.county >= 0 && a.county == b.county { return levels.sameCounty }
        if a.city >= 0 && a.city == b.city { return levels.sameCity }
        if a.province >= 0 && a.province == b.province { return levels.sameProvince }
        if a.jingJinJi && b.jingJinJi { return levels.jingJinJi }
        return 0
    }

    /// The affinity of a pair: combined relevance × field term × region term (0 when BM25F finds nothing shared).
    public func affinity(demand d: Int, solver s: Int) -> Double {
        let raw = relevance(demand: d, solver: s)
        guard raw > 0 else { return 0 }
        return combined(demand: d, raw: raw, cosine: cosine(demand: d, solver: s)) * boostFactor(demand: d, solver: s)
    }
}

/// A place as interned ids, compared without touching strings (-1: unknown).
struct PlaceCode: Sendable {
    var county: Int32
    var city: Int32
    var province: Int32
    var jingJinJi: Bool
}

/// Maps `items` on all cores, keeping order.
func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
    if items.count < 64 { return items.map(transform) }
    let results = ResultSlots<R>(count: items.count)
    let chunks = min(items.count, ProcessInfo.processInfo.activeProcessorCount * 4)
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
        let lower = items.count * chunk / chunks
        let upper = items.count * (chunk + 1) / chunks
        for index in lower..<upper { results.set(index, transform(items[index])) }
    }
    return results.values()
}

/// Slots written by index from several threads, each index exactly once.
/// @unchecked Sendable: every slot is written by one thread only, and read after `concurrentPerform` returns.
final class ResultSlots<R>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<R?>

    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }

    deinit {
        buffer.deinitialize()
        buffer.deallocate()
    }

    func set(_ index: Int, _ value: R) { buffer[index] = value }

    func values() -> [R] { buffer.map { $0! } }
}
