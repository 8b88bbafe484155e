import DuijieCore

/// Demand sheets: one enterprise technology demand per row.
public struct DemandSchema: RecordSchema {
    /// Creates the schema.
    public init() {}

    /// The demand synonym table.
    public var synonyms: [(DemandField, [String])] { HeaderSynonyms.demand }
    /// A demand sheet must at least name the demand.
    public var requiredHeader: DemandField { .title }

    /// Maps a row to a demand. Title and enterprise are required; a budget is read in 万元 unless stated.
    public func map(_ context: RowContext<DemandField>) -> Result<Demand, RowProblem> {
        guard let title = context.text(.title) else {
            return .failure(context.problem(.title, "the demand has no title (\(context.header.header(of: .title) ?? "需求名称"))"))
        }
        guard let enterprise = context.text(.enterprise) else {
            if context.header.columns[.enterprise] == nil {
                return .failure(
                    RowProblem(field: "enterprise", column: nil, value: "", reason: "the sheet has no enterprise column (企业名称)"))
            }
            return .failure(context.problem(.enterprise, "the demand names no enterprise (企业名称)"))
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
                county: context.text(.county) ?? context.impliedRegion,
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

    /// The solver synonym table.
    public var synonyms: [(SolverField, [String])] { HeaderSynonyms.solver }
    /// A solver sheet must at least name the team.
    public var requiredHeader: SolverField { .name }

    /// Separators between research directions: `；;、,，` and line breaks.
    public static let directionSeparators: Set<Character> = ["；", ";", "、", ",", "，", "\n", "\r"]

    /// Maps a row to a solver profile. The team name is required; directions are split into a list.
    public func map(_ context: RowContext<SolverField>) -> Result<SolverProfile, RowProblem> {
        guard let name = context.text(.name) else {
            return .failure(context.problem(.name, "the team has no name (\(context.header.header(of: .name) ?? "团队名称"))"))
        }
        let directions = context.cell(.directions).text
            .split(whereSeparator: { SolverSchema.directionSeparators.contains($0) })
            .map { TextNormalizer.collapsedWhitespace(String($0)) }
            .filter { !$0.isEmpty }
        return .success(
            SolverProfile(
                ref: context.text(.ref),
                name: name,
                institution: context.text(.institution),
                region: context.text(.region) ?? context.impliedRegion,
                directions: directions,
                achievements: context.longText(.achievements),
                contact: context.text(.contact),
                phone: context.text(.phone),
                source: context.source
            ))
    }
}
