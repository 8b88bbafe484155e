import DuijieCore

/// Checks a deal against the rule set in force on its sign date; each problem names the field.
public enum DealValidator {
    /// A problem: the field (sheet column) and why.
    public struct Problem: Error, Sendable, Equatable {
        /// The field.
        public var field: String
        /// The value as written or held.
        public var value: String
        /// Why it is refused, from the catalogue (both languages).
        public var message: Message
        /// Why it is refused (English).
        public var reason: String { message.description }
        /// Whether the deal is fine in itself but clashes with what is stored (a number in use, a stage going back).
        public var conflict: Bool

        /// Creates a problem.
        public init(field: String, value: String, message: Message, conflict: Bool = false) {
            self.field = field
            self.value = value
            self.message = message
            self.conflict = conflict
        }

        /// Creates a problem whose reason is not yet in the catalogue.
        public init(field: String, value: String, reason: String, conflict: Bool = false) {
            self.init(field: field, value: value, message: Message("text", reason), conflict: conflict)
        }

        /// A registration number another deal already has.
        public static func numberInUse(_ number: String, field: String = "registration") -> Problem {
            Problem(
                field: field, value: number, message: Message("deal.number_in_use", number), conflict: true)
        }
    }

    /// Problems with `deal`, normalising the category to the rule set's name. Registration numbers already used by
    /// another deal are in `takenRegistrations`. The rule set is the one in force on the deal's governing date
    /// (`RuleSet.governingDate`: sign date, registration date, the registration number's year, `eventDate`); a deal
    /// with none of these is accepted when any rule set accepts it.
    public static func validate(_ deal: inout DealFields, takenRegistrations: Set<String> = [], eventDate: CivilDate? = nil)
        -> [Problem]
    {
        if RuleSet.governingDate(of: deal, eventDate: eventDate) == nil {
            var best: (DealFields, [Problem])?
            for rules in RuleSet.all.reversed() {
                var copy = deal
                let problems = validate(&copy, rules: rules, takenRegistrations: takenRegistrations)
                if best == nil || problems.count < best!.1.count { best = (copy, problems) }
            }
            deal = best!.0
            return best!.1
        }
        return validate(
            &deal, rules: RuleSet.inForce(on: RuleSet.governingDate(of: deal, eventDate: eventDate)),
            takenRegistrations: takenRegistrations)
    }

    /// Problems with `deal` under `rules`.
    static func validate(_ deal: inout DealFields, rules: RuleSet, takenRegistrations: Set<String>) -> [Problem] {
        var problems: [Problem] = []
        if let written = deal.category {
            if let category = rules.category(written) {
                deal.category = category
            } else {
                problems.append(
                    Problem(
                        field: "category", value: written,
                        message: Message("deal.unknown_category", written, rules.id, rules.categories.joined(separator: "、"))))
            }
        }
        for (field, money) in [
            ("amount", deal.amount), ("tech_amount", deal.techAmount), ("intention_amount", deal.intentionAmount),
            ("investment", deal.investment),
        ] {
            if let money, money.fen < 0 {
                problems.append(Problem(field: field, value: money.yuanString, message: Message("deal.negative")))
            }
        }
        if let tech = deal.techAmount, let amount = deal.amount, tech > amount {
            problems.append(
                Problem(
                    field: "tech_amount", value: tech.yuanString,
                    message: Message("deal.tech_above_amount", tech.wanString, amount.wanString)))
        }
        if deal.stage == .registered && (deal.registration ?? "").isEmpty {
            problems.append(Problem(field: "registration", value: "", message: Message("deal.registered_no_number")))
        }
        if let number = deal.registration, !number.isEmpty {
            if let problem = rules.registrationProblem(number) {
                problems.append(Problem(field: "registration", value: number, reason: problem))
            } else if takenRegistrations.contains(number) {
                problems.append(.numberInUse(number))
            }
        }
        if (deal.stage == .signed || deal.stage == .registered) && deal.amount == nil {
            problems.append(Problem(field: "amount", value: "", message: Message("deal.signed_no_amount")))
        }
        if deal.stage == .intention && deal.intentionAmount == nil && deal.amount != nil {
            deal.intentionAmount = deal.amount  // an intention sheet's amount column is the intention amount
            deal.amount = nil
        }
        return problems
    }
}
