/// Why a team is suggested for a demand, in terms an organizer can check in seconds.
public struct Explanation: Sendable, Equatable {
    /// A matched phrase of the demand and what it contributed to the relevance.
    public struct Term: Sendable, Equatable {
        /// The phrase as the demand writes it (adjacent matched bigrams joined: 激光焊接).
        public var phrase: String
        /// Its share of the raw relevance.
        public var contribution: Double
    }

    /// The strongest matched phrases, best first.
    public var terms: [Term]
    /// The demand's field (所属领域), when it has one.
    public var field: String?
    /// The share of the field's terms found in the team's text.
    public var fieldOverlap: Double
    /// The region closeness, when there is one (same county, same city, same province, 京津冀).
    public var region: String?
    /// Relevance before the field and region terms.
    public var raw: Double
    /// The product of the field and region terms.
    public var factor: Double

    /// One short line per reason, as the JSON `reasons` carry them.
    public var reasons: [String] {
        var lines = terms.map { "matched \($0.phrase) +\(Explanation.format($0.contribution))" }
        if let field, fieldOverlap > 0 {
            lines.append("field \(field): \(Int((fieldOverlap * 100).rounded()))% of its terms in the team's text")
        }
        if let region { lines.append("region: \(region)") }
        if factor != 1 { lines.append("field and region terms ×\(Explanation.format(factor))") }
        return lines
    }

    /// The same reasons in Chinese, for the organizers' pages (JSON `reasons_zh`).
    public var chineseReasons: [String] {
        var lines = terms.map { "匹配“\($0.phrase)” +\(Explanation.format($0.contribution))" }
        if let field, fieldOverlap > 0 {
            lines.append("领域“\(field)”：\(Int((fieldOverlap * 100).rounded()))% 的领域词见于团队介绍")
        }
        if let region {
            let chinese =
                if region.hasPrefix("same county ") { "同县 " + region.dropFirst(12) } else if region.hasPrefix("same city ") {
                    "同市 " + region.dropFirst(10)
                } else if region.hasPrefix("same province ") { "同省 " + region.dropFirst(14) } else { region }
            lines.append("地域：\(chinese)")
        }
        if factor != 1 { lines.append("领域与地域系数 ×\(Explanation.format(factor))") }
        return lines
    }

    static func format(_ value: Double) -> String {
        let scaled = (value * 100).rounded() / 100
        return String(scaled)
    }
}

extension MatchEngine {
    /// Explains the affinity of demand `d` and team `s`: matched phrases with contributions, field and region.
    public func explain(demand d: Int, solver s: Int, maxTerms: Int = 5) -> Explanation {
        let query = demandQueries[d]
        let document = solverDocuments[s]
        func contribution(_ id: Int32) -> Double { Double(query.weight(of: id) * document.weight(of: id)) }

        // Walk the demand's text in order, joining adjacent matched bigrams into phrases.
        var phrases: [String: Double] = [:]
        let demand = demands[d]
        for text in [demand.title, demand.description, demand.goals] {
            var phrase = ""
            var used = Set<Int32>()
            var sum = 0.0
            func close() {
                if !phrase.isEmpty { phrases[phrase] = max(phrases[phrase] ?? 0, sum) }
                phrase = ""
                used = []
                sum = 0
            }
            for term in Tokenizer.terms(text) {
                guard let id = termIDs[TermKey.of(term.text)], contribution(id) > 0 else {
                    close()
                    continue
                }
                if term.continuesPrevious && !phrase.isEmpty {
                    phrase.append(contentsOf: term.text.unicodeScalars.last.map { String($0) } ?? "")
                } else {
                    close()
                    phrase = term.text
                }
                if used.insert(id).inserted { sum += contribution(id) }
            }
            close()
        }
        // Synonym groups matched on both sides.
        for (k, id) in query.terms.enumerated() where synonymGroup(id) != nil {
            let value = Double(query.weights[k] * document.weight(of: id))
            if value > 0 { phrases[termText(id), default: 0] += value }
        }
        let sorted = phrases.map { Explanation.Term(phrase: $0.key, contribution: $0.value) }
            .sorted { $0.contribution != $1.contribution ? $0.contribution > $1.contribution : $0.phrase < $1.phrase }
        // A phrase inside a stronger one (连续流微 inside 连续流微反应) adds nothing for a reader.
        var terms: [Explanation.Term] = []
        for term in sorted where !terms.contains(where: { $0.phrase.contains(term.phrase) }) { terms.append(term) }
        let (factor, overlap, region) = boost(demand: d, solver: s)
        return Explanation(
            terms: Array(terms.prefix(maxTerms)), field: demand.field, fieldOverlap: overlap, region: region?.label,
            raw: relevance(demand: d, solver: s), factor: factor)
    }
}
