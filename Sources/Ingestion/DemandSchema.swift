import DuijieCore

/// The fields a demand sheet can carry (docs/formats.md prints their names, from `vocabulary/demands.txt`).
public enum DemandField: String, SchemaField {
    case ref, enterprise, county, field, title, description, goals, cooperationMode, budget, contact, phone, deadline, partner

    /// What the field's values look like.
    public var valueKind: ValueKind {
        switch self {
        case .county: .county
        case .description, .goals: .longText
        case .budget: .amount
        case .contact: .person
        case .phone: .phone
        case .deadline: .date
        default: .text
        }
    }
}

/// The fields a solver (research team) sheet can carry (`vocabulary/solvers.txt`).
public enum SolverField: String, SchemaField {
    case ref, name, institution, region, directions, achievements, contact, phone

    /// What the field's values look like.
    public var valueKind: ValueKind {
        switch self {
        case .achievements, .directions: .longText
        case .contact: .person
        case .phone: .phone
        default: .text
        }
    }
}

/// Demand sheets: one enterprise technology demand per row (or per label/value form).
public struct DemandSchema: RecordSchema {
    /// Creates the schema.
    public init() {}

    /// Demand sheets.
    public var kind: SheetKind { .demands }
    /// The demand vocabulary.
    public var vocabulary: Vocabulary { Vocabulary.standard(.demands) }
    /// A demand sheet must at least name the demand.
    public func accepts(_ header: HeaderMap<DemandField>, context: SheetContext) -> Bool { header.columns[.title] != nil }
    /// `县（市、区）：枣强县` above the table gives the county.
    public var contextFields: Set<DemandField> { [.county] }

    /// Maps a row to a demand. Title and enterprise are required; a budget is read in 万元 unless stated.
    public func map(_ context: RowContext<DemandField>) -> Result<Demand, RowProblem> {
        guard let title = context.text(.title) else {
            return .failure(context.problem(.title, Message("row.no_title", context.header.header(of: .title) ?? "需求名称")))
        }
        guard let enterprise = context.text(.enterprise) else {
            if context.header.columns[.enterprise] == nil {
                return .failure(
                    RowProblem(field: "enterprise", column: nil, value: "", message: Message("row.no_enterprise_column")))
            }
            return .failure(context.problem(.enterprise, Message("row.no_enterprise")))
        }
        let budget: Budget
        switch context.amount(.budget, defaultUnit: .wan) {
        case .failure(let problem): return .failure(problem)
        case .success(nil): budget = .unstated
        case .success(.negotiable?): budget = .negotiable
        case .success(.exact(let money)?): budget = .amount(money)
        }
        let deadline: CivilDate?
        switch context.date(.deadline) {
        case .failure(let problem): return .failure(problem)
        case .success(let date): deadline = date
        }
        return .success(
            Demand(
                ref: context.text(.ref),
                enterprise: enterprise,
                county: context.county(.county) ?? context.implied(.county) ?? context.impliedRegion,
                field: context.text(.field),
                title: title,
                description: context.longText(.description),
                goals: context.longText(.goals),
                cooperationMode: context.text(.cooperationMode),
                budget: budget,
                contact: context.text(.contact),
                phone: context.text(.phone),
                deadline: deadline,
                partner: context.text(.partner),
                source: context.source
            ))
    }
}

/// Solver sheets: one research team per row.
public struct SolverSchema: RecordSchema {
    /// Creates the schema.
    public init() {}

    /// Team profiles.
    public var kind: SheetKind { .solvers }
    /// The team vocabulary.
    public var vocabulary: Vocabulary { Vocabulary.standard(.solvers) }
    /// A solver sheet must at least name the team.
    public func accepts(_ header: HeaderMap<SolverField>, context: SheetContext) -> Bool { header.columns[.name] != nil }
    /// `单位：河北大学` or `所在地区：河北保定` above the table.
    public var contextFields: Set<SolverField> { [.institution, .region] }

    /// Separators between research directions: `；;、,，/` and line breaks (a `/` between Latin letters, as in
    /// CAD/CAM, is kept).
    public static let directionSeparators: Set<Character> = ["；", ";", "、", ",", "，", "\n", "\r", "／"]

    /// Splits a directions cell into its entries.
    public static func directions(_ text: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            var separates = directionSeparators.contains(character)
            if character == "/" {
                let before = index > 0 ? characters[index - 1] : " "
                let after = index + 1 < characters.count ? characters[index + 1] : " "
                separates = !(before.isASCII && before.isLetter && after.isASCII && after.isLetter)
            }
            if separates {
                pieces.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        pieces.append(current)
        return pieces.map(TextNormalizer.collapsedWhitespace).filter { !$0.isEmpty }
    }

    /// Maps a row to a solver profile. The team name is required; directions are split into a list; the institution
    /// falls back to a tab named after a university when the sheet has no institution column.
    public func map(_ context: RowContext<SolverField>) -> Result<SolverProfile, RowProblem> {
        guard let name = context.text(.name) else {
            return .failure(context.problem(.name, Message("row.no_team_name", context.header.header(of: .name) ?? "团队名称")))
        }
        return .success(
            SolverProfile(
                ref: context.text(.ref),
                name: name,
                institution: context.text(.institution) ?? context.implied(.institution)
                    ?? (context.header.columns[.institution] == nil
                        ? RegionHint.institution(sheetName: context.sheet.sheet) : nil),
                region: context.text(.region) ?? context.implied(.region) ?? context.impliedRegion,
                directions: SolverSchema.directions(context.cell(.directions).text),
                achievements: context.longText(.achievements),
                contact: context.text(.contact),
                phone: context.text(.phone),
                source: context.source
            ))
    }
}
