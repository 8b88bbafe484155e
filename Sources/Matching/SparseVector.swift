/// A sparse vector over term ids, sorted by id.
public struct SparseVector: Sendable {
    /// Term ids, ascending.
    public var terms: [Int32]
    /// Weights, parallel to `terms`.
    public var weights: [Float]

    /// The weight of `term`, 0 when absent (binary search).
    public func weight(of term: Int32) -> Float {
        var low = 0
        var high = terms.count - 1
        while low <= high {
            let mid = (low + high) >> 1
            let value = terms[mid]
            if value == term { return weights[mid] }
            if value < term { low = mid + 1 } else { high = mid - 1 }
        }
        return 0
    }

    /// Whether `term` is present.
    public func contains(_ term: Int32) -> Bool { weight(of: term) != 0 }

    /// The dot product with `other`, by merging the sorted id lists.
    public func dot(_ other: SparseVector) -> Float {
        var i = 0
        var j = 0
        var sum: Float = 0
        while i < terms.count && j < other.terms.count {
            let a = terms[i]
            let b = other.terms[j]
            if a == b {
                sum += weights[i] * other.weights[j]
                i += 1
                j += 1
            } else if a < b {
                i += 1
            } else {
                j += 1
            }
        }
        return sum
    }
}

/// Postings in compressed-sparse-row form: for each term, the records that contain it and their weights.
struct Postings: Sendable {
    var start: [Int]
    var record: [Int32]
    var weight: [Float]

    init(vectors: [SparseVector], termCount: Int) {
        var counts = [Int](repeating: 0, count: termCount + 1)
        for vector in vectors { for term in vector.terms { counts[Int(term) + 1] += 1 } }
        for t in 0..<termCount { counts[t + 1] += counts[t] }
        start = counts
        var fill = counts
        record = [Int32](repeating: 0, count: counts[termCount])
        weight = [Float](repeating: 0, count: counts[termCount])
        for (index, vector) in vectors.enumerated() {
            for (k, term) in vector.terms.enumerated() {
                let slot = fill[Int(term)]
                record[slot] = Int32(index)
                weight[slot] = vector.weights[k]
                fill[Int(term)] += 1
            }
        }
    }
}

/// Many sparse vectors in compressed-sparse-row form: one allocation for all, so walking a row costs no reference
/// counting and its terms sit next to each other.
struct VectorRows: Sendable {
    var start: [Int]
    var terms: [Int32]
    var weights: [Float]

    init(_ vectors: [SparseVector]) {
        var start = [Int](repeating: 0, count: vectors.count + 1)
        for (i, vector) in vectors.enumerated() { start[i + 1] = start[i] + vector.terms.count }
        var terms: [Int32] = []
        var weights: [Float] = []
        terms.reserveCapacity(start[vectors.count])
        weights.reserveCapacity(start[vectors.count])
        for vector in vectors {
            terms.append(contentsOf: vector.terms)
            weights.append(contentsOf: vector.weights)
        }
        self.start = start
        self.terms = terms
        self.weights = weights
    }

    /// Row `i` as a vector.
    func row(_ i: Int) -> SparseVector {
        SparseVector(terms: Array(terms[start[i]..<start[i + 1]]), weights: Array(weights[start[i]..<start[i + 1]]))
    }
}
