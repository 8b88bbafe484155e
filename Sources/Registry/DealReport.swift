import DuijieCore

/// The totals reporting offices file, from the deals as they stand. `signed` counts every contract that reached
/// signing (registered ones included); the breakdowns cover those signed contracts only; intentions are counted
/// apart. Sums are exact (`MoneyTotal`, 128-bit fen).
public struct DealReport: Sendable {
    /// A deal as the report needs it.
    public struct Deal: Sendable {
        /// The stored deal's id.
        public var id: Int64
        /// The event it came from, when known.
        public var event: String?
        /// Its current fields.
        public var current: DealFields
        /// Whether it was ever an intention agreement (for the conversion figure).
        public var wasIntention: Bool

        /// Makes a reported deal.
        public init(id: Int64, event: String?, current: DealFields, wasIntention: Bool) {
            self.id = id
            self.event = event
            self.current = current
            self.wasIntention = wasIntention
        }
    }

    /// The totals of one slice of deals.
    public struct Total: Sendable, Equatable {
        /// The slice's name (a category, county, field, institution, event or month); nil for the whole.
        public var name: String?
        /// Deals in it.
        public var count: Int
        /// 合同成交额 (意向金额 for intentions).
        public var amount: MoneyTotal
        /// 技术交易额.
        public var techAmount: MoneyTotal
    }

    /// What a slice of deals is grouped by.
    public enum Breakdown: String, Sendable, CaseIterable {
        /// The contract category.
        case category
        /// The enterprise's county.
        case county
        /// The technical field.
        case field
        /// The team or institution as written.
        case institution
        /// The event the deal came from.
        case event
        /// The month of signing (YYYY-MM).
        case month
    }

    /// Contracts signed (registered ones included).
    public var signed: Total
    /// Intention agreements not (yet) signed: their intended amounts (else the contract amount).
    public var intention: Total
    /// Contracts that passed 技术合同认定登记.
    public var registered: Total
    /// Voided deals.
    public var voided: Int
    /// Expected total project investment of the signed contracts.
    public var investment: MoneyTotal
    /// Deals that were ever intentions.
    public var everIntention: Int
    /// Of those, how many reached signing.
    public var converted: Int
    /// The signed contracts by each breakdown: largest amount first, then by name.
    public var breakdowns: [Breakdown: [Total]]
    /// Registered contracts for the city's science plan, by registration number.
    public var sciencePlan: [Deal]

    /// The report of `deals`.
    public init(_ deals: [Deal]) {
        let signedDeals = deals.filter { $0.current.stage == .signed || $0.current.stage == .registered }
        let registeredDeals = deals.filter { $0.current.stage == .registered }
        signed = Self.total(signedDeals)
        intention = Self.total(deals.filter { $0.current.stage == .intention }, intention: true)
        registered = Self.total(registeredDeals)
        voided = deals.filter { $0.current.stage == .voided }.count
        investment = MoneyTotal(signedDeals.compactMap(\.current.investment))
        let ever = deals.filter(\.wasIntention)
        everIntention = ever.count
        converted = ever.filter { $0.current.stage == .signed || $0.current.stage == .registered }.count
        var breakdowns: [Breakdown: [Total]] = [:]
        for breakdown in Breakdown.allCases {
            breakdowns[breakdown] = Dictionary(grouping: signedDeals) { Self.slice($0, by: breakdown) ?? "(未注明)" }
                .map { Self.total($0.value, name: $0.key) }
                .sorted { $0.amount != $1.amount ? $0.amount > $1.amount : ($0.name ?? "") < ($1.name ?? "") }
        }
        self.breakdowns = breakdowns
        sciencePlan = registeredDeals.sorted { ($0.current.registration ?? "") < ($1.current.registration ?? "") }
    }

    /// The slice a signed deal falls in.
    static func slice(_ deal: Deal, by breakdown: Breakdown) -> String? {
        switch breakdown {
        case .category: deal.current.category
        case .county: deal.current.county
        case .field: deal.current.field
        case .institution: deal.current.solver
        case .event: deal.event
        case .month: deal.current.signDate.map { String($0.description.prefix(7)) }
        }
    }

    static func total(_ deals: [Deal], name: String? = nil, intention: Bool = false) -> Total {
        Total(
            name: name, count: deals.count,
            amount: MoneyTotal(
                deals.compactMap { intention ? ($0.current.intentionAmount ?? $0.current.amount) : $0.current.amount }),
            techAmount: MoneyTotal(deals.compactMap(\.current.techAmount)))
    }
}
