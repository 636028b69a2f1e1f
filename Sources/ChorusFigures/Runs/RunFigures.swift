import Foundation

/// What made a run directory, told from the tables it holds.
public enum RunKind: String, Sendable, CaseIterable {
    /// `chorus simulate` / `chorus reproduce`: summary.csv (and metrics.csv).
    case simulation
    /// `chorus sweep run|merge`: sweep-summary.csv (and sweep-metrics.csv, sweep-points.csv).
    case sweep
    /// `chorus compare`: compare.csv.
    case compare
    /// `chorus analyze --run`: iterations.csv (and rounds.csv, agents.csv, training-overlap.csv).
    case runAnalysis = "run analysis"
    /// `chorus analyze FILE…`: rounds.csv (and flips.csv, answers.csv, files.csv, agents.csv).
    case analysis
    /// `chorus validate`: checks.csv (and a curve table per figure, `ValidationFigures`).
    case validation

    /// The table that marks the kind (checked in `allCases` order).
    public var marker: String {
        switch self {
        case .simulation: return "summary.csv"
        case .sweep: return "sweep-summary.csv"
        case .compare: return "compare.csv"
        case .runAnalysis: return "iterations.csv"
        case .analysis: return "rounds.csv"
        case .validation: return "checks.csv"
        }
    }

    /// The command that writes it.
    var command: String {
        switch self {
        case .simulation: return "chorus simulate or reproduce"
        case .sweep: return "chorus sweep"
        case .compare: return "chorus compare"
        case .runAnalysis: return "chorus analyze --run"
        case .analysis: return "chorus analyze"
        case .validation: return "chorus validate"
        }
    }
}

/// Every figure that applies to a run directory, from its tables only (`chorus figures`).
public enum RunFigures {
    /// The kind of run in `dir`: the first kind (in `RunKind.allCases` order) whose marker table
    /// it holds (an `analyze --run` folder also has rounds.csv, so iterations.csv is looked at first).
    /// - Throws: `FigureError.notARun` when `dir` is not a directory or holds none of the tables.
    public static func detect(_ dir: URL) throws -> RunKind {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else {
            throw FigureError.notARun(path: dir.path, reason: "no such directory")
        }
        for kind in RunKind.allCases where fm.fileExists(atPath: dir.appendingPathComponent(kind.marker).path) { return kind }
        throw FigureError.notARun(path: dir.path, reason: "it has none of " + RunKind.allCases.map { "\($0.marker) (\($0.command))" }.joined(separator: ", "))
    }

    /// The kind of run and its figures.
    /// - Throws: `FigureError.notARun`, `TableError` for a malformed table.
    /// `sweepKeyLabel` labels a sweep's swept keys (`SweepRunFigures.keyLabel`).
    public static func figures(for dir: URL, sweepKeyLabel: @escaping @Sendable (String) -> String = { $0 }) throws -> (kind: RunKind, figures: [NamedFigure]) {
        let kind = try detect(dir)
        switch kind {
        case .simulation:
            let summary = try SummaryData.read(dir.appendingPathComponent("summary.csv"))
            let metricsURL = dir.appendingPathComponent("metrics.csv")
            // metrics.csv (millions of rows in a reproduce run) is parsed whole only for runs whose
            // summary lacks the paired contrasts the figures need; otherwise only the first seed's
            // style shares are picked out of it, for the style-specialisation maps.
            let hasMetrics = FileManager.default.fileExists(atPath: metricsURL.path)
            let metrics = !hasMetrics ? nil
                : SimulationRunFigures.needsMetrics(summary) ? try MetricsData.read(metricsURL)
                : summary.rows.contains(where: { $0.metric.hasPrefix("style_share.") }) ? try MetricsData.readStyleShares(metricsURL) : nil
            return (kind, SimulationRunFigures(summary: summary, metrics: metrics).all())
        case .sweep:
            return (kind, try SweepRunFigures.read(dir, keyLabel: sweepKeyLabel).all())
        case .compare:
            return (kind, try CompareRunFigures.read(dir).all())
        case .runAnalysis:
            return (kind, try RunAnalysisFigures.read(dir).all())
        case .analysis:
            return (kind, try AnalyzeRunFigures.read(dir).all())
        case .validation:
            return (kind, try ValidationFigures.read(dir))
        }
    }
}
