import DuijieCore

/// The fields a deals sheet can carry (`vocabulary/deals.txt`).
public enum DealField: String, SchemaField {
    case ref, title, enterprise, solver, demand, stage, agreementType, registrationStatus, category, amount, techAmount,
        intentionAmount, investment, signDate, field, county, registration, registrationDate

    /// What the field's values look like.
    public var valueKind: ValueKind {
        switch self {
        case .stage: .stageWord
        case .agreementType: .agreementWord
        case .registrationStatus: .statusWord
        case .category: .categoryWord
        case .amount, .techAmount, .intentionAmount, .investment: .amount
        case .signDate, .registrationDate: .date
        case .county: .county
        case .registration: .registration
        default: .text
        }
    }
}

/// A deal read from a sheet, with where it was read; the rule set's checks come after (DealValidator).
public struct SheetDeal: Sendable {
    /// The deal.
    public var fields: DealFields
    /// File, sheet, row.
    public var source: SourceRef
    /// The row's cells by header, kept if the deal is refused later (a registration number in use, a stage going back).
    public var cells: [String: String] = [:]
    /// The sheet's header for each field it has (`amount` → `成交额`), so a later problem names the column as written.
    public var headers: [String: String] = [:]
}

/// Deals sheets: one intention agreement or contract per row. The stage comes from every column the sheet uses —
/// a stage column (已签订合同, 签订意向协议, 已认定登记, 作废), an agreement type (合同 / 意向协议), a registration
/// status (已认定登记 / 未登记) — and from the presence of a registration number.
public struct DealSchema: RecordSchema {
    /// Creates the schema.
    public init() {}

    /// Deals sheets.
    public var kind: SheetKind { .deals }
    /// The deals vocabulary.
    public var vocabulary: Vocabulary { Vocabulary.standard(.deals) }
    /// A deals sheet must name the enterprise.
    public func accepts(_ header: HeaderMap<DealField>, context: SheetContext) -> Bool { header.columns[.enterprise] != nil }
    /// `县区：景县` above the table gives the county.
    public var contextFields: Set<DealField> { [.county] }

    /// Maps a row to a deal.
    public func map(_ context: RowContext<DealField>) -> Result<SheetDeal, RowProblem> {
        guard let enterprise = context.text(.enterprise) else {
            return .failure(context.problem(.enterprise, Message("row.deal_no_enterprise")))
        }
        guard let solver = context.text(.solver) else {
            return .failure(context.problem(.solver, Message("row.deal_no_solver")))
        }
        var money: [DealField: Money] = [:]
        for field in [DealField.amount, .techAmount, .intentionAmount, .investment] {
            switch context.amount(field, defaultUnit: .wan) {
            case .failure(let problem): return .failure(problem)
            case .success(.exact(let value)?): money[field] = value
            case .success: break
            }
        }
        var dates: [DealField: CivilDate] = [:]
        for field in [DealField.signDate, .registrationDate] {
            switch context.date(field) {
            case .failure(let problem): return .failure(problem)
            case .success(let date?): dates[field] = date
            case .success(nil): break
            }
        }
        let registration = context.text(.registration).map { $0.filter { !$0.isWhitespace && $0 != "-" } }
        let stage: DealStage
        switch DealSchema.stage(context, registration: registration, hasAmount: money[.amount] != nil) {
        case .failure(let problem): return .failure(problem)
        case .success(let found): stage = found
        }
        let deal = DealFields(
            ref: context.text(.ref), enterprise: enterprise, solver: solver, demand: context.text(.demand),
            title: context.text(.title), stage: stage, category: context.text(.category), amount: money[.amount],
            techAmount: money[.techAmount], intentionAmount: money[.intentionAmount], investment: money[.investment],
            signDate: dates[.signDate], field: context.text(.field),
            county: context.county(.county) ?? context.implied(.county) ?? context.impliedRegion, registration: registration,
            registrationDate: dates[.registrationDate])
        var headers: [String: String] = [:]
        for (field, column) in context.header.columns { headers[field.rawValue] = context.columnName(column) }
        return .success(SheetDeal(fields: deal, source: context.source, cells: context.cells, headers: headers))
    }

    /// The stage every column of the row says, or the contradiction between them.
    static func stage(_ context: RowContext<DealField>, registration: String?, hasAmount: Bool) -> Result<DealStage, RowProblem> {
        var written: DealStage?
        if let text = context.text(.stage) {
            guard let parsed = DealWords.stage(text) else {
                return .failure(context.problem(.stage, Message("row.unknown_stage", text)))
            }
            written = parsed
        }
        var contract: Bool?
        if let text = context.text(.agreementType) {
            guard let parsed = DealWords.agreement(text) ?? DealWords.stage(text).map({ $0 != .intention }) else {
                return .failure(context.problem(.agreementType, Message("row.unknown_agreement", text)))
            }
            contract = parsed
        }
        var registered: Bool?
        if let text = context.text(.registrationStatus) {
            guard let parsed = DealWords.registrationStatus(text) else {
                return .failure(context.problem(.registrationStatus, Message("row.unknown_registration", text)))
            }
            registered = parsed
        }
        if written == .voided { return .success(.voided) }
        let saysRegistered = registered == true || written == .registered
        let saysIntention = contract == false || written == .intention
        if saysRegistered && registered == false {
            return .failure(context.problem(.registrationStatus, Message("row.registration_contradicts")))
        }
        if saysRegistered && saysIntention {
            return .failure(
                context.problem(
                    contract == false ? .agreementType : .stage, Message("row.intention_registered")))
        }
        if registered == false, let registration {
            return .failure(
                context.problem(
                    .registrationStatus, Message("row.unregistered_with_number", registration)))
        }
        if saysRegistered { return .success(.registered) }
        if saysIntention { return .success(.intention) }
        if registration != nil && registered == nil { return .success(.registered) }
        if contract == true || written == .signed { return .success(.signed) }
        return .success(hasAmount ? .signed : .intention)
    }
}
