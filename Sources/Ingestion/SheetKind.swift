/// The five kinds of sheet an organizer imports; one type for the CLI, the API, the store and the pipeline.
public enum SheetKind: String, Sendable, CaseIterable, Codable {
    /// Enterprise technology demands (技术需求).
    case demands
    /// Research-team profiles (科研团队).
    case solvers
    /// Intentions and contracts (签约, 技术合同认定登记).
    case deals
    /// The judges panel (评委名单).
    case judges
    /// Score sheets from the final (评分表).
    case scores

    /// The name of the kind in Chinese and English, for messages and pages.
    public var label: (zh: String, en: String) {
        switch self {
        case .demands: ("技术需求表", "Demand sheets")
        case .solvers: ("科研团队表", "Team profiles")
        case .deals: ("合同/意向表", "Deals")
        case .judges: ("评委名单", "Judges panel")
        case .scores: ("评分表", "Score sheet")
        }
    }
}
