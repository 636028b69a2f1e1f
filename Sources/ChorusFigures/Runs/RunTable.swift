import Foundation
import ChorusRecords

/// A tidy CSV of a run directory, read by column name. Numbers are parsed on access; a cell that
/// is not a number is a `TableError.malformed` naming the file, the line and the column.
struct RunTable {
    let url: URL
    let table: TidyTable
    private let index: [String: Int]

    /// Reads `url` and checks that it has the `required` columns.
    /// - Throws: `TableError` (missing column, malformed CSV), `FileIOError` (unreadable file).
    init(_ url: URL, required: [String]) throws {
        table = try TidyTable.read(from: url)
        self.url = url
        var index: [String: Int] = [:]
        for (i, c) in table.columns.enumerated() where index[c] == nil { index[c] = i }
        self.index = index
        for c in required where index[c] == nil { throw TableError.missingColumn(path: url.path, column: c) }
    }

    var count: Int { table.rows.count }
    func has(_ column: String) -> Bool { index[column] != nil }

    func string(_ row: Int, _ column: String) -> String {
        guard let i = index[column] else { return "" }
        return table.rows[row][i]
    }

    /// A number: "NA" (and an empty cell) is NaN, "Inf"/"-Inf" infinities.
    func double(_ row: Int, _ column: String) throws -> Double {
        let s = string(row, column)
        guard let v = NumberText.parseCell(s) else {
            throw TableError.malformed(path: url.path, line: row + 2, reason: "column '\(column)': '\(s)' is not a number")
        }
        return v
    }

    /// A whole number.
    func int(_ row: Int, _ column: String) throws -> Int {
        let s = string(row, column)
        guard let v = Int(s) else {
            throw TableError.malformed(path: url.path, line: row + 2, reason: "column '\(column)': '\(s)' is not a whole number")
        }
        return v
    }
}

/// A mean with its 95% interval.
public struct Estimate: Sendable, Hashable {
    /// The mean.
    public var mean: Double
    /// The lower bound of the 95% interval.
    public var lower: Double
    /// The upper bound of the 95% interval.
    public var upper: Double
    /// The number of seeds (or questions) behind the mean.
    public var n: Int
    /// An estimate with every field given.
    public init(mean: Double, lower: Double, upper: Double, n: Int) {
        self.mean = mean; self.lower = lower; self.upper = upper; self.n = n
    }
}

/// `summary.csv` of a simulation run (`chorus simulate`, `chorus reproduce`): a mean and 95%
/// interval over seeds per regime × iteration × metric. Regimes and metrics are whatever the
/// table holds (strings); figures pick metrics by name and skip those that are absent.
public struct SummaryData: Sendable {
    /// One row of `summary.csv`.
    public struct Row: Sendable, Hashable {
        /// The regime name.
        public var regime: String
        /// The finetuning iteration.
        public var iteration: Int
        /// The metric name.
        public var metric: String
        /// The mean over seeds with its 95% interval.
        public var estimate: Estimate
    }

    /// Every row, in file order.
    public var rows: [Row]
    /// Regimes in order of first appearance (the configuration's order).
    public var regimes: [String]
    private var byKey: [String: [Row]]

    /// The summary of these rows.
    public init(rows: [Row]) {
        self.rows = rows
        var regimes: [String] = [], seen = Set<String>()
        var byKey: [String: [Row]] = [:]
        for r in rows {
            if seen.insert(r.regime).inserted { regimes.append(r.regime) }
            byKey["\(r.regime)|\(r.metric)", default: []].append(r)
        }
        for k in byKey.keys { byKey[k]!.sort { $0.iteration < $1.iteration } }
        self.regimes = regimes
        self.byKey = byKey
    }

    /// Reads `summary.csv` (columns regime, iteration, metric, n, mean, ci_lower, ci_upper).
    /// - Throws: `TableError` naming the file, line and column of a bad cell.
    public static func read(_ url: URL) throws -> SummaryData {
        let t = try RunTable(url, required: ["regime", "iteration", "metric", "n", "mean", "ci_lower", "ci_upper"])
        var rows: [Row] = []
        rows.reserveCapacity(t.count)
        for i in 0..<t.count {
            rows.append(Row(regime: t.string(i, "regime"), iteration: try t.int(i, "iteration"), metric: t.string(i, "metric"),
                            estimate: Estimate(mean: try t.double(i, "mean"), lower: try t.double(i, "ci_lower"),
                                               upper: try t.double(i, "ci_upper"), n: try t.int(i, "n"))))
        }
        return SummaryData(rows: rows)
    }

    /// The rows of one regime and metric, by iteration (empty when absent).
    public func curve(_ regime: String, _ metric: String) -> [Row] { byKey["\(regime)|\(metric)"] ?? [] }

    /// Whether any regime has the metric with a finite mean.
    public func has(_ metric: String) -> Bool {
        regimes.contains { curve($0, metric).contains { $0.estimate.mean.isFinite } }
    }

    /// The estimate at one iteration.
    public func value(_ regime: String, _ metric: String, iteration: Int) -> Estimate? {
        curve(regime, metric).first { $0.iteration == iteration }?.estimate
    }
}
