import Foundation
import ChorusRecords

/// The log layouts Chorus reads (docs/formats.md).
public enum LogFormat: String, CaseIterable, Sendable, Codable {
    /// Du et al. debate JSON (also the multiagent-finetuning variant): one object mapping each
    /// question to `[agent_contexts, ground_truth, ...]`.
    case du
    /// LLM-Agora JSON: a list of `{question_id, question, agent_response, summarization, answer}`.
    case agora
    /// The canonical JSON Lines format: one `ResponseRecord` per line.
    case jsonl

    /// The format's name for messages and reports.
    public var displayName: String {
        switch self {
        case .du: return "Du et al. debate JSON"
        case .agora: return "LLM-Agora JSON"
        case .jsonl: return "canonical JSON Lines"
        }
    }

    /// Bytes looked at to recognise a format.
    public static let detectionPrefixBytes = 1 << 20

    /// Recognises the format from the first bytes of a file.
    ///
    /// After an optional UTF-8 byte-order mark and white space: `[` → LLM-Agora; `{` followed by
    /// a first key that is a canonical record key (`run`, `regime`, `question`, ... — see
    /// `ResponseRecord.CodingKeys`) → JSON Lines; any other `{` → Du et al. (whose keys are
    /// question texts). The layout is then checked in full by the reader of that format.
    /// - Parameter isWholeFile: whether `prefix` is the whole file (so a truncated multi-byte
    ///   character at its end is an error rather than an artefact of the cut).
    static func detect(prefix: UnsafeBufferPointer<UInt8>, isWholeFile: Bool, path: String) throws -> LogFormat {
        if UTF8Check.hasUTF16BOM(prefix) {
            throw IngestError.notUTF8(path: path, position: SourcePosition(line: 1, column: 1, byteOffset: 0),
                                      detail: "starts with a UTF-16 byte-order mark; convert the file to UTF-8")
        }
        let bom = UTF8Check.bomLength(prefix)
        let body = UnsafeBufferPointer(rebasing: prefix[bom...])
        if let bad = UTF8Check.firstInvalid(body), isWholeFile || bad.offset < body.count - 4 {
            throw IngestError.notUTF8(path: path, position: SourcePosition.locate(bad.offset, in: body, baseOffset: bom), detail: bad.detail)
        }
        var s = JSONScanner(body)
        guard let c = s.peek() else {
            if isWholeFile { throw IngestError.emptyFile(path: path) }
            throw IngestError.unknownFormat(path: path, reason: "the first \(detectionPrefixBytes) bytes are white space")
        }
        switch c {
        case 0x5B: return .agora
        case 0x7B:
            s.pos += 1
            guard s.peek() == 0x22 else { return .du }
            guard let key = try? s.readString() else { return .du }
            return ResponseRecord.CodingKeys(rawValue: key) != nil ? .jsonl : .du
        default:
            let pos = SourcePosition.locate(s.pos, in: body, baseOffset: bom)
            throw IngestError.unknownFormat(path: path, reason: "starts with \(JSONScanner.describe(c)) at \(pos); a log is a JSON object, a JSON list, or JSON Lines of objects")
        }
    }
}
