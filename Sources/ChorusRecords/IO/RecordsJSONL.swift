import Foundation

/// The canonical JSON Lines log: one `ResponseRecord` per line, keys as in
/// `ResponseRecord.CodingKeys`, optional fields omitted when absent (docs/formats.md).
public enum RecordsJSONL {
    /// Encodes one record as one line of JSON (no trailing newline). Key order is fixed, so the
    /// same records give the same bytes.
    public static func encodeLine(_ r: ResponseRecord) -> String {
        var s = "{"
        s += "\"run\":" + JSONText.quote(r.run)
        s += ",\"regime\":" + JSONText.quote(r.regime)
        if let seed = r.seed { s += ",\"seed\":\(seed)" }
        s += ",\"iteration\":\(r.iteration)"
        s += ",\"question\":" + JSONText.quote(r.question)
        s += ",\"agent\":\(r.agent)"
        s += ",\"role\":\"\(r.role.rawValue)\""
        s += ",\"round\":\(r.round)"
        s += ",\"answer\":" + (r.answer.map(JSONText.quote) ?? "null")
        s += ",\"correct\":" + (r.correct.map { $0 ? "true" : "false" } ?? "null")
        if let t = r.truth { s += ",\"truth\":" + JSONText.quote(t) }
        if let c = r.chain { s += ",\"chain\":\(c)" }
        if let st = r.style { s += ",\"style\":\(st)" }
        if let lp = r.logProbability { s += ",\"logprob\":" + JSONText.number(lp) }
        if let e = r.evidence { s += ",\"evidence\":" + JSONText.number(e) }
        if let t = r.text { s += ",\"text\":" + JSONText.quote(t) }
        if let emb = r.embedding { s += ",\"embedding\":[" + emb.map(JSONText.number).joined(separator: ",") + "]" }
        s += "}"
        return s
    }

    /// Writes records to `url` atomically, one per line.
    public static func write<S: Sequence>(_ records: S, to url: URL) throws where S.Element == ResponseRecord {
        var out = ""
        for r in records { out += encodeLine(r); out += "\n" }
        try AtomicFile.write(out, to: url)
    }
}

/// Minimal JSON text helpers with deterministic output.
public enum JSONText {
    /// A JSON string literal with the mandatory escapes.
    public static func quote(_ s: String) -> String {
        var o = "\""
        o.reserveCapacity(s.utf8.count + 2)
        for u in s.unicodeScalars {
            switch u {
            case "\"": o += "\\\""
            case "\\": o += "\\\\"
            case "\n": o += "\\n"
            case "\r": o += "\\r"
            case "\t": o += "\\t"
            default:
                if u.value < 0x20 { o += String(format: "\\u%04x", u.value) } else { o.unicodeScalars.append(u) }
            }
        }
        o += "\""
        return o
    }

    /// A JSON number: shortest round-tripping decimal; non-finite values become null
    /// (JSON has no NaN or infinity).
    public static func number(_ x: Double) -> String { NumberText.json(x) }
}
