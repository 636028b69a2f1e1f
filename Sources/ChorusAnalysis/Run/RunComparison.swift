import Foundation
import ChorusRecords

/// Joins a simulated run's per-iteration summary and a real run's per-iteration metrics on the
/// metrics they share (issue 12, `chorus compare`): one tidy table with a `source` column, so
/// both can be drawn on the same axes.
public enum RunComparison {
    /// The columns of the joined table, in order.
    public static let columns = ["source", "regime", "iteration", "metric", "value", "lower", "upper", "n"]

    /// A simulated and a real run's metrics in one table, with which metrics they share.
    public struct Joined: Sendable {
        /// The joined tidy table (`columns`); `source` is `simulated` or the real run's name.
        public var table: TidyTable
        /// Metric names present in both, in the real table's order.
        public var shared: [String]
        /// Real metrics the simulated run does not report, and the reverse.
        public var onlyReal: [String]
        /// Simulated metrics the real run does not report.
        public var onlySimulated: [String]
    }

    /// - Parameters:
    ///   - simulated: a run directory's `summary.csv` (regime, iteration, metric, n, mean, sd, se,
    ///     ci_lower, ci_upper: mean over seeds with a 95% t interval);
    ///   - real: `iterations.csv` of `chorus analyze --run` (`IterationMetrics.columns`);
    ///   - regimes: simulated regimes to keep (nil: all).
    ///   - realName: the `source` value of the real run's rows.
    /// - Throws: `AnalysisError.invalidParameter` naming a missing column.
    public static func join(simulated: TidyTable, real: TidyTable, regimes: [String]? = nil, realName: String = "real") throws -> Joined {
        func col(_ t: TidyTable, _ name: String, _ what: String) throws -> Int {
            guard let i = t.columns.firstIndex(of: name) else {
                throw AnalysisError.invalidParameter("\(what) has no column '\(name)' (columns: \(t.columns.joined(separator: ", ")))")
            }
            return i
        }
        let sr = try col(simulated, "regime", "summary.csv"), si = try col(simulated, "iteration", "summary.csv")
        let sm = try col(simulated, "metric", "summary.csv"), sn = try col(simulated, "n", "summary.csv")
        let sv = try col(simulated, "mean", "summary.csv"), sl = try col(simulated, "ci_lower", "summary.csv"), su = try col(simulated, "ci_upper", "summary.csv")
        let ri = try col(real, "iteration", "iterations.csv"), rm = try col(real, "metric", "iterations.csv")
        let rv = try col(real, "value", "iterations.csv"), rl = try col(real, "lower", "iterations.csv")
        let ru = try col(real, "upper", "iterations.csv"), rn = try col(real, "n", "iterations.csv")
        var realMetrics: [String] = []
        for r in real.rows where !realMetrics.contains(r[rm]) { realMetrics.append(r[rm]) }
        let simMetrics = Set(simulated.rows.map { $0[sm] })
        let shared = realMetrics.filter { simMetrics.contains($0) }
        var t = TidyTable(columns: columns)
        let keep = Set(shared)
        for r in simulated.rows where keep.contains(r[sm]) && (regimes?.contains(r[sr]) ?? true) {
            t.append(["simulated", r[sr], r[si], r[sm], r[sv], r[sl], r[su], r[sn]])
        }
        for r in real.rows where keep.contains(r[rm]) {
            t.append([realName, "log", r[ri], r[rm], r[rv], r[rl], r[ru], r[rn]])
        }
        var simOrder: [String] = []
        for r in simulated.rows where !simOrder.contains(r[sm]) { simOrder.append(r[sm]) }
        return Joined(table: t, shared: shared, onlyReal: realMetrics.filter { !simMetrics.contains($0) },
                      onlySimulated: simOrder.filter { !realMetrics.contains($0) })
    }
}
