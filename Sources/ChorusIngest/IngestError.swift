import Foundation
import ChorusRecords

/// Errors of reading a debate log. Every case names the file and, where it applies, the line,
/// column and byte offset (1-based line and column; 0-based byte offset from the file start).
public enum IngestError: Error, CustomStringConvertible, Equatable {
    /// The file cannot be opened or read.
    case cannotRead(path: String, reason: String)
    /// The file is empty or holds only white space.
    case emptyFile(path: String)
    /// The bytes are not valid UTF-8 (the first bad byte is named).
    case notUTF8(path: String, position: SourcePosition, detail: String)
    /// The text is not valid JSON.
    case malformedJSON(path: String, position: SourcePosition, reason: String)
    /// A JSON Lines line is longer than the limit (`RecordsJSONLReader.defaultMaxLineBytes`).
    case lineTooLong(path: String, line: Int, limit: Int)
    /// A whole-document log (Du, Agora) is larger than the limit (`LogReader.maxDocumentBytes`).
    case fileTooLarge(path: String, bytes: Int, limit: Int)
    /// The format cannot be recognised.
    case unknownFormat(path: String, reason: String)
    /// Valid JSON, but not in the layout of the (detected or forced) format.
    case wrongLayout(path: String, format: LogFormat, reason: String)
    /// `--strict`: a record that would have been skipped.
    case invalidRecord(path: String, location: String, reason: String)
    /// Every record was skipped (the first reasons are listed).
    case noUsableRecords(path: String, skipped: Int, reasons: [String])
    /// A run (manifest, path pattern or training file) that cannot be read as one: `path` is
    /// the manifest, pattern or file, `reason` what was expected (issue 12).
    case invalidRun(path: String, reason: String)
    /// A `--map` that cannot be used: `map` is the map as given (issue 12, `SampleMap`).
    case invalidMap(map: String, reason: String)
    /// A sample file row that does not fit the map: `location` is "line N" (issue 12).
    case sampleRow(path: String, location: String, reason: String)

    public var description: String {
        switch self {
        // The four cases of the JSON Lines reader word their messages there (one wording).
        case .cannotRead(let p, let r): return RecordsReadError.cannotRead(path: p, reason: r).description
        case .emptyFile(let p): return "\(p): the file is empty"
        case .notUTF8(let p, let pos, let d): return RecordsReadError.notUTF8(path: p, position: pos, detail: d).description
        case .malformedJSON(let p, let pos, let r): return RecordsReadError.malformedJSON(path: p, position: pos, reason: r).description
        case .lineTooLong(let p, let l, let lim): return RecordsReadError.lineTooLong(path: p, line: l, limit: lim).description
        case .fileTooLarge(let p, let b, let lim):
            return "\(p): \(b) bytes is more than the limit of \(lim) bytes for a whole-document log; convert it to JSON Lines (docs/formats.md)"
        case .unknownFormat(let p, let r): return "\(p): unknown log format: \(r) (known: du, agora, jsonl; see docs/formats.md)"
        case .wrongLayout(let p, let f, let r): return "\(p): not a \(f.displayName) log: \(r)"
        case .invalidRecord(let p, let loc, let r): return "\(p): \(loc): invalid record: \(r)"
        case .noUsableRecords(let p, let n, let rs):
            return "\(p): no usable records (\(n) skipped)" + (rs.isEmpty ? "" : "; first reasons: " + rs.joined(separator: "; "))
        case .invalidRun(let p, let r): return "\(p): \(r)"
        case .invalidMap(let m, let r): return "--map \(m): \(r)"
        case .sampleRow(let p, let l, let r): return "\(p): \(l): \(r)"
        }
    }
}
