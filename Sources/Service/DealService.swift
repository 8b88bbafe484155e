import DuijieCore
import Foundation
import Ingestion
import Registry
import Sheets
import Store

/// Totals of one slice of deals.
public struct TotalDTO: Encodable, Sendable, Equatable {
    /// The slice's name (a category, county, field, institution, event or month).
    public var name: String?
    /// Deals in it.
    public var count: Int
    /// 合同成交额 (or 意向金额 for intentions) in yuan, 2 decimals.
    public var amountYuan: String
    /// 技术交易额 in yuan, when it applies.
    public var techAmountYuan: String?
    /// The amount in 万元, for display.
    public var amountWan: String
    var key: String

    /// Encodes `{KEY: name, count, amount_yuan, tech_amount_yuan?, amount_wan}`.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: DynamicKey.self)
        if let name { try c.encode(name, forKey: DynamicKey(key)) }
        try c.encode(count, forKey: DynamicKey("count"))
        try c.encode(amountYuan, forKey: DynamicKey("amount_yuan"))
        if let techAmountYuan { try c.encode(techAmountYuan, forKey: DynamicKey("tech_amount_yuan")) }
        try c.encode(amountWan, forKey: DynamicKey("amount_wan"))
    }
}

/// A registered contract listed for the city's science plan.
public struct PlanEntryDTO: Encodable, Sendable {
    /// Deal id.
    public var id: Int64
    /// Registration number.
    public var registration: String
    /// Enterprise.
    public var enterprise: String
    /// Team or institution.
    public var solver: String
    /// Category.
    public var category: String?
    /// Contract amount, yuan.
    public var amountYuan: String
    /// Technical transaction amount, yuan.
    public var techAmountYuan: String?
    /// Registration date.
    public var registrationDate: String?

    enum CodingKeys: String, CodingKey {
        case id, registration, enterprise, solver, category
        case amountYuan = "amount_yuan"
        case techAmountYuan = "tech_amount_yuan"
        case registrationDate = "registration_date"
    }
}

/// The report reporting offices publish: `signed` counts every contract that reached signing (registered included);
/// the breakdowns cover those signed contracts only; intentions are counted apart.
public struct ReportDTO: Encodable, Sendable {
    /// Contracts signed (registered ones included).
    public var signed: TotalDTO
    /// Intention agreements not (yet) signed.
    public var intention: TotalDTO
    /// Contracts that passed 技术合同认定登记.
    public var registered: TotalDTO
    /// Voided deals.
    public var voided: Int
    /// Expected total project investment of the signed contracts, yuan.
    public var expectedInvestmentYuan: String
    /// The same in 万元, for display.
    public var expectedInvestmentWan: String
    /// Deals that were ever intentions, and how many of them reached signing.
    public var conversion: [String: String]
    /// Signed contracts by category.
    public var byCategory: [TotalDTO]
    /// … by county.
    public var byCounty: [TotalDTO]
    /// … by field.
    public var byField: [TotalDTO]
    /// … by institution (team or institution as written).
    public var byInstitution: [TotalDTO]
    /// … by event.
    public var byEvent: [TotalDTO]
    /// … by month of signing.
    public var byMonth: [TotalDTO]
    /// Registered contracts for the science plan.
    public var sciencePlan: [PlanEntryDTO]

    enum CodingKeys: String, CodingKey {
        case signed, intention, registered, voided, conversion
        case expectedInvestmentYuan = "expected_investment_yuan"
        case expectedInvestmentWan = "expected_investment_wan"
        case byCategory = "by_category"
        case byCounty = "by_county"
        case byField = "by_field"
        case byInstitution = "by_institution"
        case byEvent = "by_event"
        case byMonth = "by_month"
        case sciencePlan = "science_plan"
    }
}

/// The use cases behind `duijie deals …` and `duijie report`.
public struct DealService: Sendable {
    let store: DuijieStore

    /// Creates the service over a store.
    public init(store: DuijieStore) { self.store = store }

