import GRDB
import GRDBSQLite

/// One value for `DirectStatement`.
enum SQLValue {
    case text(String?)
    case integer(Int64?)
    case bool(Bool)
}

/// Binds values straight into a prepared statement and steps it, for the import's hot path.
///
/// GRDB's `StatementArguments` box every value as a `DatabaseValue` and copy each string before binding; with twenty
/// values per row that was a fifth of the importing thread (docs/benchmarks.md). Here strings are bound from their
/// UTF-8 storage (SQLite copies them, `SQLITE_TRANSIENT`) and nothing is boxed. The statement still comes from GRDB's
/// cache and runs inside GRDB's transaction.
struct DirectStatement {
    let statement: Statement
    let db: Database

    /// SQLite's "copy the bytes now" destructor.
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    /// Binds `values` to the parameters in order, steps once, and resets.
    func execute(_ values: [SQLValue]) throws {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .text(nil), .integer(nil): code = sqlite3_bind_null(handle, index)
            case .text(let text?):
                var text = text
                code = text.withUTF8 { bytes in
                    guard let base = bytes.baseAddress else {
                        return sqlite3_bind_text(handle, index, "", 0, DirectStatement.transient)
                    }
                    return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                        sqlite3_bind_text(handle, index, $0, Int32(bytes.count), DirectStatement.transient)
                    }
                }
            case .integer(let number?): code = sqlite3_bind_int64(handle, index, number)
            case .bool(let flag): code = sqlite3_bind_int64(handle, index, flag ? 1 : 0)
            }
            guard code == SQLITE_OK else { throw error(code) }
        }
        let result = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard result == SQLITE_DONE else { throw error(result) }
    }

    private func error(_ code: Int32) -> DatabaseError {
        let message = db.sqliteConnection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
    }
}
