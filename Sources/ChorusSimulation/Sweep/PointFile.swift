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
