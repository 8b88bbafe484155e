import DuijieCore
import Ingestion
import Judging
import Store

/// A rejected row as the JSON contract spells it.
public struct RejectionDTO: Codable, Sendable, Equatable {
    /// File name.
    public var file: String
    /// Sheet name; null for CSV.
    public var sheet: String?
    /// 1-based row, or CSV line.
    public var row: Int
    /// Column header as written.
    public var column: String
    /// The value.
    public var value: String
    /// Why (English).
    public var reason: String
    /// Why, in Chinese (JSON `reason_zh`), when the reason comes from the message catalogue.
    public var reasonZH: String?

    enum CodingKeys: String, CodingKey {
        case file, sheet, row, column, value, reason
        case reasonZH = "reason_zh"
    }

    init(_ rejection: Rejection) {
        file = rejection.file
        sheet = rejection.sheet
        row = rejection.row
        column = rejection.column
        value = rejection.value
        reason = rejection.reason
        reasonZH = rejection.reasonZH
    }

    /// Always encodes `sheet`, as null for CSV.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(sheet, forKey: .sheet)
        try container.encode(row, forKey: .row)
        try container.encode(column, forKey: .column)
        try container.encode(value, forKey: .value)
        try container.encode(reason, forKey: .reason)
        try container.encodeIfPresent(reasonZH, forKey: .reasonZH)
    }
}

/// One file's part of an import summary.
public struct FileImportDTO: Codable, Sendable {
    /// File name.
    public var file: String
    /// The store's import id; null when the file could not be read.
    public var importID: Int64?
    /// New records.
    public var imported: Int
    /// Existing records changed.
    public var updated: Int
    /// Existing records the same.
    public var unchanged: Int
    /// Rows skipped on purpose.
    public var skipped: Int
    /// Rows rejected.
    public var rejected: Int
    /// Whether --strict refused the file.
    public var strictRefused: Bool
    /// Sheets read.
    public var sheets: [String]
    /// Detected text encoding, for CSV.
    public var warnings: [String]
    /// Why the file could not be read at all; null when it was.
    public var error: String?

    enum CodingKeys: String, CodingKey {
        case file, imported, updated, unchanged, skipped, rejected, sheets, warnings, error
        case importID = "import_id"
        case strictRefused = "strict_refused"
    }
}

/// The summary `import demands|solvers --json` prints: the contract's keys, plus `files` and `errors`.
public struct ImportSummaryDTO: Encodable, Sendable {
    /// New records in all files.
    public var imported = 0
    /// Existing records changed.
    public var updated = 0
    /// Existing records unchanged.
    public var unchanged = 0
    /// Rows skipped.
    public var skipped = 0
    /// Every rejected row.
    public var rejected: [RejectionDTO] = []
    /// Per-file details.
    public var files: [FileImportDTO] = []
    /// Files that could not be read at all, one sentence each.
    public var errors: [String] = []
    /// How each sheet was read, when asked (`--explain`): `{"files": [{"file", "sheets": [...]}]}`.
    public var explain: ExplainDTO?
    /// Header signatures whose mapping was saved (`--save-mapping`).
    public var savedMappings: [String]?

    enum CodingKeys: String, CodingKey {
        case imported, updated, unchanged, skipped, rejected, files, errors, explain
        case savedMappings = "saved_mappings"
    }

    /// Creates an empty summary.
    public init() {}

    /// Adds one file that was read: its counts, its rejected rows, what the reader noticed and, with `explain`, how
    /// each of its sheets was read.
    mutating func add(
        file name: String, importID: Int64?, counts: ImportCounts, rejected rows: [Rejection], rejectedCount: Int? = nil,
        strictRefused: Bool, report: ReadReport, explain withExplanation: Bool, samples: SheetSamples? = nil,
        preview: Bool = false
    ) {
        imported += counts.imported
        updated += counts.updated
        unchanged += counts.unchanged
        skipped += counts.skipped
        rejected += rows.map(RejectionDTO.init)
        files.append(
            FileImportDTO(
                file: name, importID: importID, imported: counts.imported, updated: counts.updated,
                unchanged: counts.unchanged, skipped: counts.skipped, rejected: rejectedCount ?? rows.count,
                strictRefused: strictRefused,
                sheets: report.sheetsRead, warnings: report.warnings, error: nil))
        if withExplanation || preview {
            if explain == nil { explain = ExplainDTO() }
            let sheets =
                samples?.sheets(report, rejected: rows) ?? SheetSamples.sheets(report, rejected: rows)
            explain?.files.append(
                ExplainDTO.File(
                    file: name, sheets: sheets,
                    would: preview
                        ? PreviewCountsDTO(
                            new: counts.imported, updated: counts.updated, unchanged: counts.unchanged,
                            skipped: counts.skipped, rejected: rejectedCount ?? rows.count) : nil,
                    warnings: preview ? report.warnings : nil))
        }
    }

