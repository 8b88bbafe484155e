import DuijieCore
import Foundation
import Registry
import Store

/// A deal as a person types it (`deals add`, `POST /api/deals`): amounts in 万元 unless a unit is written
/// (300万元, 0.12亿元, 850,000元), the team by 团队编号 or name, stages in English or Chinese.
public struct DealInput: Decodable, Sendable {
    /// The enterprise.
    public var enterprise: String
    /// The research team (团队编号 or name) or institution.
    public var solver: String
    /// intention, signed or registered (or 意向, 已签约, 已认定登记).
    public var stage: String
    /// The contract amount (the intended amount for an intention).
    public var amount: String?
    /// 技术开发, 技术转让, 技术许可, 技术咨询 or 技术服务.
    public var category: String?
    /// The technical transaction amount certified at registration.
    public var techAmount: String?
    /// The registration number.
    public var registration: String?
    /// The sign date.
    public var date: String?
    /// The contract's own number.
    public var ref: String?
    /// The event.
    public var event: String?
    /// Why (kept in the history).
    public var reason: String?

    enum CodingKeys: String, CodingKey {
        case enterprise, solver, stage, amount, category, registration, date, ref, event, reason
        case techAmount = "tech_amount"
    }

    /// Makes an input.
    public init(
        enterprise: String, solver: String, stage: String, amount: String?, category: String? = nil, techAmount: String? = nil,
        registration: String? = nil, date: String? = nil, ref: String? = nil, event: String? = nil, reason: String? = nil
    ) {
        self.enterprise = enterprise
        self.solver = solver
        self.stage = stage
        self.amount = amount
        self.category = category
        self.techAmount = techAmount
        self.registration = registration
        self.date = date
        self.ref = ref
        self.event = event
        self.reason = reason
    }

    /// The deal's fields, or a `DealError` naming the field that cannot be read.
    func fields(solvers: [StoredSolver]) throws -> DealFields {
        func money(_ text: String?, _ name: String) throws -> Money? {
            guard let text, !text.isEmpty else { return nil }
            do {
                guard case .exact(let value)? = try AmountParser.parse(text, defaultUnit: .wan) else { return nil }
                return value
            } catch {
                throw DealError(message: "\(name): \(error)")
            }
        }
        guard let parsedStage = DealStage.parse(stage), parsedStage != .voided else {
            throw DealError(message: "stage (--stage) must be intention, signed or registered (not '\(stage)')")
        }
        var signDate: CivilDate?
        if let date, !date.isEmpty {
            do { signDate = try DateParser.parse(date) } catch { throw DealError(message: "date (--date) '\(date)': \(error)") }
        }
        let solverName = RecordReference.solver(solver, in: solvers)?.solver.name ?? solver
        var fields = DealFields(
            ref: ref, enterprise: enterprise, solver: solverName, stage: parsedStage, category: category,
            amount: try money(amount, "amount (--amount)"),
            techAmount: try money(techAmount, "tech_amount (--tech-amount)"), signDate: signDate,
            registration: registration)
        if parsedStage == .intention {
            fields.intentionAmount = fields.amount
            fields.amount = nil
        }
        return fields
    }
}

/// A deal as it stands, for `GET /api/deals`.
public struct DealDTO: Encodable, Sendable {
    /// The deal's id.
    public var id: Int64
    /// Its event.
    public var event: String?
    /// The contract's own number.
    public var ref: String?
    /// intention, signed, registered or voided.
    public var stage: String
    /// The enterprise.
    public var enterprise: String
    /// The research team or institution.
    public var solver: String
    /// The contract category.
    public var category: String?
    /// The contract amount in yuan (exact, two decimals).
    public var amountYuan: String?
    /// The intended amount of an intention.
    public var intentionAmountYuan: String?
    /// The certified technical transaction amount.
    public var techAmountYuan: String?
    /// The registration number.
    public var registration: String?
    /// The sign date (ISO).
    public var signDate: String?
    /// The contract amount, else the intended one, in 万元 for listings (not part of the JSON).
    public var amountWan: String?

    enum CodingKeys: String, CodingKey {
        case id, event, ref, stage, enterprise, solver, category, registration
        case amountYuan = "amount_yuan"
        case intentionAmountYuan = "intention_amount_yuan"
        case techAmountYuan = "tech_amount_yuan"
        case signDate = "sign_date"
    }
}

extension DealService {
    /// Adds a deal typed by a person, or updates the one with the same parties (or ref); `actor` goes in the history.
    public func add(_ input: DealInput, actor: String) throws -> (id: Int64, state: DealFields) {
        try add(try input.fields(solvers: store.solvers()), event: input.event, reason: input.reason, actor: actor)
    }

    /// The deals as they stand, optionally of one event.
    public func list(event: String?) throws -> [DealDTO] {
        try store.deals(event: event).map { deal in
            let d = deal.current
            return DealDTO(
                id: deal.id, event: deal.event, ref: d.ref, stage: d.stage.rawValue, enterprise: d.enterprise, solver: d.solver,
                category: d.category, amountYuan: d.amount?.yuanString, intentionAmountYuan: d.intentionAmount?.yuanString,
                techAmountYuan: d.techAmount?.yuanString, registration: d.registration, signDate: d.signDate?.description,
                amountWan: (d.amount ?? d.intentionAmount)?.wanString)
        }
    }
}
