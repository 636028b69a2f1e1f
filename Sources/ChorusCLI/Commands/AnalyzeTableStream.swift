import ChorusRecords
import Foundation

/// A CSV table of `chorus analyze` written row by row as it is built (issue 10, bounded
/// memory): the same bytes as `TidyTable.write` (header, then one `TidyTable.csvLine` a row),
/// through a `LineWriter` (temporary file, fsync, rename), without holding the rows. rounds.csv
/// has about 7 rows per (group, round) and flips.csv 9 per round after the first: 142,324 and
/// 70,380 rows for the 1 GB log of `Benchmarks/analyze-memory.sh`, an estimated 50 and 15 MB of
/// cells when held as a `TidyTable`.
///
/// `append` does not throw, so that it reads as `TidyTable.append` at the call sites: the first
/// write error is kept and thrown by `close`, which renames the file into place.
final class AnalyzeTableStream {
    let columns: [String]
    private let writer: LineWriter
    private var failure: Error?

    /// Opens `url`'s temporary file and writes the header.
    /// - Throws: `FileIOError.cannotWrite`.
    init(_ url: URL, columns: [String]) throws {
        self.columns = columns
        writer = try LineWriter(url: url)
        try writer.write(TidyTable.csvLine(columns))
    }

    /// Appends a row; its length must match the columns.
    func append(_ row: [String]) {
        precondition(row.count == columns.count, "row has \(row.count) cells, table has \(columns.count) columns")
        guard failure == nil else { return }
        do { try writer.write(TidyTable.csvLine(row)) } catch { failure = error }
    }

    /// Throws the first write error, else flushes and renames the file into place.
    func close() throws {
        if let failure { throw failure }
        try writer.close()
    }
}
