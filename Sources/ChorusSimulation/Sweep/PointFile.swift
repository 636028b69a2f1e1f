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
    /// The value of a point file's `schema` key.
    public static let schema = "chorus-sweep-point"
    /// The point-file layout version this code writes and reads.
    public static let schemaVersion = 1

    /// A claim's verdict at the point.
    public struct Claim: Sendable, Equatable {
        /// The claim's number, 1–6.
        public var number: Int
        /// The claim in one sentence.
        public var statement: String
        /// Whether the claim holds at the point.
        public var holds: Bool
        /// The claim's deciding margin over seeds (what the phase diagram colours); nil if undefined.
        public var margin: Estimate?
    }

    /// A mean with its 95% CI over n seeds.
    public struct Estimate: Sendable, Equatable {
        /// The number of seeds.
        public var n: Int
        /// The mean over seeds.
        public var mean: Double
        /// The lower bound of the 95% interval.
        public var lower: Double
        /// The upper bound of the 95% interval.
        public var upper: Double
        /// An estimate with every field given.
        public init(n: Int, mean: Double, lower: Double, upper: Double) { self.n = n; self.mean = mean; self.lower = lower; self.upper = upper }
        /// The estimate of a summary.
        public init(_ s: Summary) { self.init(n: s.n, mean: s.mean, lower: s.lower, upper: s.upper) }
    }

    /// The version of the tool that computed the point.
    public var toolVersion: String
    /// The point's id (the file's name).
    public var id: String
    /// The point's position in the design.
    public var index: Int
    /// The axis values of the point.
    public var settings: [SweepPlan.Setting]
    /// The seeds the point ran.
    public var seeds: [UInt64]
    /// nil when the point succeeded.
    public var error: String?
    /// The kept metric rows of every seed.
    public var rows: [MetricRow]
    /// The claims' verdicts at the point.
    public var claims: [Claim]

    /// Whether the point succeeded.
    public var ok: Bool { error == nil }

    /// The file's text: `Document` through `JSONFile` (sorted keys, compact: a point has
    /// thousands of rows). - Complexity: O(rows).
    public func json() throws -> String {
        try JSONFile.text(Document(self), pretty: false)
    }

    /// The file's layout. Numbers are strings in `NumberText.cell` form (`NA`, `Inf` included),
    /// so a NaN metric survives the round trip and the rebuilt tables have the same bytes.
    struct Document: Codable {
        struct ClaimEntry: Codable {
            var number: Int
            var statement: String
            var holds: Bool
            /// [n, mean, lower, upper] as text, or null.
            @ExplicitNull var margin: [String]?
        }
        var schema: String
        var schemaVersion: Int
        var chorus: String
        var id: String
        var index: Int
        /// [key, value] pairs in axis order.
        var settings: [[String]]
        var seeds: [String]
        /// `ok` or `failed`.
        var status: String
        @ExplicitNull var error: String?
        var claims: [ClaimEntry]
        /// [regime, seed, iteration, metric, value].
        var rows: [[String]]

        enum CodingKeys: String, CodingKey {
            case schema, schemaVersion = "schema_version", chorus, id, index, settings, seeds, status, error, claims, rows
        }

        init(_ f: PointFile) {
            schema = PointFile.schema; schemaVersion = PointFile.schemaVersion; chorus = f.toolVersion; id = f.id; index = f.index
            settings = f.settings.map { [$0.key, $0.value] }
            seeds = f.seeds.map(String.init)
            status = f.ok ? "ok" : "failed"
            error = f.error
            claims = f.claims.map { c in
                ClaimEntry(number: c.number, statement: c.statement, holds: c.holds,
                           margin: c.margin.map { ["\($0.n)", NumberText.cell($0.mean), NumberText.cell($0.lower), NumberText.cell($0.upper)] })
            }
            rows = f.rows.map { [$0.regime, String($0.seed), String($0.iteration), $0.metric, NumberText.cell($0.value)] }
        }
    }

    /// The fields checked before the whole file is decoded.
    private struct Header: Decodable {
        var schema: String?
        var schemaVersion: Int?
        var chorus: String?
        var id: String?
        enum CodingKeys: String, CodingKey { case schema, schemaVersion = "schema_version", chorus, id }
    }

    /// Why a file was not accepted.
    public enum Rejection: Error, CustomStringConvertible, Equatable {
        /// The file cannot be read or parsed; the reason.
        case unreadable(String)
        /// The file is not a Chorus point file (its schema).
        case otherSchema(String)
        /// The file was written by another point-file version.
        case otherVersion(String)
        /// The file belongs to another point or configuration (stale).
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
        let header: Header
        do { header = try JSONDecoder().decode(Header.self, from: data) } catch { throw .unreadable("not JSON") }
        guard header.schema == schema, header.schemaVersion == schemaVersion else {
            throw .otherSchema("\(header.schema ?? "none") \(header.schemaVersion.map(String.init) ?? "none")")
        }
        guard let v = header.chorus, v == toolVersion else { throw .otherVersion(header.chorus ?? "unknown") }
        guard let id = header.id, id == expectedID else { throw .otherPoint("id \(header.id ?? "none")") }
        let o: Document
        do { o = try JSONDecoder().decode(Document.self, from: data) } catch { throw .unreadable("missing fields") }
        guard o.settings.allSatisfy({ $0.count == 2 }) else { throw .unreadable("missing fields") }
        var seeds: [UInt64] = []
        for t in o.seeds { guard let s = UInt64(t) else { throw .unreadable("bad seed \(t)") }; seeds.append(s) }
        var rows: [MetricRow] = []
        rows.reserveCapacity(o.rows.count)
        for r in o.rows {
            guard r.count == 5, let seed = UInt64(r[1]), let it = Int(r[2]), let value = number(r[4]) else { throw .unreadable("bad row \(r)") }
            rows.append(MetricRow(regime: r[0], seed: seed, iteration: it, metric: r[3], value: value))
        }
        var claims: [Claim] = []
        for c in o.claims {
            var margin: Estimate?
            if let m = c.margin {
                guard m.count == 4, let k = Int(m[0]), let mean = number(m[1]), let lo = number(m[2]), let hi = number(m[3]) else { throw .unreadable("bad margin") }
                margin = Estimate(n: k, mean: mean, lower: lo, upper: hi)
            }
            claims.append(Claim(number: c.number, statement: c.statement, holds: c.holds, margin: margin))
        }
        let error: String?
        switch o.status {
        case "ok": error = nil
        case "failed": error = o.error ?? "unknown error"
        default: throw .unreadable("status \(o.status)")
        }
        return PointFile(toolVersion: v, id: id, index: o.index,
                         settings: o.settings.map { SweepPlan.Setting(key: $0[0], value: $0[1]) },
                         seeds: seeds, error: error, rows: rows, claims: claims)
    }

    /// A table number: shortest decimal, NA, Inf, -Inf (`TidyTable.format`'s forms).
    static func number(_ t: String) -> Double? { NumberText.parseCell(t) }
}
