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
    public func importDeals(_ files: [ImportFile], event: String?, explain: Bool = false, limits: ImportLimits? = nil)
        -> ImportSummaryDTO
    {
        var summary = ImportSummaryDTO()
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
                let reader = RecordReader(
                    schema: DealSchema(), options: limits?.options(includeHiddenSheets: false) ?? ReaderOptions())
                report = try reader.read(workbook) { outcomes.append($0) }
                try store.dealTransaction { writer in
                    var index = DealIndex(try writer.deals())
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
                                    fields, event: event, actor: "import \(name)", writer: writer, index: &index)
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
                                        reason: problem.reason, cells: sheetDeal.cells))
                            }
                        }
                    }
                    importID = try writer.recordImport(
                        file: name, event: event, imported: counts.imported, updated: counts.updated,
                        unchanged: counts.unchanged, skipped: counts.skipped, rejected: rejected, rejectedCount: rejectedCount)
                }
                if rejectedCount > rejected.count {
                    report.warnings.append(
                        "\(rejectedCount) rows were rejected; the first \(rejected.count) are kept for fixing, the rest only counted"
                    )
                }
                summary.add(
                    file: name, importID: importID, counts: counts, rejected: rejected, rejectedCount: rejectedCount,
                    strictRefused: false, report: report, explain: explain)
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

    /// Matches by ref, else enterprise + party; checks the registration number is free and the stage move allowed.
    static func upsert(
        _ fields: DealFields, event: String?, actor: String, writer: DealWriter, index: inout DealIndex, reason: String? = nil
    )
        throws -> Result<Outcome, DealValidator.Problem>
    {
        let match = index.match(fields)
        if let number = fields.registration, let holder = index.byRegistration[number], holder != match {
            return .failure(.numberInUse(number, field: "登记号"))
        }
        guard let position = match else {
            let id = try writer.create(fields, event: event, actor: actor, reason: reason)
            index.append(
                StoredDeal(
                    id: id, event: event,
                    history: [DealEvent(kind: .created, state: fields, changes: [:], actor: actor, reason: reason, at: "")]))
            return .success(.inserted)
        }
        let old = index.deals[position].current
        var new = fields
        if new.ref == nil { new.ref = old.ref }
        if new == old { return .success(.unchanged) }
        guard old.stage.canMove(to: new.stage) else {
            return .failure(
                DealValidator.Problem(
                    field: "阶段", value: new.stage.rawValue,
                    reason: "a deal cannot move from \(old.stage.rawValue) back to \(new.stage.rawValue)", conflict: true))
        }
        try writer.change(index.deals[position].id, from: old, to: new, actor: actor, reason: reason)
        index.change(
            position,
            DealEvent(kind: .changed, state: new, changes: DealEvent.differences(old, new), actor: actor, reason: reason, at: ""))
        return .success(.updated)
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
            var index = DealIndex(try writer.deals())
            switch try DealService.upsert(fields, event: event, actor: actor, writer: writer, index: &index, reason: reason) {
            case .failure(let problem): throw DealError(problem)
            case .success:
                let deal = index.deals[index.match(fields)!]
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
            let amount = MoneyTotal(list.compactMap { intention ? ($0.1.intentionAmount ?? $0.1.amount) : $0.1.amount })
            let techAmount = MoneyTotal(list.compactMap { $0.1.techAmount })
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
        let investment = MoneyTotal(signed.compactMap { $0.1.investment })
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

/// The deals of a transaction with look-ups by ref, by enterprise + party and by registration number, so an import
/// of n rows does n look-ups, not n scans.
struct DealIndex {
    private(set) var deals: [StoredDeal]
    private var byRef: [String: Int] = [:]
    private var byKey: [String: Int] = [:]
    private(set) var byRegistration: [String: Int] = [:]
    private var registrationOf: [Int: String] = [:]

    init(_ deals: [StoredDeal]) {
        self.deals = []
        for deal in deals { append(deal) }
    }

    /// The deal `fields` updates: the one with its ref, else the one with its enterprise and party.
    func match(_ fields: DealFields) -> Int? {
        if let ref = fields.ref { return byRef[ref] }
        return byKey[fields.naturalKey]
    }

    mutating func append(_ deal: StoredDeal) {
        deals.append(deal)
        index(deals.count - 1)
    }

    mutating func change(_ position: Int, _ event: DealEvent) {
        deals[position].history.append(event)
        index(position)
    }

    private mutating func index(_ position: Int) {
        let current = deals[position].current
        if let ref = current.ref, byRef[ref] == nil { byRef[ref] = position }
        if byKey[current.naturalKey] == nil { byKey[current.naturalKey] = position }
        if let old = registrationOf[position], old != current.registration, byRegistration[old] == position {
            byRegistration[old] = nil
        }
        registrationOf[position] = current.registration
        if let number = current.registration { byRegistration[number] = position }
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
