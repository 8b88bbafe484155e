/// Where a deal stands: intention → signed → registered, or voided.
public enum DealStage: String, Sendable, Codable, CaseIterable {
    /// 意向协议.
    case intention
    /// 已签约: a contract signed.
    case signed
    /// 已认定登记: the contract passed 技术合同认定登记.
    case registered
    /// Voided, with a reason.
    case voided

    /// The stage's name in Chinese (意向, 已签约, 已认定登记, 作废).
    public var chineseName: String {
        switch self {
        case .intention: "意向"
        case .signed: "已签约"
        case .registered: "已认定登记"
        case .voided: "作废"
        }
    }

    /// Reads the stage as sheets write it: the English names, 意向, 已签约, 已签订合同, 已认定登记, 作废 … (see DealWords).
    public static func parse(_ text: String) -> DealStage? { DealWords.stage(text) }

    /// Whether a deal may move from this stage to `next`.
    public func canMove(to next: DealStage) -> Bool {
        switch (self, next) {
        case (.intention, .signed), (.intention, .registered), (.signed, .registered): return true
        case (.voided, _): return false
        case (_, .voided): return true
        case (let a, let b): return a == b
        }
    }
}

/// A deal's fields: the current state is the fold of its events.
public struct DealFields: Sendable, Codable, Equatable {
    /// External ref (合同编号), when the sheet has one.
    public var ref: String?
    /// The enterprise (甲方).
    public var enterprise: String
    /// The research team or institution (乙方).
    public var solver: String
    /// The demand it came from (需求编号 or title), when known.
    public var demand: String?
    /// The contract's or project's name (合同名称, 项目名称), when the sheet gives one.
    public var title: String?
    /// Stage.
    public var stage: DealStage
    /// Contract category under the rule set in force.
    public var category: String?
    /// 合同成交额.
    public var amount: Money?
    /// 技术交易额 certified at registration; never above the contract amount.
    public var techAmount: Money?
    /// 意向金额.
    public var intentionAmount: Money?
    /// 预计总投资.
    public var investment: Money?
    /// Sign date.
    public var signDate: CivilDate?
    /// Field.
    public var field: String?
    /// County.
    public var county: String?
    /// Registration number.
    public var registration: String?
    /// Registration date.
    public var registrationDate: CivilDate?
    /// Why it was voided.
    public var voidReason: String?

    /// Creates fields.
    public init(
        ref: String? = nil, enterprise: String, solver: String, demand: String? = nil, title: String? = nil, stage: DealStage,
        category: String? = nil,
        amount: Money? = nil, techAmount: Money? = nil, intentionAmount: Money? = nil, investment: Money? = nil,
        signDate: CivilDate? = nil, field: String? = nil, county: String? = nil, registration: String? = nil,
        registrationDate: CivilDate? = nil, voidReason: String? = nil
    ) {
        self.ref = ref
        self.enterprise = enterprise
        self.solver = solver
        self.demand = demand
        self.title = title
        self.stage = stage
        self.category = category
        self.amount = amount
        self.techAmount = techAmount
        self.intentionAmount = intentionAmount
        self.investment = investment
        self.signDate = signDate
        self.field = field
        self.county = county
        self.registration = registration
        self.registrationDate = registrationDate
        self.voidReason = voidReason
    }

    /// The key that identifies a deal without a ref: enterprise + party, normalised.
    public var naturalKey: String { TextNormalizer.key(enterprise) + "|" + TextNormalizer.key(solver) }

    /// The fields as name → text, for history lines (old → new).
    public var described: [String: String] {
        var out: [String: String] = ["enterprise": enterprise, "solver": solver, "stage": stage.rawValue]
        func put(_ key: String, _ value: String?) { if let value { out[key] = value } }
        put("ref", ref)
        put("demand", demand)
        put("title", title)
        put("category", category)
        put("amount", amount?.yuanString)
        put("tech_amount", techAmount?.yuanString)
        put("intention_amount", intentionAmount?.yuanString)
        put("investment", investment?.yuanString)
        put("sign_date", signDate?.description)
        put("field", field)
        put("county", county)
        put("registration", registration)
        put("registration_date", registrationDate?.description)
        put("void_reason", voidReason)
        return out
    }
}

/// One appended change to a deal: nothing is ever deleted, voiding is an event too.
public struct DealEvent: Sendable, Codable, Equatable {
    /// What happened.
    public enum Kind: String, Sendable, Codable {
        /// The deal was recorded with these fields.
        case created
        /// Fields changed (the new full state is carried, the differences are listed).
        case changed
        /// The deal was voided.
        case voided
    }

    /// What happened.
    public var kind: Kind
    /// The state after the event.
    public var state: DealFields
    /// Field → (old, new) for changes.
    public var changes: [String: [String?]]
    /// Who did it.
    public var actor: String
    /// Why.
    public var reason: String?
    /// When (UTC, ISO 8601).
    public var at: String

    /// Creates an event.
    public init(kind: Kind, state: DealFields, changes: [String: [String?]], actor: String, reason: String?, at: String) {
        self.kind = kind
        self.state = state
        self.changes = changes
        self.actor = actor
        self.reason = reason
        self.at = at
    }

    /// The field differences between two states.
    public static func differences(_ old: DealFields, _ new: DealFields) -> [String: [String?]] {
        let a = old.described
        let b = new.described
        var out: [String: [String?]] = [:]
        for key in Set(a.keys).union(b.keys) where a[key] != b[key] { out[key] = [a[key], b[key]] }
        return out
    }

    /// The current state: the fold of the events (the last event's state; created first).
    public static func fold(_ events: [DealEvent]) -> DealFields? {
        events.reduce(nil) { _, event in event.state }
    }
}
