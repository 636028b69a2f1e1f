import Foundation
import ChorusStats
import ChorusRecords

/// Combines the point files of one sweep (from one directory, or the directories of its
/// shards) into its tables, in design order, so that a sweep run whole, interrupted and
/// resumed, or sharded over machines gives the same bytes.
///
/// Tables (docs/scaling.md, "Tables"):
/// - `sweep-metrics.csv`: one row per (point, regime, seed, iteration, metric): point, point_id,
///   every swept key, regime, seed, iteration, metric, value (tidy long; kept metrics only).
/// - `sweep-summary.csv`: one row per (point, quantity): the swept keys, then for each metric
///   (regime, iteration) its mean over seeds with the 95% t interval, and for each claim its
///   margin with the 95% CI and the verdict `holds`, `fails` or `undecided` (the CI of the
///   margin straddles 0: the point is underpowered, not a counter-example). A `contrast.*`
///   metric (a paired difference) gets `positive`, `negative` or `undecided` the same way.
/// - `sweep-points.csv`: one row per point: status (`ok`, `failed`, `missing`), claims holding,
///   the error of a failed point.
public enum SweepMerge {
    /// The merged per-seed metrics table.
    public static let metricsFile = "sweep-metrics.csv"
    /// The merged summary table (means, 95% CIs, claim margins per point).
    public static let summaryFile = "sweep-summary.csv"
    /// The table of points: settings, status and error.
    public static let pointsFile = "sweep-points.csv"

    /// The points found for a plan.
    public struct Collected: Sendable {
        /// By point index; nil = missing.
        public var points: [PointFile?]
        /// Files that could not be used (path, why).
        public var stale: [(path: String, reason: String)] = []
        /// The indices of the points without a usable file.
        public var missing: [Int] { points.indices.filter { points[$0] == nil } }
        /// The points whose file records a failure.
        public var failed: [PointFile] { points.compactMap { $0 }.filter { !$0.ok } }
    }

    /// Reads every point of `plan` from `directories` (the first valid `ok` file wins; a failed
    /// file counts only when no directory has the point done).
    /// - Parameter plan: the sweep's points.
    /// - Parameter directories: the sweep directories (shards) to read.
    /// - Parameter toolVersion: the running tool's version; files of another version are stale.
    /// - Parameter known: valid `ok` point files already in memory by point index (those a
    ///   `SweepRunner.run` in this process just wrote or checked), used instead of reading their
    ///   files back; they hold the same values as their files (numbers round-trip exactly), so
    ///   the tables are the same bytes.
    /// - Throws: `SweepError` when a directory is not a sweep directory or holds another sweep.
    public static func collect(plan: SweepPlan, directories: [URL], toolVersion: String,
                               known: [Int: PointFile] = [:]) throws -> Collected {
        for d in directories { try SweepDirectory.check(d, spec: plan.spec, mustExist: true) }
        var out = Collected(points: [PointFile?](repeating: nil, count: plan.points.count))
        for p in plan.points {
            if let f = known[p.index], f.ok, f.id == p.id { out.points[p.index] = f; continue }
            for d in directories {
                let url = SweepDirectory.pointURL(d, id: p.id)
                guard FileManager.default.fileExists(atPath: url.path) else { continue }
                do {
                    let f = try PointFile.read(url, expectedID: p.id, toolVersion: toolVersion)
                    if f.ok { out.points[p.index] = f; break }
                    if out.points[p.index] == nil { out.points[p.index] = f }
                } catch {
                    out.stale.append((url.path, error.description))
                }
            }
        }
        return out
    }

