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

    /// The registry's report as the JSON contract: amounts as yuan and 万元 strings, the conversion rate to two places.
    init(_ report: DealReport) {
        func total(_ total: DealReport.Total, key: String = "", tech: Bool) -> TotalDTO {
            TotalDTO(
                name: total.name, count: total.count, amountYuan: total.amount.yuanString,
                techAmountYuan: tech ? total.techAmount.yuanString : nil, amountWan: total.amount.wanString, key: key)
        }
        func breakdown(_ breakdown: DealReport.Breakdown) -> [TotalDTO] {
            (report.breakdowns[breakdown] ?? []).map { total($0, key: breakdown.rawValue, tech: false) }
        }
        signed = total(report.signed, tech: true)
        intention = total(report.intention, tech: false)
        registered = total(report.registered, tech: true)
        voided = report.voided
        expectedInvestmentYuan = report.investment.yuanString
        expectedInvestmentWan = report.investment.wanString
        conversion = [
            "intentions": String(report.everIntention), "converted": String(report.converted),
            "rate": report.everIntention == 0
                ? "0.00" : String(format: "%.2f", Double(report.converted) / Double(report.everIntention)),
        ]
        byCategory = breakdown(.category)
        byCounty = breakdown(.county)
        byField = breakdown(.field)
        byInstitution = breakdown(.institution)
        byEvent = breakdown(.event)
        byMonth = breakdown(.month)
        sciencePlan = report.sciencePlan.map { deal in
            let fields = deal.current
            return PlanEntryDTO(
                id: deal.id, registration: fields.registration ?? "", enterprise: fields.enterprise, solver: fields.solver,
                category: fields.category, amountYuan: (fields.amount ?? Money(fen: 0)).yuanString,
                techAmountYuan: fields.techAmount?.yuanString, registrationDate: fields.registrationDate?.description)
        }
    }

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
    public init(database: EventDatabase) { self.init(store: database.store) }

    package init(store: DuijieStore) { self.store = store }

    /// Imports deals sheets, each file in one transaction, rows rejected with reasons like demand sheets.
    public func importDeals(_ files: [URL], event: String?, explain: Bool = false) -> ImportSummaryDTO {
        importDeals(files.map(ImportFile.init(url:)), event: event, explain: explain)
    }

    /// Imports deals sheets on disk or in memory. Each row goes through the deals schema (stage from every column the
    /// sheet uses), then the rule set that governs it (sign date, registration date, the registration number's year,
    /// the event's date), then the store (a registration number already used, a stage going back).
    ///
    /// Each file is read whole before the store's write lock is taken (deals sheets are small), within `limits` when
    /// given (uploads).
    ///
    /// `mapping` corrects how the sheets are read (over any saved mapping), `saveMapping` remembers it under each
    /// sheet's header signature, and `preview` does everything in a transaction that is rolled back.
    public func importDeals(
        _ files: [ImportFile], event: String?, explain: Bool = false, limits: ImportLimits? = nil,
        mapping: ColumnMapping = ColumnMapping(), saveMapping: Bool = false, preview: Bool = false,
        savedBy: String = "cli"
    ) -> ImportSummaryDTO {
        var summary = ImportSummaryDTO()
        if preview { summary.explain = ExplainDTO(files: [], preview: true) }
        let saved: [String: ColumnMapping]
        do {
            saved = try MappingService(store: store).saved(kind: .deals)
        } catch {
            summary.recordFailure(file: "column_mapping", error)
            return summary
        }
        for file in files {
            let name = file.name
            do {
                let eventDate = try self.eventDate(event)
                let workbook = try file.open()
                var counts = ImportCounts()
                var rejected: [Rejection] = []
                var rejectedCount = 0
                func reject(_ rejection: Rejection) {
                    rejectedCount += 1
                    if rejected.count < RecordSink<SheetDeal>.maxKeptRejections { rejected.append(rejection) }
                }
                var report = ReadReport()
                var importID: Int64?
                var outcomes: [RowOutcome<SheetDeal>] = []
                let options = ReaderOptions.importing(limits: limits, mapping: mapping, saved: saved)
                let samples = SheetSamples.forRecords(event: event)
                let reader = RecordReader(schema: DealSchema(), options: options)
                report = try reader.read(workbook) { outcome in
                    if explain || preview, case .record(let deal) = outcome { try samples.add(deal, sheet: deal.source.sheet) }
                    outcomes.append(outcome)
                }
                try store.dealTransaction(dryRun: preview) { writer in
                    var ledger = DealService.ledger(try writer.deals())
                    for outcome in outcomes {
                        switch outcome {
                        case .skipped: counts.skipped += 1
                        case .rejected(let rejection): reject(rejection)
                        case .record(let sheetDeal):
                            var fields = sheetDeal.fields
                            let problems = DealValidator.validate(&fields, eventDate: eventDate)
                            let result: Result<Outcome, DealValidator.Problem>
                            if let problem = problems.first {
                                result = .failure(problem)
                            } else {
                                result = try DealService.upsert(
                                    fields, event: event, actor: "import \(name)", writer: writer, ledger: &ledger)
                            }
                            switch result {
                            case .success(.inserted): counts.imported += 1
                            case .success(.updated): counts.updated += 1
                            case .success(.unchanged): counts.unchanged += 1
                            case .failure(let problem):
                                let field = DealService.sheetField(problem.field)
                                reject(
                                    Rejection(
                                        file: name, sheet: sheetDeal.source.sheet, row: sheetDeal.source.row,
                                        column: sheetDeal.headers[field] ?? problem.field, value: problem.value,
                                        reason: problem.reason, cells: sheetDeal.cells, reasonZH: problem.message.chinese))
                            }
                        }
                    }
                    importID = try writer.recordImport(
                        file: name, event: event, imported: counts.imported, updated: counts.updated,
                        unchanged: counts.unchanged, skipped: counts.skipped, rejected: rejected, rejectedCount: rejectedCount,
                        fixes: report.fixes)
                }
                if rejectedCount > rejected.count {
                    report.warnings.append(
                        "\(rejectedCount) rows were rejected; the first \(rejected.count) are kept for fixing, the rest only counted"
                    )
                }
                summary.add(
                    file: name, importID: preview ? nil : importID, counts: counts, rejected: rejected,
                    rejectedCount: rejectedCount, strictRefused: false, report: report, explain: explain, samples: samples,
                    preview: preview)
                if saveMapping, !preview, !mapping.isEmpty {
                    let signatures = try MappingService(store: store).save(
                        mapping, kind: .deals, sheets: report.sheets, savedBy: savedBy)
                    summary.savedMappings = (summary.savedMappings ?? []) + signatures
                }
            } catch {
                summary.recordFailure(file: name, error)
            }
        }
        return summary
    }

    /// The event's date (it governs the rule set of a deal with no date of its own), when set.
    func eventDate(_ event: String?) throws -> CivilDate? {
        guard let event, let text = try store.eventDetails(event: event).date else { return nil }
        do {
            return try DateParser.parse(text)
        } catch {
            throw StoreError.corrupt(table: "event", row: nil, column: "date of \(event)")
        }
    }

    /// The deals-sheet field behind a validator's field name (`tech_amount` → `techAmount`).
    static func sheetField(_ name: String) -> String {
        switch name {
        case "tech_amount": return DealField.techAmount.rawValue
        case "intention_amount": return DealField.intentionAmount.rawValue
        case "阶段": return DealField.stage.rawValue
        case "登记号": return DealField.registration.rawValue
        default: return name
        }
    }

    enum Outcome { case inserted, updated, unchanged }

    /// The stored deals as the registry's ledger.
    static func ledger(_ deals: [StoredDeal]) -> DealLedger {
        DealLedger(deals.map { DealLedger.Entry(id: $0.id, current: $0.current) })
    }

    /// Writes what the registry's rules decide for `fields` (`DealLedger.decide`): a new deal, a change with its
    /// history line, nothing, or a refusal.
    static func upsert(
        _ fields: DealFields, event: String?, actor: String, writer: DealWriter, ledger: inout DealLedger, reason: String? = nil
    )
        throws -> Result<Outcome, DealValidator.Problem>
    {
        switch ledger.decide(fields) {
        case .refuse(let problem):
            return .failure(problem)
        case .unchanged:
            return .success(.unchanged)
        case .create:
            ledger.created(try writer.create(fields, event: event, actor: actor, reason: reason), fields)
            return .success(.inserted)
        case .change(let id, let old, let new):
            try writer.change(id, from: old, to: new, actor: actor, reason: reason)
            ledger.changed(id, to: new)
            return .success(.updated)
        }
    }

    /// Adds or updates one deal from the command line; returns its id and state.
    public func add(_ input: DealFields, event: String?, reason: String?, actor: String = "cli") throws -> (
        id: Int64, state: DealFields
    ) {
        var fields = input
        if let problem = DealValidator.validate(&fields, eventDate: try eventDate(event)).first {
            throw DealError(problem)
        }
        return try store.dealTransaction { writer in
            var ledger = DealService.ledger(try writer.deals())
            switch try DealService.upsert(fields, event: event, actor: actor, writer: writer, ledger: &ledger, reason: reason) {
            case .failure(let problem): throw DealError(problem)
            case .success:
                let deal = ledger.match(fields)!
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

    /// The report, optionally for one event: the registry's totals (`DealReport`) as the JSON the offices file.
    public func report(event: String?) throws -> ReportDTO {
        ReportDTO(try domainReport(event: event))
    }

    /// The registry's report of the deals as they stand, optionally of one event.
    func domainReport(event: String?) throws -> DealReport {
        DealReport(
            try store.deals(event: event).map { deal in
                DealReport.Deal(
                    id: deal.id, event: deal.event, current: deal.current,
                    wasIntention: deal.history.contains { $0.state.stage == .intention })
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
