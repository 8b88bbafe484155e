import DuijieCore

/// What is wrong with a score sheet or an entry, with its place; the whole import is refused.
public struct JudgingError: DuijieError, Equatable {
    /// Why a value was refused.
    public enum Reason: Error, Equatable, Sendable {
        /// Not a number of points.
        case notANumber
        /// More than the criterion allows (in tenths).
        case aboveMaximum(Int)
        /// Finer than the event's step (in tenths).
        case finerThanStep(Int)
        /// No such team among the imported teams.
        case unknownTeam
        /// No such demand.
        case unknownDemand
        /// The judge is not on the panel.
        case judgeNotOnPanel
        /// A required column is missing.
        case missingColumn
        /// The judge already submitted this sheet; a change needs a reason.
        case locked
        /// The judge may not score this team.
        case conflict(String)
        /// The judge sits on other groups' panels, not this one.
        case notAssigned
        /// The row cannot be read as a score or a judge (the sentence says why).
        case unreadableRow(String)
        /// The team does not pitch in this demand's group (the group's teams, as people name them).
        case notInGroup(demand: String, group: [String])
        /// A group change would remove teams that already have scores, and no reason was given.
        case removesScoredTeams([String])
    }

    /// File, sheet and 1-based row, when the error comes from a sheet.
    public var file: String?
    /// The sheet name.
    public var sheet: String?
    /// The row.
    public var row: Int?
    /// The column header.
    public var column: String
    /// The value as written.
    public var value: String
    /// Why.
    public var reason: Reason

    /// Creates an error.
    public init(file: String? = nil, sheet: String? = nil, row: Int? = nil, column: String, value: String, reason: Reason) {
        self.file = file
        self.sheet = sheet
        self.row = row
        self.column = column
        self.value = value
        self.reason = reason
    }

    /// Points that cannot be read are bad input; a team, demand or judge not found, or a sheet without its columns,
    /// cannot be used; a locked sheet or a conflict of interest clashes with what is stored; a judge outside their
    /// group is not allowed.
    public var kind: ErrorKind {
        switch reason {
        case .notANumber, .aboveMaximum, .finerThanStep, .missingColumn: .invalid
        case .unknownTeam, .unknownDemand, .judgeNotOnPanel, .unreadableRow: .unusable
        case .locked, .conflict, .notInGroup, .removesScoredTeams: .conflict
        case .notAssigned: .forbidden
        }
    }

    /// One sentence naming the place and the problem.
    public var description: String {
        var place = file ?? ""
        if let sheet { place += ", sheet '\(sheet)'" }
        if let row { place += ", row \(row)" }
        let prefix = place.isEmpty ? "" : place + ", "
        let why: String
        switch reason {
        case .notANumber: why = "cannot read '\(value)' as points"
        case .aboveMaximum(let max): why = "'\(value)' is above the maximum \(points(max))"
        case .finerThanStep(let step): why = "'\(value)' is finer than the event's step of \(points(step))"
        case .unknownTeam: why = "no team '\(value)' (团队编号 or team name)"
        case .unknownDemand: why = "no demand '\(value)' (需求编号 or title)"
        case .judgeNotOnPanel: why = "judge '\(value)' is not on the panel (import the judges file first, or with --judges)"
        case .missingColumn: why = "the sheet has no '\(column)' column"
        case .locked: why = "judge '\(value)' already submitted this sheet; a correction needs a reason"
        case .conflict(let detail): why = detail
        case .notAssigned: why = "judge '\(value)' does not judge this group (see the judges file's 评审组 column)"
        case .unreadableRow(let detail): why = detail
        case .notInGroup(let demand, let group):
            why =
                "team '\(value)' does not pitch in demand \(demand)'s group (\(group.joined(separator: ", "))); "
                + "reload the sheet, the groups may have changed"
        case .removesScoredTeams(let teams):
            why =
                "the change removes \(teams.joined(separator: ", ")) from the group although they have scores; "
                + "give a reason (their scores then stay in the log, marked void)"
        }
        return "\(prefix)column '\(column)': \(why)"
    }
}
