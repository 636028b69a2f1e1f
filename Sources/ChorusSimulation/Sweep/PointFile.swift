import Foundation
import ChorusStats
import ChorusRecords

/// The durable record of one finished sweep point: `points/<id>.json` in the sweep directory,
/// written atomically (temporary file + rename) when the point finishes, so a `kill -9` leaves
/// either the whole file or none.
///
/// Contents (JSON, all numbers as shortest round-trip decimal text so that reading gives back
/// the same Double and the tables rebuilt from it the same bytes): schema name and version,
/// the tool version, the point id and index, its axis settings and seeds, status (`ok` or
/// `failed` with the error), the kept metric rows (regime, seed, iteration, metric, value) and
/// the claims (number, statement, holds, margin with its CI).
///
/// A file is accepted only when it parses, has this schema and version, this tool version and
/// the expected id; anything else (half-written, from another version, edited) is *stale*:
/// reported and recomputed, never merged.
public struct PointFile: Sendable, Equatable {
    public static let schema = "chorus-sweep-point"
    public static let schemaVersion = 1

    public struct Claim: Sendable, Equatable {
        public var number: Int
        public var statement: String
        public var holds: Bool
        public var margin: Estimate?
    }

    /// A mean with its 95% CI over n seeds.
    public struct Estimate: Sendable, Equatable {
        public var n: Int
        public var mean: Double
        public var lower: Double
        public var upper: Double
        public init(n: Int, mean: Double, lower: Double, upper: Double) { self.n = n; self.mean = mean; self.lower = lower; self.upper = upper }
        public init(_ s: Summary) { self.init(n: s.n, mean: s.mean, lower: s.lower, upper: s.upper) }
    }

    public var toolVersion: String
    public var id: String
    public var index: Int
    public var settings: [SweepPlan.Setting]
    public var seeds: [UInt64]
    /// nil when the point succeeded.
    public var error: String?
    public var rows: [MetricRow]
    public var claims: [Claim]

    public var ok: Bool { error == nil }

    /// The file's text. - Complexity: O(rows).
    public func json() -> String {
        var s = "{\"schema\": \(JSONText.quote(PointFile.schema)), \"schema_version\": \(PointFile.schemaVersion), "
        s += "\"chorus\": \(JSONText.quote(toolVersion)), \"id\": \(JSONText.quote(id)), \"index\": \(index),\n"
        s += " \"settings\": [" + settings.map { "[\(JSONText.quote($0.key)), \(JSONText.quote($0.value))]" }.joined(separator: ", ") + "],\n"
        s += " \"seeds\": [" + seeds.map { "\"\($0)\"" }.joined(separator: ", ") + "],\n"
        s += " \"status\": \(JSONText.quote(ok ? "ok" : "failed")), \"error\": \(error.map(JSONText.quote) ?? "null"),\n"
        s += " \"claims\": [" + claims.map { c in
            let m = c.margin.map { "[\"\($0.n)\", \(q($0.mean)), \(q($0.lower)), \(q($0.upper))]" } ?? "null"
            return "\n  {\"number\": \(c.number), \"statement\": \(JSONText.quote(c.statement)), \"holds\": \(c.holds), \"margin\": \(m)}"
        }.joined(separator: ",") + "],\n"
        s += " \"rows\": ["
        // One growing buffer, regime and metric names quoted once each (a point has thousands
        // of rows over a few dozen names): the encoding is a fixed small share of a point.
        s.reserveCapacity(s.utf8.count + rows.count * 72 + 8)
        var quoted: [String: String] = [:]
        func name(_ t: String) -> String {
            if let q = quoted[t] { return q }
            let q = JSONText.quote(t)
            quoted[t] = q
            return q
        }
        for (i, r) in rows.enumerated() {
            s += i == 0 ? "\n  [" : ",\n  ["
            s += name(r.regime); s += ", \""; s += String(r.seed); s += "\", \""; s += String(r.iteration); s += "\", "
            s += name(r.metric); s += ", \""; s += TidyTable.format(r.value); s += "\"]"
        }
        s += "]}\n"
        return s
    }

