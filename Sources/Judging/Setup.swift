import DuijieCore
import Foundation

/// How organizers write an event's judging rules on the command line and in the setup form.
extension JudgingRules {
    /// Criteria with their maxima, `技术先进性:30,方案可行性:30,团队实力:20,经济社会效益:20` (maxima in points, at most
    /// one decimal).
    public static func parseCriteria(_ text: String) throws(JudgingError) -> [Criterion] {
        var parsed: [Criterion] = []
        for item in text.split(separator: ",") {
            let parts = item.split(separator: ":").map { String($0).trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let max = Double(parts[1]), max > 0, max <= 1_000, (max * 10).rounded() == max * 10
            else {
                throw JudgingError(column: "criteria", value: String(item), reason: .notANumber)
            }
            parsed.append(Criterion(name: parts[0], maxTenths: Int((max * 10).rounded())))
        }
        guard !parsed.isEmpty else { throw JudgingError(column: "criteria", value: text, reason: .missingColumn) }
        return parsed
    }

    /// The smallest step of a score in tenths: `0.5`, `0.1` or `1`.
    public static func parseStep(_ text: String) throws(JudgingError) -> Int {
        switch text {
        case "0.5": 5
        case "0.1": 1
        case "1": 10
        default: throw JudgingError(column: "step", value: text, reason: .notANumber)
        }
    }

    /// Award tiers `NAME:COUNT:group|overall`, COUNT empty for all the rest: `优胜奖:1:group,优秀奖::overall`.
    public static func parseTiers(_ text: String) throws(JudgingError) -> [AwardTier] {
        var parsed: [AwardTier] = []
        for item in text.split(separator: ",") {
            let parts = item.split(separator: ":", omittingEmptySubsequences: false).map {
                String($0).trimmingCharacters(in: .whitespaces)
            }
            guard parts.count == 3, !parts[0].isEmpty, parts[1].isEmpty || Int(parts[1]) != nil,
                parts[2] == "group" || parts[2] == "overall"
            else { throw JudgingError(column: "tiers", value: String(item), reason: .notANumber) }
            parsed.append(AwardTier(name: parts[0], count: Int(parts[1]), perGroup: parts[2] == "group"))
        }
        return parsed
    }
}

extension AggregationMethod {
    /// The method in one sentence, as printed with every result (English; `ruleMessage` has both languages).
    public var rule: String { ruleMessage.description }

    /// The method's sentence from the catalogue.
    public var ruleMessage: Message { Message("method.\(rawValue).rule") }

    /// The method's name from the catalogue (平均分, 去掉最高分和最低分, 标准分).
    public var name: Message { Message("method.\(rawValue)") }
}
