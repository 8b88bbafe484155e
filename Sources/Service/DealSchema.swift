import DuijieCore
import Ingestion
import Registry

/// The fields a deals sheet can carry.
public enum DealField: String, CaseIterable, Sendable {
    case ref, enterprise, solver, demand, stage, category, amount, techAmount, intentionAmount, investment, signDate, field,
        county, registration, registrationDate
}

/// A deal read from a sheet, with where it was read.
public struct SheetDeal: Sendable {
    /// The deal.
    public var fields: DealFields
    /// File, sheet, row.
    public var source: SourceRef
    /// The row's cells by header, kept if the deal is refused later (a registration number in use, a stage going back).
    public var cells: [String: String] = [:]
}

/// Deals sheets: one intention agreement or contract per row, validated by the rule set in force on its sign date.
public struct DealSchema: RecordSchema {
    /// Creates the schema.
    public init() {}

    /// The deal synonym table (docs/registry.md prints it).
    public static let table: [(DealField, [String])] = [
        (.ref, ["合同编号", "协议编号", "编号", "ref", "contractno"]),
        (.enterprise, ["企业名称", "甲方", "委托方", "需方", "企业", "enterprise"]),
        (.solver, ["合作单位", "乙方", "受托方", "团队名称", "团队编号", "高校院所", "研发团队", "solver", "institution"]),
        (.demand, ["需求编号", "需求名称", "demand"]),
        (.stage, ["阶段", "状态", "合同状态", "签约状态", "stage"]),
        (.category, ["合同类别", "合同类型", "技术合同类别", "category"]),
        (.amount, ["合同金额", "合同成交额", "成交额", "签约金额", "amount"]),
        (.techAmount, ["技术交易额", "认定技术交易额", "techamount"]),
        (.intentionAmount, ["意向金额", "意向投资额", "intentionamount"]),
        (.investment, ["预计总投资", "项目总投资", "预计投资", "investment"]),
        (.signDate, ["签订日期", "签约日期", "签订时间", "signdate", "date"]),
        (.field, ["领域", "所属领域", "技术领域", "field"]),
        (.county, ["县市区", "所属县市区", "县区", "county"]),
        (.registration, ["登记号", "认定登记号", "合同登记号", "registration"]),
        (.registrationDate, ["登记日期", "认定日期", "registrationdate"]),
    ]

    /// The synonym table.
    public var synonyms: [(DealField, [String])] { DealSchema.table }
    /// A deals sheet must name the enterprise.
    public var requiredHeader: DealField { .enterprise }

    /// Maps a row to a deal and validates it against the rule set in force (duplicates are checked by the caller).
    public func map(_ context: RowContext<DealField>) -> Result<SheetDeal, RowProblem> {
        guard let enterprise = context.text(.enterprise) else {
            return .failure(context.problem(.enterprise, "the deal names no enterprise (企业名称)"))
        }
        guard let solver = context.text(.solver) else {
            return .failure(context.problem(.solver, "the deal names no research team or institution (合作单位)"))
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
        var stage: DealStage
        if let written = context.text(.stage) {
            guard let parsed = DealStage.parse(written) else {
                return .failure(context.problem(.stage, "unknown stage '\(written)' (意向, 签约, 已认定登记, 作废)"))
            }
            stage = parsed
        } else {
            stage = registration != nil ? .registered : money[.amount] != nil ? .signed : .intention
        }
        var deal = DealFields(
            ref: context.text(.ref), enterprise: enterprise, solver: solver, demand: context.text(.demand), stage: stage,
            category: context.text(.category), amount: money[.amount], techAmount: money[.techAmount],
            intentionAmount: money[.intentionAmount], investment: money[.investment], signDate: dates[.signDate],
            field: context.text(.field), county: context.text(.county) ?? context.impliedRegion, registration: registration,
            registrationDate: dates[.registrationDate])
        if let problem = DealValidator.validate(&deal).first {
            let field = DealSchema.field(problem.field)
            return .failure(
                RowProblem(field: "\(field)", column: context.header.columns[field], value: problem.value, reason: problem.reason)
            )
        }
        return .success(SheetDeal(fields: deal, source: context.source, cells: context.cells))
    }

    /// The sheet field behind a validator field name.
    static func field(_ name: String) -> DealField {
        switch name {
        case "tech_amount": return .techAmount
        case "intention_amount": return .intentionAmount
        case "amount": return .amount
        case "investment": return .investment
        case "registration": return .registration
        case "category": return .category
        default: return .ref
        }
    }
}