    /// Imports deals sheets, each file in one transaction, rows rejected with reasons like demand sheets.
    public func importDeals(_ files: [URL], event: String?) -> ImportSummaryDTO {
        var summary = ImportSummaryDTO()
        for url in files {
            let name = url.lastPathComponent
            do {
                let workbook = try WorkbookOpener.open(url)
                var counts = (imported: 0, updated: 0, unchanged: 0, skipped: 0)
                var rejected: [Rejection] = []
                var warnings: [String] = []
                var sheets: [String] = []
                var importID: Int64?
                try store.dealTransaction { writer in
                    var deals = try writer.deals()
                    let reader = RecordReader(schema: DealSchema())
                    let report = try reader.read(workbook) { outcome in
                        switch outcome {
                        case .skipped: counts.skipped += 1
                        case .rejected(let rejection): rejected.append(rejection)
                        case .record(let sheetDeal):
                            let fields = sheetDeal.fields
                            switch try DealService.upsert(
                                fields, event: event, actor: "import \(name)", writer: writer, deals: &deals)
                            {
                            case .success(let outcome):
                                switch outcome {
                                case .inserted: counts.imported += 1
                                case .updated: counts.updated += 1
                                case .unchanged: counts.unchanged += 1
                                }
                            case .failure(let problem):
                                rejected.append(
                                    Rejection(
                                        file: name, sheet: sheetDeal.source.sheet, row: sheetDeal.source.row,
                                        column: problem.field, value: problem.value, reason: problem.reason,
                                        cells: sheetDeal.cells))
                            }
                        }
                    }
                    warnings = report.warnings
                    sheets = report.sheetsRead
                    importID = try writer.recordImport(
                        file: name, event: event, imported: counts.imported, updated: counts.updated,
                        unchanged: counts.unchanged, skipped: counts.skipped, rejected: rejected)
                }
                summary.imported += counts.imported
                summary.updated += counts.updated
                summary.unchanged += counts.unchanged
                summary.skipped += counts.skipped
                summary.rejected += rejected.map(RejectionDTO.init)
                summary.files.append(
                    FileImportDTO(
                        file: name, importID: importID, imported: counts.imported, updated: counts.updated,
                        unchanged: counts.unchanged,
                        skipped: counts.skipped, rejected: rejected.count, strictRefused: false, sheets: sheets,
                        warnings: warnings,
                        error: nil))
            } catch {
                summary.recordFailure(file: name, error)
            }
        }
        return summary
    }

    enum Outcome { case inserted, updated, unchanged }

    /// Matches by ref, else enterprise + party; checks the registration number is free and the stage move allowed.
    static func upsert(
        _ fields: DealFields, event: String?, actor: String, writer: DealWriter, deals: inout [StoredDeal], reason: String? = nil
    )
        throws -> Result<Outcome, DealValidator.Problem>
    {
        let match = deals.firstIndex { deal in
            if let ref = fields.ref { return deal.current.ref == ref }
            return deal.current.naturalKey == fields.naturalKey
        }
        if let number = fields.registration,
            deals.enumerated().contains(where: { $0.offset != match && $0.element.current.registration == number })
        {
            return .failure(.numberInUse(number, field: "登记号"))
        }
        guard let index = match else {
            let id = try writer.create(fields, event: event, actor: actor, reason: reason)
            deals.append(
                StoredDeal(
                    id: id, event: event,
                    history: [DealEvent(kind: .created, state: fields, changes: [:], actor: actor, reason: reason, at: "")]))
            return .success(.inserted)
        }
        let old = deals[index].current
        var new = fields
        if new.ref == nil { new.ref = old.ref }
        if new == old { return .success(.unchanged) }
        guard old.stage.canMove(to: new.stage) else {
            return .failure(
                DealValidator.Problem(
                    field: "阶段", value: new.stage.rawValue,
                    reason: "a deal cannot move from \(old.stage.rawValue) back to \(new.stage.rawValue)", conflict: true))
        }
        try writer.change(deals[index].id, from: old, to: new, actor: actor, reason: reason)
        deals[index].history.append(
            DealEvent(kind: .changed, state: new, changes: DealEvent.differences(old, new), actor: actor, reason: reason, at: ""))
        return .success(.updated)
    }

    /// Adds or updates one deal from the command line; returns its id and state.
    public func add(_ input: DealFields, event: String?, reason: String?, actor: String = "cli") throws -> (
        id: Int64, state: DealFields
    ) {
        var fields = input
        if let problem = DealValidator.validate(&fields).first {
            throw DealError(problem)
        }
        return try store.dealTransaction { writer in
            var deals = try writer.deals()
            switch try DealService.upsert(fields, event: event, actor: actor, writer: writer, deals: &deals, reason: reason) {
            case .failure(let problem): throw DealError(problem)
            case .success:
                let deal = deals.first {
                    $0.current.naturalKey == fields.naturalKey && (fields.ref == nil || $0.current.ref == fields.ref)
                }!
                return (deal.id, deal.current)
            }
        }
    }

