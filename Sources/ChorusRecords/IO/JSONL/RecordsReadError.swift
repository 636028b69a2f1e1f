import Foundation

/// Errors of reading a canonical JSON Lines file (`RecordsJSONLReader`). Every case names the
/// file and, where it applies, the line, column and byte offset (1-based line and column;
/// 0-based byte offset from the file start). The messages are those of the log reader's
/// error (ChorusIngest maps each case to its case of the same name).
public enum RecordsReadError: Error, CustomStringConvertible, Equatable {
    /// The file cannot be opened or read.
    case cannotRead(path: String, reason: String)
    /// A line is not valid UTF-8 (the first bad byte is named).
    case notUTF8(path: String, position: SourcePosition, detail: String)
    /// A line is not valid JSON.
    case malformedJSON(path: String, position: SourcePosition, reason: String)
    /// A line is longer than the limit (`RecordsJSONLReader.defaultMaxLineBytes`).
    case lineTooLong(path: String, line: Int, limit: Int)

    /// "`path`:`line`:`column` (byte `offset`): what is wrong".
    public var description: String {
        switch self {
        case .cannotRead(let p, let r): return "\(p): cannot read: \(r)"
        case .notUTF8(let p, let pos, let d): return "\(p):\(pos): not UTF-8 text: \(d)"
        case .malformedJSON(let p, let pos, let r): return "\(p):\(pos): malformed JSON: \(r)"
        case .lineTooLong(let p, let l, let lim): return "\(p): line \(l) is longer than the limit of \(lim) bytes"
        }
    }
}