    /// The three tables of a sweep.
    /// - Complexity: O(rows · log rows) for the per-point summaries.
    public static func tables(plan: SweepPlan, collected: Collected) -> (metrics: TidyTable, summary: TidyTable, points: TidyTable) {
        let keys = plan.spec.axes.map(\.key)
        var metrics = TidyTable(columns: ["point", "point_id"] + keys + ["regime", "seed", "iteration", "metric", "value"])
        var summary = TidyTable(columns: ["point", "point_id"] + keys + ["quantity", "name", "regime", "iteration", "n",
                                                                          "estimate", "ci_lower", "ci_upper", "verdict"])
        var points = TidyTable(columns: ["point", "point_id"] + keys + ["status", "claims_holding", "claims", "error"])
        for p in plan.points {
            let head = ["\(p.index)", p.id] + p.settings.map(\.value)
            guard let f = collected.points[p.index] else {
                points.rows.append(head + ["missing", "NA", "NA", ""])
                continue
            }
            guard f.ok else {
                points.rows.append(head + ["failed", "NA", "NA", f.error ?? ""])
                continue
            }
            points.rows.append(head + ["ok", "\(f.claims.filter(\.holds).count)", "\(f.claims.count)", ""])
            for r in f.rows {
                metrics.rows.append(head + [r.regime, "\(r.seed)", "\(r.iteration)", r.metric, TidyTable.format(r.value)])
            }
            for c in f.claims {
                let m = c.margin
                summary.rows.append(head + ["claim", "\(c.number)", "NA", "NA", m.map { "\($0.n)" } ?? "NA",
                                            TidyTable.format(m?.mean ?? .nan), TidyTable.format(m?.lower ?? .nan),
                                            TidyTable.format(m?.upper ?? .nan), verdict(c)])
            }
            let result = ExperimentResult(config: p.config, rows: f.rows, transcripts: [])
            for s in result.summarize() {
                let e = s.summary
                let v = s.metric.hasPrefix("contrast.") ? sign(lower: e.lower, upper: e.upper, n: e.n) : "NA"
                summary.rows.append(head + ["metric", s.metric, s.regime, "\(s.iteration)", "\(e.n)", TidyTable.format(e.mean),
                                            TidyTable.format(e.lower), TidyTable.format(e.upper), v])
            }
        }
        return (metrics, summary, points)
    }

    /// holds; fails (the margin's CI excludes a positive margin, or no margin is stated);
    /// undecided (the margin's CI straddles 0).
    public static func verdict(_ c: PointFile.Claim) -> String {
        if c.holds { return "holds" }
        if let m = c.margin, m.n >= 2, m.lower <= 0, m.upper >= 0 { return "undecided" }
        return "fails"
    }

    /// positive (CI above 0), negative (below 0), undecided (straddles 0 or one seed).
    public static func sign(lower: Double, upper: Double, n: Int) -> String {
        guard n >= 2 else { return "undecided" }
        if lower > 0 { return "positive" }
        if upper < 0 { return "negative" }
        return "undecided"
    }

    /// Writes the three tables into `directory` (atomically); returns their file names.
    public static func write(plan: SweepPlan, collected: Collected, to directory: URL) throws -> [String] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let t = tables(plan: plan, collected: collected)
        try t.metrics.write(to: directory.appendingPathComponent(metricsFile))
        try t.summary.write(to: directory.appendingPathComponent(summaryFile))
        try t.points.write(to: directory.appendingPathComponent(pointsFile))
        return [metricsFile, summaryFile, pointsFile]
    }
}

extension SweepMerge {
    /// The quantity a figure shows at one point: its estimate with 95% CI and verdict
    /// (holds/fails/undecided for a claim; positive/negative/undecided for a metric's CI vs 0),
    /// or nil when the point is missing, failed or lacks the quantity.
    public static func figureValue(_ figure: SweepSpec.Figure, point: SweepPlan.Point, file: PointFile?) -> (estimate: PointFile.Estimate?, verdict: String)? {
        guard let f = file, f.ok else { return nil }
        if let n = figure.claim {
            guard let c = f.claims.first(where: { $0.number == n }) else { return nil }
            return (c.margin, verdict(c))
        }
        guard let metric = figure.metric, let regime = figure.regime else { return nil }
        let it = figure.iteration ?? point.config.iterations
        let values = f.rows.filter { $0.metric == metric && $0.regime == regime && $0.iteration == it }.map(\.value)
        guard !values.isEmpty, let s = try? Describe.tInterval(values) else { return nil }
        return (PointFile.Estimate(s), sign(lower: s.lower, upper: s.upper, n: s.n))
    }
}