    /// Records a file that could not be read at all: its sentence (naming the file) among the errors and an empty
    /// entry for the file; returns the sentence.
    @discardableResult
    mutating func recordFailure(file name: String, _ error: Error) -> String {
        let message = ImportService.describe(error, file: name)
        errors.append(message)
        if explain?.preview == true { explain?.files.append(ExplainDTO.File(file: name, sheets: [], error: message)) }
        files.append(
            FileImportDTO(
                file: name, importID: nil, imported: 0, updated: 0, unchanged: 0, skipped: 0, rejected: 0, strictRefused: false,
                sheets: [], warnings: [], error: message))
        return message
    }
}

/// How the files of an import were read, sheet by sheet (`--explain`; the import preview shows the same).
public struct ExplainDTO: Encodable, Sendable {
    /// One file.
    public struct File: Encodable, Sendable {
        /// File name.
        public var file: String
        /// Its sheets: the table found, header rows, each column's field and how it was decided, the context, the
        /// rows skipped and why, the first records and the rejected rows.
        public var sheets: [SheetReadDTO]
        /// For a preview: what the import would do with the file (it was done and rolled back).
        public var would: PreviewCountsDTO?
        /// For a preview: what the reader noticed.
        public var warnings: [String]?
        /// Why the file could not be read at all.
        public var error: String?

        /// A file's sheets.
        public init(
            file: String, sheets: [SheetReadDTO], would: PreviewCountsDTO? = nil, warnings: [String]? = nil,
            error: String? = nil
        ) {
            self.file = file
            self.sheets = sheets
            self.would = would
            self.warnings = warnings
            self.error = error
        }

        enum CodingKeys: String, CodingKey { case file, sheets, would, warnings, error }

        /// `file` and `sheets` always; the preview's keys when set.
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(file, forKey: .file)
            try c.encode(sheets, forKey: .sheets)
            try c.encodeIfPresent(would, forKey: .would)
            try c.encodeIfPresent(warnings, forKey: .warnings)
            try c.encodeIfPresent(error, forKey: .error)
        }
    }

    /// The files, in import order.
    public var files: [File] = []
    /// For a preview: always true (nothing was stored).
    public var preview: Bool?

    /// Files' explanations; `preview` true for a preview.
    public init(files: [File] = [], preview: Bool? = nil) {
        self.files = files
        self.preview = preview
    }

    enum CodingKeys: String, CodingKey { case files, preview }

    /// `files` always; `preview` when set.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(files, forKey: .files)
        try c.encodeIfPresent(preview, forKey: .preview)
    }
}

/// A source reference as JSON.
public struct SourceDTO: Codable, Sendable, Equatable {
    /// File name.
    public var file: String
    /// Sheet name; null for CSV.
    public var sheet: String?
    /// Row or line.
    public var row: Int

    init(_ source: SourceRef) {
        file = source.file
        sheet = source.sheet
        row = source.row
    }

    /// Always encodes `sheet`.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(sheet, forKey: .sheet)
        try container.encode(row, forKey: .row)
    }
}

/// A demand in `demands list --json`.
public struct DemandDTO: Codable, Sendable {
    /// Store id.
    public var id: Int64
    /// Event code.
    public var event: String
    /// External ref.
    public var ref: String?
    /// Title.
    public var title: String
    /// Enterprise.
    public var enterprise: String
    /// County.
    public var county: String?
    /// Field.
    public var field: String?
    /// Budget in yuan as a decimal string, null when unstated or negotiable.
    public var budgetYuan: String?
    /// Whether the budget is 面议.
    public var budgetNegotiable: Bool
    /// Deadline, ISO.
    public var deadline: String?
    /// Description.
    public var description: String?
    /// Goals.
    public var goals: String?
    /// Cooperation mode.
    public var cooperationMode: String?
    /// Contact person.
    public var contact: String?
    /// Phone.
    public var phone: String?
    /// Existing research partner (a conflict of interest in matching).
    public var partner: String?
    /// Where it was read.
    public var source: SourceDTO

    enum CodingKeys: String, CodingKey {
        case id, event, ref, title, enterprise, county, field, deadline, description, goals, contact, phone, partner, source
        case budgetYuan = "budget_yuan"
        case budgetNegotiable = "budget_negotiable"
        case cooperationMode = "cooperation_mode"
    }

