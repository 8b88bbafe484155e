import Foundation

/// Ranking quality against an expert's shortlist.
public struct QualityReport: Sendable, Codable, Equatable {
    /// Demands that had a shortlist and were judged.
    public var demandsJudged: Int
    /// Mean share of each shortlist found in the top 5.
    public var recallAt5: Double
    /// Mean reciprocal rank of the first shortlisted team.
    public var mrr: Double
    /// Mean normalised discounted cumulative gain over the top 10 (binary relevance).
    public var ndcgAt10: Double

    enum CodingKeys: String, CodingKey {
        case demandsJudged = "demands_judged"
        case recallAt5 = "recall_at_5"
        case mrr
        case ndcgAt10 = "ndcg_at_10"
    }
}

/// Computes recall@5, MRR and nDCG@10.
public enum QualityMetrics {
    /// Scores `ranked` (candidate labels best first, one list per demand) against `relevant` (the shortlist of
    /// the same demand); demands with an empty shortlist are not judged.
    public static func evaluate(ranked: [[String]], relevant: [Set<String>]) -> QualityReport {
        var recall = 0.0
        var reciprocal = 0.0
        var ndcg = 0.0
        var judged = 0
        for (list, shortlist) in zip(ranked, relevant) where !shortlist.isEmpty {
            judged += 1
            recall += Double(list.prefix(5).filter(shortlist.contains).count) / Double(shortlist.count)
            if let first = list.firstIndex(where: shortlist.contains) { reciprocal += 1 / Double(first + 1) }
            var dcg = 0.0
            for (rank, label) in list.prefix(10).enumerated() where shortlist.contains(label) {
                dcg += 1 / log2(Double(rank + 2))
            }
            var ideal = 0.0
            for rank in 0..<min(10, shortlist.count) { ideal += 1 / log2(Double(rank + 2)) }
            ndcg += dcg / ideal
        }
        let n = Double(max(1, judged))
        return QualityReport(demandsJudged: judged, recallAt5: recall / n, mrr: reciprocal / n, ndcgAt10: ndcg / n)
    }

    /// Reads a label file: `TITLE<TAB>REF REF …` per line, `#` comments.
    public static func parseLabels(_ text: String) -> [String: Set<String>] {
        var labels: [String: Set<String>] = [:]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let parts = line.split(separator: "\t", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let refs = parts[1].split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
            labels[String(parts[0]).trimmingCharacters(in: .whitespaces), default: []].formUnion(refs)
        }
        return labels
    }
}
