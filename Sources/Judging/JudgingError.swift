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
        case conflict(Message)
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

    /// One sentence naming the place and the problem (English).
    public var description: String { message.description }

    /// The same sentence in Chinese, from the catalogue.
    public var chineseDescription: String { message.chinese }

    /// The sentence as a catalogue message: the place, the column, the value, and what is wrong.
    public var message: Message {
        var place = file ?? ""
        if let sheet { place += ", sheet '\(sheet)'" }
        if let row { place += ", row \(row)" }
        let prefix = place.isEmpty ? "" : place + ", "
        switch reason {
        case .notANumber: return Message("judging.not_a_number", prefix, column, value)
        case .aboveMaximum(let max): return Message("judging.above_maximum", prefix, column, value, points(max))
        case .finerThanStep(let step): return Message("judging.finer_than_step", prefix, column, value, points(step))
        case .unknownTeam: return Message("judging.unknown_team", prefix, column, value)
        case .unknownDemand: return Message("judging.unknown_demand", prefix, column, value)
        case .judgeNotOnPanel: return Message("judging.not_on_panel", prefix, column, value)
        case .missingColumn: return Message("judging.missing_column", prefix, column)
        case .locked: return Message("judging.locked", prefix, column, value)
        case .conflict(let detail): return Message("judging.detail", prefix, column, detail.description)
        case .notAssigned: return Message("judging.not_assigned", prefix, column, value)
        case .unreadableRow(let detail): return Message("judging.detail", prefix, column, detail)
        case .notInGroup(let demand, let group):
            return Message("judging.not_in_group", prefix, column, value, demand, group.joined(separator: ", "))
        case .removesScoredTeams(let teams): return Message("judging.removes_scored", prefix, teams.joined(separator: ", "))
        }
    }
}
