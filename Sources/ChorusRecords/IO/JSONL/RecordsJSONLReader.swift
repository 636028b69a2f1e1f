import Foundation

/// Streaming reader of the canonical JSON Lines format (written by `RecordsJSONL`).
///
/// Memory stays bounded by one line whatever the file's size: lines are read through one
/// reusable buffer and decoded by a hand-written scanner (`RecordLineDecoder`). Blank lines are
/// ignored. A line that is not valid JSON, not UTF-8, or longer than `maxLineBytes` throws a
/// `RecordsReadError` naming the file, line and column; a well-formed line that is not a valid record
/// (missing key, wrong type) is reported as `.invalid` and the caller decides (skip or fail).
public enum RecordsJSONLReader {
    /// The default limit on one line: 16 MiB (a record with a long text and a large embedding
    /// is well under 1 MiB).
    public static let defaultMaxLineBytes = 16 << 20

    /// One line's outcome.
    public enum Entry: Sendable {
        /// A valid record and its 1-based line.
        case record(ResponseRecord, line: Int)
        /// A well-formed line that is not a valid record, with its 1-based line and why.
        case invalid(line: Int, reason: String)
    }

    /// Calls `body` for every non-blank line of the file, in order.
    /// - Throws: `RecordsReadError` (.cannotRead, .notUTF8, .malformedJSON, .lineTooLong), or
    ///   what `body` throws.
    /// - Complexity: O(file size) time, O(longest line) memory.
    public static func forEach(_ url: URL, maxLineBytes: Int = defaultMaxLineBytes,
                               _ body: (Entry) throws -> Void) throws {
        try forEachLocated(url, maxLineBytes: maxLineBytes) { entry, _ in try body(entry) }
    }

    /// Where a line's JSON text is in the file: its first byte (after a byte-order mark) and its
    /// length (without the line end), so it can be read again with `pread` (`JSONLDebateStream`'s
    /// index of a file whose debates are not together).
    package struct Span {
        /// The line's first byte in the file.
        package var offset: Int
        /// The line's length in bytes.
        package var length: Int
    }

    /// As `forEach`, with each line's span.
    package static func forEachLocated(_ url: URL, maxLineBytes: Int = defaultMaxLineBytes,
                                       _ body: (Entry, Span) throws -> Void) throws {
        let path = url.path
        let reader = try LineReader(path: path, maxLineBytes: maxLineBytes)
        try reader.forEachLine { raw in
            var line = raw
            var skip = 0
            if reader.lineNumber == 1 {
                if UTF8Check.hasUTF16BOM(line) {
                    throw RecordsReadError.notUTF8(path: path, position: SourcePosition(line: 1, column: 1, byteOffset: 0),
                                              detail: "starts with a UTF-16 byte-order mark; convert the file to UTF-8")
                }
                skip = UTF8Check.bomLength(line)
                line = UnsafeBufferPointer(rebasing: line[skip...])
            }
            if let bad = UTF8Check.firstInvalid(line) {
                throw RecordsReadError.notUTF8(path: path, position: SourcePosition(line: reader.lineNumber, column: bad.offset + 1,
                                                                              byteOffset: reader.lineOffset + bad.offset), detail: bad.detail)
            }
            var blank = true
            for c in line where !(c == 0x20 || c == 0x09 || c == 0x0D) { blank = false; break }
            if blank { return }
            let outcome: RecordLineDecoder.Outcome
            do { outcome = try RecordLineDecoder.decode(line) } catch let error as JSONSyntaxError {
                throw RecordsReadError.malformedJSON(path: path, position: SourcePosition(line: reader.lineNumber, column: error.offset + 1,
                                                                                     byteOffset: reader.lineOffset + error.offset), reason: error.reason)
            }
            let span = Span(offset: reader.lineOffset + skip, length: line.count)
            switch outcome {
            case .record(let r): try body(.record(r, line: reader.lineNumber), span)
            case .invalid(let why): try body(.invalid(line: reader.lineNumber, reason: why), span)
            }
        }
    }

    /// Reads all records of a file; invalid lines are returned with their reasons.
    public static func readAll(_ url: URL, maxLineBytes: Int = defaultMaxLineBytes) throws -> (records: [ResponseRecord], invalid: [(line: Int, reason: String)]) {
        var records: [ResponseRecord] = []
        var invalid: [(line: Int, reason: String)] = []
        try forEach(url, maxLineBytes: maxLineBytes) { e in
            switch e {
            case .record(let r, _): records.append(r)
            case .invalid(let l, let why): invalid.append((l, why))
            }
        }
        return (records, invalid)
    }
}
