import DuijieCore

/// The deals of one write transaction, with the rules that decide what a new or changed deal does to them: which
/// stored deal it updates (the same ref, else the same enterprise and party), that a registration number belongs to
/// one deal only, and that a deal never moves back (intention → signed → registered; voided is final).
///
/// Look-ups are by ref, by enterprise + party and by registration number, so an import of n rows makes n look-ups,
/// not n scans.
public struct DealLedger: Sendable {
    /// One stored deal: its id and current fields.
    public struct Entry: Sendable, Equatable {
        /// The stored deal's id.
        public var id: Int64
        /// Its current fields.
        public var current: DealFields

        /// Makes an entry.
        public init(id: Int64, current: DealFields) {
            self.id = id
            self.current = current
        }
    }

    /// What a deal written on a sheet or typed in does to the ledger.
    public enum Decision: Sendable, Equatable {
        /// A new deal.
        case create
        /// The stored deal `id` changes from `old` to `new` (the sheet's fields, keeping the stored ref when the
        /// sheet has none).
        case change(id: Int64, old: DealFields, new: DealFields)
        /// The stored deal `id` already holds these fields.
        case unchanged(id: Int64)
        /// Refused: the number is another deal's, or the stage would move back.
        case refuse(DealValidator.Problem)
    }

    private(set) var entries: [Entry] = []
    private var byRef: [String: Int] = [:]
    private var byKey: [String: Int] = [:]
    private var byRegistration: [String: Int] = [:]
    private var registrationOf: [Int: String] = [:]

    /// A ledger of the stored deals.
    public init(_ deals: [Entry]) {
        for deal in deals { insert(deal) }
    }

    /// The stored deal `fields` refers to: the one with its ref, else the one with its enterprise and party.
    public func match(_ fields: DealFields) -> Entry? { position(of: fields).map { entries[$0] } }

    /// What writing `fields` would do (nothing is changed; call `created` or `changed` once the store has written it).
    public func decide(_ fields: DealFields) -> Decision {
        let position = position(of: fields)
        if let number = fields.registration, let holder = byRegistration[number], holder != position {
            return .refuse(.numberInUse(number, field: "登记号"))
        }
        guard let position else { return .create }
        let old = entries[position].current
        var new = fields
        if new.ref == nil { new.ref = old.ref }
        if new == old { return .unchanged(id: entries[position].id) }
        guard old.stage.canMove(to: new.stage) else {
            return .refuse(
                DealValidator.Problem(
                    field: "阶段", value: new.stage.rawValue,
                    message: Message(
                        "deal.stage_back", old.stage.rawValue, new.stage.rawValue, old.stage.chineseName,
                        new.stage.chineseName), conflict: true))
        }
        return .change(id: entries[position].id, old: old, new: new)
    }

    /// Records a deal the store created.
    public mutating func created(_ id: Int64, _ fields: DealFields) { insert(Entry(id: id, current: fields)) }

    /// Records a change the store wrote to deal `id`.
    public mutating func changed(_ id: Int64, to fields: DealFields) {
        guard let position = entries.firstIndex(where: { $0.id == id }) else { return }
        entries[position].current = fields
        index(position)
    }

    private func position(of fields: DealFields) -> Int? {
        if let ref = fields.ref { return byRef[ref] }
        return byKey[fields.naturalKey]
    }

    private mutating func insert(_ entry: Entry) {
        entries.append(entry)
        index(entries.count - 1)
    }

    private mutating func index(_ position: Int) {
        let current = entries[position].current
        if let ref = current.ref, byRef[ref] == nil { byRef[ref] = position }
        if byKey[current.naturalKey] == nil { byKey[current.naturalKey] = position }
        if let old = registrationOf[position], old != current.registration, byRegistration[old] == position {
            byRegistration[old] = nil
        }
        registrationOf[position] = current.registration
        if let number = current.registration { byRegistration[number] = position }
    }
}