    /// Voids a deal with a reason (an event; nothing is deleted).
    public func void(_ id: Int64, reason: String, actor: String = "cli") throws {
        try store.dealTransaction { writer in
            guard let deal = try writer.deals().first(where: { $0.id == id }) else {
                throw DealError(message: "no deal \(id)", kind: .notFound)
            }
            var new = deal.current
            new.stage = .voided
            new.voidReason = reason
            try writer.change(id, from: deal.current, to: new, actor: actor, reason: reason)
        }
    }

    /// A deal's history, oldest first.
    public func history(_ id: Int64) throws -> [DealEvent] {
        guard let deal = try store.deals().first(where: { $0.id == id }) else {
            throw DealError(message: "no deal \(id)", kind: .notFound)
        }
        return deal.history
    }

    /// The report, optionally for one event.
    public func report(event: String?) throws -> ReportDTO {
        let deals = try store.deals(event: event)
        let current = deals.map { ($0, $0.current) }
        let signed = current.filter { $0.1.stage == .signed || $0.1.stage == .registered }
        let intentions = current.filter { $0.1.stage == .intention }
        let registered = current.filter { $0.1.stage == .registered }
        func total(_ list: [(StoredDeal, DealFields)], key: String = "", name: String? = nil, tech: Bool, intention: Bool = false)
            -> TotalDTO
        {
            let amount = list.reduce(Money(fen: 0)) {
                $0 + ((intention ? ($1.1.intentionAmount ?? $1.1.amount) : $1.1.amount) ?? Money(fen: 0))
            }
            let techAmount = list.reduce(Money(fen: 0)) { $0 + ($1.1.techAmount ?? Money(fen: 0)) }
            return TotalDTO(
                name: name, count: list.count, amountYuan: amount.yuanString, techAmountYuan: tech ? techAmount.yuanString : nil,
                amountWan: amount.wanString, key: key)
        }
        func breakdown(_ key: String, _ value: (StoredDeal, DealFields) -> String?) -> [TotalDTO] {
            Dictionary(grouping: signed) { value($0.0, $0.1) ?? "(未注明)" }
                .map { total($0.value, key: key, name: $0.key, tech: false) }
                .sorted {
                    ($0.amountYuan.count, $0.amountYuan, $1.name ?? "") > ($1.amountYuan.count, $1.amountYuan, $0.name ?? "")
                }
        }
        let everIntention = deals.filter { $0.history.contains { $0.state.stage == .intention } }
        let converted = everIntention.filter { [.signed, .registered].contains($0.current.stage) }
        let investment = signed.reduce(Money(fen: 0)) { $0 + ($1.1.investment ?? Money(fen: 0)) }
        return ReportDTO(
            signed: total(signed, tech: true), intention: total(intentions, tech: false, intention: true),
            registered: total(registered, tech: true), voided: current.filter { $0.1.stage == .voided }.count,
            expectedInvestmentYuan: investment.yuanString, expectedInvestmentWan: investment.wanString,
            conversion: [
                "intentions": String(everIntention.count), "converted": String(converted.count),
                "rate": everIntention.isEmpty
                    ? "0.00" : String(format: "%.2f", Double(converted.count) / Double(everIntention.count)),
            ],
            byCategory: breakdown("category") { $1.category }, byCounty: breakdown("county") { $1.county },
            byField: breakdown("field") { $1.field }, byInstitution: breakdown("institution") { $1.solver },
            byEvent: breakdown("event") { deal, _ in deal.event },
            byMonth: breakdown("month") { $1.signDate.map { String($0.description.prefix(7)) } },
            sciencePlan: registered.sorted { ($0.1.registration ?? "") < ($1.1.registration ?? "") }.map { deal, fields in
                PlanEntryDTO(
                    id: deal.id, registration: fields.registration ?? "", enterprise: fields.enterprise, solver: fields.solver,
                    category: fields.category, amountYuan: (fields.amount ?? Money(fen: 0)).yuanString,
                    techAmountYuan: fields.techAmount?.yuanString, registrationDate: fields.registrationDate?.description)
            })
    }
}

/// A deal that cannot be added or changed, in one sentence.
public struct DealError: ClassifiedError {
    /// The sentence.
    public var message: String
    /// What kind of failure it is.
    public var kind: FailureKind
    /// The sentence.
    public var description: String { message }

    /// A failure in words.
    public init(message: String, kind: FailureKind = .invalid) {
        self.message = message
        self.kind = kind
    }

    /// A deal refused for a problem: a conflict with what is stored, or bad input.
    init(_ problem: DealValidator.Problem) {
        self.init(message: "\(problem.field): \(problem.reason)", kind: problem.conflict ? .conflict : .invalid)
    }
}
