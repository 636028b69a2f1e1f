import Foundation
import ChorusStats
import ChorusRecords

/// The tidy tables of a run directory (docs/configuration.md, "Run directory").
public enum RunTables {
    /// `metrics.csv`: one row per (regime, seed, iteration, metric) in the experiment's order,
    /// columns run_id, regime, seed, iteration, metric, value, then the parameters that vary
    /// within the run (`RunParameters`). Values use `TidyTable.format` (shortest round-trip
    /// decimal, NA for NaN), so equal results give equal bytes.
    public static func metrics(_ result: ExperimentResult, runID: String) -> TidyTable {
        let params = RunParameters.varying(result.config)
        var t = TidyTable(columns: ["run_id", "regime", "seed", "iteration", "metric", "value"] + params.columns)
        t.rows.reserveCapacity(result.rows.count)
        for r in result.rows {
            t.rows.append([runID, r.regime, "\(r.seed)", "\(r.iteration)", r.metric, TidyTable.format(r.value)]
                          + (params.values[r.regime] ?? Array(repeating: "NA", count: params.columns.count)))
        }
        return t
    }

    /// `metrics.csv` as bytes: exactly `metrics(result, runID:).csv()`, made without the
    /// table of strings (millions of rows of eight cells each) and in `threads` chunks of rows
    /// formatted in parallel, then joined in row order. The constant cells (run id, each regime's
    /// name and parameter values) are escaped once; a metric name is escaped only if it needs it.
    /// - Complexity: O(rows), about rows / threads per thread.
    public static func metricsCSV(_ result: ExperimentResult, runID: String,
                                  threads: Int = ProcessInfo.processInfo.activeProcessorCount) -> Data {
        let params = RunParameters.varying(result.config)
        let columns = ["run_id", "regime", "seed", "iteration", "metric", "value"] + params.columns
        @Sendable func cell(_ s: String) -> String { String(TidyTable.csvLine([s]).dropLast()) }
        let lead = Array((cell(runID) + ",").utf8)
        // Per regime: "<regime>," before the seed and ",<params>\n" after the value.
        let none = Array(repeating: "NA", count: params.columns.count)
        @Sendable func affixes(_ regime: String) -> ([UInt8], [UInt8]) {
            let values = params.values[regime] ?? none
            return (Array((cell(regime) + ",").utf8),
                    Array((values.map { "," + cell($0) }.joined() + "\n").utf8))
        }
        let rows = result.rows
        let chunks = max(1, min(rows.count / 4096, 8 * max(1, threads)))
        let parts = Parallel.Slots<[UInt8]>(count: chunks)
        Parallel.forEach(count: chunks, threads: threads) { c in
            let range = (rows.count * c / chunks)..<(rows.count * (c + 1) / chunks)
            var out: [UInt8] = []
            out.reserveCapacity(range.count * 96)
            var regime = "", prefix: [UInt8] = [], suffix: [UInt8] = []
            for i in range {
                let r = rows[i]
                if r.regime != regime || prefix.isEmpty { regime = r.regime; (prefix, suffix) = affixes(regime) }
                out += lead
                out += prefix
                out += String(r.seed).utf8
                out.append(UInt8(ascii: ","))
                out += String(r.iteration).utf8
                out.append(UInt8(ascii: ","))
                if r.metric.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
                    out += cell(r.metric).utf8
                } else {
                    out += r.metric.utf8
                }
                out.append(UInt8(ascii: ","))
                out += TidyTable.format(r.value).utf8
                out += suffix
            }
            parts.set(c, out)
        }
        var data = Data(TidyTable.csvLine(columns).utf8)
        for part in parts.values() { data.append(contentsOf: part) }
        return data
    }

    /// `summary.csv`: mean over seeds with its sd, standard error and 95% t interval per
    /// (regime, iteration, metric). With one seed sd = 0 and se = NA (one value says nothing
    /// about spread) and the interval is the point.
    public static func summary(_ rows: [SummaryRow]) -> TidyTable {
        var t = TidyTable(columns: ["regime", "iteration", "metric", "n", "mean", "sd", "se", "ci_lower", "ci_upper"])
        for r in rows {
            let s = r.summary
            t.rows.append([r.regime, "\(r.iteration)", r.metric, "\(s.n)", TidyTable.format(s.mean), TidyTable.format(s.sd),
                           TidyTable.format(s.se), TidyTable.format(s.lower), TidyTable.format(s.upper)])
        }
        return t
    }

    /// `claims.csv`: claim number, statement, the figures behind it, holds (true/false) on all
    /// seeds pooled; with a replication, also the blocks on which it holds, the number of
    /// blocks and the hold rate (empty otherwise).
    public static func claims(_ claims: [ClaimResult], replication: [ReplicatedClaim]? = nil) -> TidyTable {
        var t = TidyTable(columns: ["claim", "statement", "evidence", "holds", "blocks_held", "blocks", "hold_rate"])
        for (i, c) in claims.enumerated() {
            var row = ["\(c.number)", c.statement, c.evidence, c.holds ? "true" : "false"]
            if let r = replication?[i] {
                row += ["\(r.held)", "\(r.blockHolds.count)", TidyTable.format(r.holdRate)]
            } else {
                row += ["", "", ""]
            }
            t.rows.append(row)
        }
        return t
    }

    /// `claim_effects.csv`: the effect sizes behind each claim (pooled over all seeds): claim,
    /// effect name, n, mean, 95% CI.
    public static func claimEffects(_ claims: [ClaimResult]) -> TidyTable {
        var t = TidyTable(columns: ["claim", "effect", "n", "mean", "ci_lower", "ci_upper"])
        for c in claims {
            for e in c.effects {
                t.rows.append(["\(c.number)", e.name, "\(e.summary.n)", TidyTable.format(e.summary.mean),
                               TidyTable.format(e.summary.lower), TidyTable.format(e.summary.upper)])
            }
        }
        return t
    }
}
