import Sheets

/// A guess at the header of a sheet the reader found none in, for an organizer to confirm: the first row among the
/// first 30 of the first visible sheet that holds at least two text cells. Used only to prefill the preview's
/// header row, never to read a sheet unasked.
public enum HeaderGuess {
    /// The rows looked at.
    public static let rows = 30

    /// The guessed header row (1-based), or nil.
    public static func likelyHeaderRow(_ workbook: Workbook) -> Int? {
        struct Found: Error { let row: Int? }
        guard let sheet = workbook.sheets.first(where: { !$0.isHidden }) else { return nil }
        do {
            try workbook.readRows(of: sheet) { row in
                let texts = row.cells.filter { if case .text(let text) = $0 { !text.isEmpty } else { false } }
                if texts.count >= 2 { throw Found(row: row.number) }
                if row.number >= rows { throw Found(row: nil) }
            }
        } catch let found as Found {
            return found.row
        } catch {
            return nil
        }
        return nil
    }
}
