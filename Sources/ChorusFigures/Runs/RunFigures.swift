import Foundation

/// What made a run directory, told from the tables it holds.
public enum RunKind: String, Sendable, CaseIterable {
    /// `chorus simulate` / `chorus reproduce`: summary.csv (and metrics.csv).
    case simulation
    /// `chorus analyze`: rounds.csv (and flips.csv, answers.csv, files.csv).
    case analysis
}

/// Every figure that applies to a run directory, from its tables only (`chorus figures`).
public enum RunFigures {
    /// The kind of run in `dir`.
    /// - Throws: `FigureError.notARun` when `dir` is not a directory or holds none of the tables.
    public static func detect(_ dir: URL) throws -> RunKind {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else {
            throw FigureError.notARun(path: dir.path, reason: "no such directory")
        }
        if fm.fileExists(atPath: dir.appendingPathComponent("summary.csv").path) { return .simulation }
        if fm.fileExists(atPath: dir.appendingPathComponent("rounds.csv").path) { return .analysis }
        throw FigureError.notARun(path: dir.path, reason: "it has neither summary.csv (chorus simulate or reproduce) nor rounds.csv (chorus analyze)")
    }

    /// The kind of run and its figures.
    /// - Throws: `FigureError.notARun`, `TableError` for a malformed table.
    public static func figures(for dir: URL) throws -> (kind: RunKind, figures: [NamedFigure]) {
        let kind = try detect(dir)
        switch kind {
        case .simulation:
            let summary = try SummaryData.read(dir.appendingPathComponent("summary.csv"))
            let metricsURL = dir.appendingPathComponent("metrics.csv")
            // metrics.csv (millions of rows in a reproduce run) is read only for runs whose
            // summary lacks the paired contrasts the figures need.
            let metrics = SimulationRunFigures.needsMetrics(summary) && FileManager.default.fileExists(atPath: metricsURL.path)
                ? try MetricsData.read(metricsURL) : nil
            return (kind, SimulationRunFigures(summary: summary, metrics: metrics).all())
        case .analysis:
            return (kind, try AnalyzeRunFigures.read(dir).all())
        }
    }
}
