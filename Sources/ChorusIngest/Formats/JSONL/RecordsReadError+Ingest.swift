import Foundation
import ChorusRecords

extension IngestError {
    /// The log reader's error for an error of the canonical JSON Lines reader: the same case,
    /// so the same message (naming the file and line) and the same exit status of the CLI.
    public init(_ error: RecordsReadError) {
        switch error {
        case .cannotRead(let p, let r): self = .cannotRead(path: p, reason: r)
        case .notUTF8(let p, let pos, let d): self = .notUTF8(path: p, position: pos, detail: d)
        case .malformedJSON(let p, let pos, let r): self = .malformedJSON(path: p, position: pos, reason: r)
        case .lineTooLong(let p, let l, let lim): self = .lineTooLong(path: p, line: l, limit: lim)
        }
    }
}

extension RecordsJSONLReader {
    /// `forEach`, with the reader's `RecordsReadError` thrown as `IngestError` (what the log
    /// reader's API promises); what `body` throws passes unchanged.
    /// - Complexity: as `forEach`.
    static func forEachLogLine(_ url: URL, maxLineBytes: Int = defaultMaxLineBytes,
                               _ body: (Entry) throws -> Void) throws {
        do { try forEach(url, maxLineBytes: maxLineBytes, body) } catch let error as RecordsReadError { throw IngestError(error) }
    }

    /// `forEachLocated`, with the reader's `RecordsReadError` thrown as `IngestError`.
    /// - Complexity: as `forEachLocated`.
    static func forEachLocatedLogLine(_ url: URL, maxLineBytes: Int = defaultMaxLineBytes,
                                      _ body: (Entry, Span) throws -> Void) throws {
        do { try forEachLocated(url, maxLineBytes: maxLineBytes, body) } catch let error as RecordsReadError { throw IngestError(error) }
    }
}
