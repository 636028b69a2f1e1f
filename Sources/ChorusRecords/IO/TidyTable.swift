import Foundation
import CSV

/// Errors of reading tables.
public enum TableError: Error, CustomStringConvertible, Equatable {
    /// The CSV text of `path` is not a valid table at `line` (nil: the whole file); `reason` says why.
    case malformed(path: String, line: Int?, reason: String)
    /// The table of `path` has no column named `column`.
    case missingColumn(path: String, column: String)

    public var description: String {
        switch self {
        case .malformed(let p, let l, let r): return "\(p)\(l.map { ":\($0)" } ?? ""): \(r)"
        case .missingColumn(let p, let c): return "\(p): missing column '\(c)'"
        }
    }
}

/// A tidy (long) table: named columns, one observation a row, all cells as text.
/// Written as RFC 4180 CSV (fields quoted when they hold a comma, quote or newline).
public struct TidyTable: Sendable, Equatable {
    /// The column names, in order.
    public var columns: [String]
    /// The rows, each with one cell per column.
    public var rows: [[String]]

    /// A table with these columns and rows.
    public init(columns: [String], rows: [[String]] = []) {
        self.columns = columns; self.rows = rows
    }

    /// Appends a row; its length must match the columns.
    public mutating func append(_ row: [String]) {
        precondition(row.count == columns.count, "row has \(row.count) cells, table has \(columns.count) columns")
        rows.append(row)
    }

    /// The CSV text, header first, "\n" line ends.
    public func csv() -> String {
        var out = TidyTable.csvLine(columns)
        for r in rows { out += TidyTable.csvLine(r) }
        return out
    }

    /// Writes the CSV atomically.
    public func write(to url: URL) throws { try AtomicFile.write(csv(), to: url) }

    /// Reads a CSV with a header row (CSV.swift's RFC 4180 reader).
    public static func read(from url: URL) throws -> TidyTable {
        guard let stream = InputStream(url: url) else { throw FileIOError.cannotRead(path: url.path, reason: "cannot open") }
        do {
            let reader = try CSVReader(stream: stream, hasHeaderRow: true)
            let header = reader.headerRow ?? []
            var table = TidyTable(columns: header)
            var line = 1
            while let row = reader.next() {
                line += 1
                guard row.count == header.count else {
                    throw TableError.malformed(path: url.path, line: line, reason: "row has \(row.count) fields, header has \(header.count)")
                }
                table.rows.append(row)
            }
            return table
        } catch let e as TableError { throw e } catch {
            throw TableError.malformed(path: url.path, line: nil, reason: "\(error)")
        }
    }

    /// The values of one column.
    public func column(_ name: String) -> [String]? {
        guard let i = columns.firstIndex(of: name) else { return nil }
        return rows.map { $0[i] }
    }

    /// One CSV line of cells (escaped as in `csv()`), with its "\n": for writers that stream
    /// rows to a file (`LineWriter`) instead of holding a table.
    public static func csvLine(_ cells: [String]) -> String {
        cells.map(escape).joined(separator: ",") + "\n"
    }

    static func escape(_ s: String) -> String {
        // Scalars, not Characters: "\r\n" is one Character equal to neither "\n" nor "\r", so a
        // field with a CRLF line end went out unquoted and split the row.
        if s.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }

    /// Formats a number for a table: `NumberText.cell` (shortest round-trip form, "NA" for
    /// NaN, "Inf"/"-Inf").
    public static func format(_ x: Double) -> String { NumberText.cell(x) }
}
