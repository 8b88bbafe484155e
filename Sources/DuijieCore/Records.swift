/// Where a record came from: the file, the sheet and the 1-based row (or CSV record line).
public struct SourceRef: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The file name as given to the importer (its last path component).
    public var file: String
    /// The sheet name; nil for CSV.
    public var sheet: String?
    /// The 1-based spreadsheet row, or the line on which a CSV record starts.
    public var row: Int

    /// Creates a source reference.
    public init(file: String, sheet: String?, row: Int) {
        self.file = file
        self.sheet = sheet
        self.row = row
    }

    /// `file, sheet 'S', row N`.
    public var description: String {
        if let sheet { return "\(file), sheet '\(sheet)', row \(row)" }
        return "\(file), line \(row)"
    }
}

/// A demand's budget as stated on the sheet.
public enum Budget: Hashable, Sendable {
    /// The cell was empty.
    case unstated
    /// 面议: negotiable, deliberately no number.
    case negotiable
    /// An exact amount.
    case amount(Money)

    /// The amount when there is one.
    public var money: Money? {
        if case .amount(let money) = self { return money }
        return nil
    }
}

/// An enterprise's technology demand (技术需求).
public struct Demand: Hashable, Sendable {
    /// The external reference (需求编号), when the sheet has one.
    public var ref: String?
    /// The enterprise stating the demand (企业名称).
    public var enterprise: String
    /// County or district (县市区).
    public var county: String?
    /// Technical field (所属领域).
    public var field: String?
    /// Title (需求名称).
    public var title: String
    /// Description of the problem (需求描述).
    public var description: String?
    /// Expected goals or indicators (预期目标).
    public var goals: String?
    /// Cooperation mode (合作方式): 技术开发, 技术转让, 合作研发 …
    public var cooperationMode: String?
    /// Planned investment.
    public var budget: Budget
    /// Contact person.
    public var contact: String?
    /// Contact phone.
    public var phone: String?
    /// Deadline for a solution.
    public var deadline: CivilDate?
    /// A research partner the enterprise already works with (现有合作单位): a conflict of interest in matching.
    public var partner: String?
    /// Where the record was read.
    public var source: SourceRef

    /// Creates a demand.
    public init(
        ref: String? = nil, enterprise: String, county: String? = nil, field: String? = nil, title: String,
        description: String? = nil, goals: String? = nil, cooperationMode: String? = nil, budget: Budget = .unstated,
        contact: String? = nil, phone: String? = nil, deadline: CivilDate? = nil, partner: String? = nil,
        source: SourceRef
    ) {
        self.ref = ref
        self.enterprise = enterprise
        self.county = county
        self.field = field
        self.title = title
        self.description = description
        self.goals = goals
        self.cooperationMode = cooperationMode
        self.budget = budget
        self.contact = contact
        self.phone = phone
        self.deadline = deadline
        self.partner = partner
        self.source = source
    }

    /// The key that identifies a demand without a ref: normalised enterprise and title.
    public var naturalKey: String { TextNormalizer.key(enterprise) + "|" + TextNormalizer.key(title) }
}

/// A research team's profile (solver): who can answer demands.
public struct SolverProfile: Hashable, Sendable {
    /// The external reference (团队编号), when the sheet has one.
    public var ref: String?
    /// Team name (团队名称).
    public var name: String
    /// Host institution (依托单位).
    public var institution: String?
    /// Region (所在地区).
    public var region: String?
    /// Research directions, one per entry.
    public var directions: [String]
    /// Representative achievements (代表性成果).
    public var achievements: String?
    /// Contact person.
    public var contact: String?
    /// Contact phone.
    public var phone: String?
    /// Where the record was read.
    public var source: SourceRef

    /// Creates a solver profile.
    public init(
        ref: String? = nil, name: String, institution: String? = nil, region: String? = nil, directions: [String] = [],
        achievements: String? = nil, contact: String? = nil, phone: String? = nil, source: SourceRef
    ) {
        self.ref = ref
        self.name = name
        self.institution = institution
        self.region = region
        self.directions = directions
        self.achievements = achievements
        self.contact = contact
        self.phone = phone
        self.source = source
    }

    /// The key that identifies a team without a ref: normalised institution and team name.
    public var naturalKey: String { TextNormalizer.key(institution ?? "") + "|" + TextNormalizer.key(name) }
}
