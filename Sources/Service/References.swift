import DuijieCore
import Store

/// `RecordReference` (the one rule for what a written reference picks) over records already loaded; the store runs
/// the same rule as point queries (`DuijieStore.demand(_:event:)`, `solver(_:)`).
extension RecordReference {
    /// The demand `text` names among `demands`: its 需求编号, its id, or its unique title.
    static func demand(_ text: String, in demands: [StoredDemand]) -> StoredDemand? {
        resolve(text, in: demands, ref: \.demand.ref, id: \.id, name: \.demand.title)
    }

    /// The team `text` names among `solvers`: its 团队编号, its id, or its unique name.
    static func solver(_ text: String, in solvers: [StoredSolver]) -> StoredSolver? {
        resolve(text, in: solvers, ref: \.solver.ref, id: \.id, name: \.solver.name)
    }
}
