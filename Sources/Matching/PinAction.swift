/// An organizer's decision about one suggestion, kept for every later run.
public enum PinAction: String, Sendable, CaseIterable {
    /// Keep this team on this demand, whatever the scores say.
    case pin
    /// Never suggest or assign this team for this demand.
    case drop
}
