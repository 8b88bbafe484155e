import DuijieCore

/// The value of one cell as the file stores it; numbers keep their decimal text so nothing is rounded.
public enum CellValue: Hashable, Sendable {
    /// No value.
    case empty
    /// Text (shared, inline or a formula's string result; CSV fields are always text).
    case text(String)
    /// A number as plain decimal text (`50`, `12.5`, `0.0012`), scientific notation already expanded.
    case number(String)
    /// A boolean.
    case bool(Bool)
    /// A date: a number in a date format, or an ISO date cell.
    case date(CivilDate)
    /// An error value such as `#N/A`.
    case error(String)

    /// Whether the cell holds nothing but whitespace.
    public var isBlank: Bool {
        switch self {
        case .empty: return true
        case .text(let text): return text.unicodeScalars.allSatisfy(TextNormalizer.isSpace)
        default: return false
        }
    }

    /// The value as a person would read it in the cell.
    public var text: String {
        switch self {
        case .empty: return ""
        case .text(let text): return text
        case .number(let number): return number
        case .bool(let value): return value ? "TRUE" : "FALSE"
        case .date(let date): return date.description
        case .error(let error): return error
        }
    }
}
