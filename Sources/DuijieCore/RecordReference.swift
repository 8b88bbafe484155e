/// How a reference a person writes — on a score sheet, in a form, in an exclusion list, on the command line — picks
/// one demand or one team. It is the one rule everywhere, so "T3" finds the same team in matching, judging and
/// the registry:
///
/// 1. the record's own code (需求编号, 团队编号) exactly as stored;
/// 2. else, when the text is a whole number, the record's id;
/// 3. else its title (a demand) or name (a team), compared as `TextNormalizer.key`s, when exactly one record has it.
///
/// The store runs the same steps as point queries (`lookups`); code holding the records in memory calls `resolve`.
public enum RecordReference {
    /// One step of the rule, in the order `lookups` gives them.
    public enum Lookup: Sendable, Equatable {
        /// The record's own code, exactly.
        case ref(String)
        /// The record's id.
        case id(Int64)
        /// The normalised title or name; it counts only when exactly one record has it.
        case nameKey(String)
    }

    /// The steps for `text`, in order; the first that finds a record decides.
    public static func lookups(_ text: String) -> [Lookup] {
        let trimmed = String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        guard !trimmed.isEmpty else { return [] }
        var steps: [Lookup] = [.ref(trimmed)]
        if let id = Int64(trimmed) { steps.append(.id(id)) }
        let key = TextNormalizer.key(trimmed)
        if !key.isEmpty { steps.append(.nameKey(key)) }
        return steps
    }

    /// The record `text` refers to among `records`, or nil when none (or, by name, more than one) matches.
    public static func resolve<Record>(
        _ text: String, in records: [Record], ref: (Record) -> String?, id: (Record) -> Int64, name: (Record) -> String
    ) -> Record? {
        for step in lookups(text) {
            switch step {
            case .ref(let code):
                if let found = records.first(where: { ref($0) == code }) { return found }
            case .id(let number):
                if let found = records.first(where: { id($0) == number }) { return found }
            case .nameKey(let key):
                var found: Record?
                for record in records where TextNormalizer.key(name(record)) == key {
                    if found != nil { return nil }
                    found = record
                }
                if let found { return found }
            }
        }
        return nil
    }
}