    init(_ stored: StoredDemand) {
        let d = stored.demand
        id = stored.id
        event = stored.eventCode
        ref = d.ref
        title = d.title
        enterprise = d.enterprise
        county = d.county
        field = d.field
        budgetYuan = d.budget.money?.yuanString
        budgetNegotiable = d.budget == .negotiable
        deadline = d.deadline?.description
        description = d.description
        goals = d.goals
        cooperationMode = d.cooperationMode
        contact = d.contact
        phone = d.phone
        partner = d.partner
        source = SourceDTO(d.source)
    }

    /// Encodes every key, nulls included, so scripts can rely on them.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(event, forKey: .event)
        try c.encode(ref, forKey: .ref)
        try c.encode(title, forKey: .title)
        try c.encode(enterprise, forKey: .enterprise)
        try c.encode(county, forKey: .county)
        try c.encode(field, forKey: .field)
        try c.encode(budgetYuan, forKey: .budgetYuan)
        try c.encode(budgetNegotiable, forKey: .budgetNegotiable)
        try c.encode(deadline, forKey: .deadline)
        try c.encode(description, forKey: .description)
        try c.encode(goals, forKey: .goals)
        try c.encode(cooperationMode, forKey: .cooperationMode)
        try c.encode(contact, forKey: .contact)
        try c.encode(phone, forKey: .phone)
        try c.encode(partner, forKey: .partner)
        try c.encode(source, forKey: .source)
    }
}

/// A solver in `solvers list --json`.
public struct SolverDTO: Codable, Sendable {
    /// Store id.
    public var id: Int64
    /// External ref.
    public var ref: String?
    /// Team name.
    public var name: String
    /// Host institution.
    public var institution: String?
    /// Region.
    public var region: String?
    /// The research directions joined, for the contract's `field` key.
    public var field: String?
    /// Research directions.
    public var directions: [String]
    /// Achievements.
    public var achievements: String?
    /// Contact.
    public var contact: String?
    /// Phone.
    public var phone: String?
    /// Solvers carry no budget; always null, present for the contract.
    public var budgetYuan: String?
    /// Solvers carry no deadline; always null, present for the contract.
    public var deadline: String?
    /// Where it was read.
    public var source: SourceDTO

    enum CodingKeys: String, CodingKey {
        case id, ref, name, institution, region, field, directions, achievements, contact, phone, deadline, source
        case budgetYuan = "budget_yuan"
    }

    init(_ stored: StoredSolver) {
        let s = stored.solver
        id = stored.id
        ref = s.ref
        name = s.name
        institution = s.institution
        region = s.region
        field = s.directions.isEmpty ? nil : s.directions.joined(separator: "；")
        directions = s.directions
        achievements = s.achievements
        contact = s.contact
        phone = s.phone
        budgetYuan = nil
        deadline = nil
        source = SourceDTO(s.source)
    }

    /// Encodes every key, nulls included.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(ref, forKey: .ref)
        try c.encode(name, forKey: .name)
        try c.encode(institution, forKey: .institution)
        try c.encode(region, forKey: .region)
        try c.encode(field, forKey: .field)
        try c.encode(directions, forKey: .directions)
        try c.encode(achievements, forKey: .achievements)
        try c.encode(contact, forKey: .contact)
        try c.encode(phone, forKey: .phone)
        try c.encode(budgetYuan, forKey: .budgetYuan)
        try c.encode(deadline, forKey: .deadline)
        try c.encode(source, forKey: .source)
    }
}

/// One version of a judge's score for a team (`GET /api/judge/history`, `duijie judge history`).
public struct ScoreVersionDTO: Encodable, Sendable {
    /// The version, from 1; each correction adds one.
    public var version: Int
    /// Points per criterion (or one total) as written, e.g. "25.5".
    public var points: [String] { tenths.map(Judging.points) }
    /// The same points in tenths, for sums.
    public var tenths: [Int]
    /// Why this version replaced the previous one.
    public var reason: String?
    /// Where it came from: a sheet's file and row, or who entered it.
    public var source: String?
    /// Why the entry does not count (a conflict of interest), when it does not.
    public var conflict: String?
    /// When it was written (UTC).
    public var at: String

    enum CodingKeys: String, CodingKey { case version, points, reason, source, conflict, at }

    /// Encodes the points as text; the tenths stay out of the contract.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(version, forKey: .version)
        try container.encode(points, forKey: .points)
        try container.encodeIfPresent(reason, forKey: .reason)
        try container.encodeIfPresent(source, forKey: .source)
        try container.encodeIfPresent(conflict, forKey: .conflict)
        try container.encode(at, forKey: .at)
    }
}
