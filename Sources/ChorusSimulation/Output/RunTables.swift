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

    /// `claims.csv`: claim number, statement, the figures behind it, holds (true/false).
    public static func claims(_ claims: [ClaimResult]) -> TidyTable {
        var t = TidyTable(columns: ["claim", "statement", "evidence", "holds"])
        for c in claims { t.rows.append(["\(c.number)", c.statement, c.evidence, c.holds ? "true" : "false"]) }
        return t
    }
}