    private func q(_ x: Double) -> String { "\"" + TidyTable.format(x) + "\"" }

    /// Why a file was not accepted.
    public enum Rejection: Error, CustomStringConvertible, Equatable {
        case unreadable(String)
        case otherSchema(String)
        case otherVersion(String)
        case otherPoint(String)
        public var description: String {
            switch self {
            case .unreadable(let r): return "unreadable or half-written (\(r))"
            case .otherSchema(let r): return "other schema (\(r))"
            case .otherVersion(let r): return "written by chorus \(r)"
            case .otherPoint(let r): return "belongs to another point (\(r))"
            }
        }
    }

    /// Reads and checks a point file.
    /// - Throws: `Rejection` saying why the file cannot be used.
    public static func read(_ url: URL, expectedID: String, toolVersion: String) throws(Rejection) -> PointFile {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw .unreadable("cannot read") }
        let any: Any
        do { any = try JSONSerialization.jsonObject(with: data) } catch { throw .unreadable("not JSON") }
        guard let o = any as? [String: Any] else { throw .unreadable("not a JSON object") }
        guard o["schema"] as? String == schema, (o["schema_version"] as? NSNumber)?.intValue == schemaVersion else {
            throw .otherSchema("\(o["schema"] ?? "none") \(o["schema_version"] ?? "none")")
        }
        guard let v = o["chorus"] as? String, v == toolVersion else { throw .otherVersion("\(o["chorus"] ?? "unknown")") }
        guard let id = o["id"] as? String, id == expectedID else { throw .otherPoint("id \(o["id"] ?? "none")") }
        guard let index = (o["index"] as? NSNumber)?.intValue,
              let settings = o["settings"] as? [[String]], settings.allSatisfy({ $0.count == 2 }),
              let seedTexts = o["seeds"] as? [String], let status = o["status"] as? String,
              let claimList = o["claims"] as? [[String: Any]], let rowList = o["rows"] as? [[String]] else {
            throw .unreadable("missing fields")
        }
        var seeds: [UInt64] = []
        for t in seedTexts { guard let s = UInt64(t) else { throw .unreadable("bad seed \(t)") }; seeds.append(s) }
        var rows: [MetricRow] = []
        rows.reserveCapacity(rowList.count)
        for r in rowList {
            guard r.count == 5, let seed = UInt64(r[1]), let it = Int(r[2]), let value = number(r[4]) else { throw .unreadable("bad row \(r)") }
            rows.append(MetricRow(regime: r[0], seed: seed, iteration: it, metric: r[3], value: value))
        }
        var claims: [Claim] = []
        for c in claimList {
            guard let n = (c["number"] as? NSNumber)?.intValue, let st = c["statement"] as? String,
                  let holds = c["holds"] as? Bool else { throw .unreadable("bad claim") }
            var margin: Estimate?
            if let m = c["margin"] as? [String] {
                guard m.count == 4, let k = Int(m[0]), let mean = number(m[1]), let lo = number(m[2]), let hi = number(m[3]) else { throw .unreadable("bad margin") }
                margin = Estimate(n: k, mean: mean, lower: lo, upper: hi)
            }
            claims.append(Claim(number: n, statement: st, holds: holds, margin: margin))
        }
        let error: String?
        switch status {
        case "ok": error = nil
        case "failed": error = (o["error"] as? String) ?? "unknown error"
        default: throw .unreadable("status \(status)")
        }
        return PointFile(toolVersion: v, id: id, index: index,
                         settings: settings.map { SweepPlan.Setting(key: $0[0], value: $0[1]) },
                         seeds: seeds, error: error, rows: rows, claims: claims)
    }

    /// A table number: shortest decimal, NA, Inf, -Inf (`TidyTable.format`'s forms).
    static func number(_ t: String) -> Double? { NumberText.parseCell(t) }
}
