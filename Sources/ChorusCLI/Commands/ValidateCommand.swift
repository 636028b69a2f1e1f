import Foundation
import ArgumentParser
import ChorusStats
import ChorusRecords
import ChorusAnalysis
import ChorusValidation
import ChorusFigures

/// `chorus validate`: the metric-validation studies (docs/validation.md). Each study writes CSV
/// tables and PNG figures into the output folder, prints a table and one PASS/FAIL line per
/// check against an analytic value (tolerance from the Monte Carlo error), and the command
/// exits with status 1 when any check fails.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate diversity metrics and theory against exact and analytic truth.",
        discussion: "Studies: " + ValidationStudies.all.map { "\($0.number) \($0.title)" }.joined(separator: "; ") + ". "
            + ExitStatus.help([.success, .checkFailed, .usage, .dataError, .fileError, .internalError]))

    @Option(name: .long, help: ArgumentHelp("Run only this study (default: all).", valueName: "n"))
    var study: StudyNumber?

    @OptionGroup var output: OutputOptions

    @Flag(name: .long, help: "Smaller sizes: a smoke run in seconds.")
    var quick = false

    @Option(name: .long, help: "Root random seed.")
    var seed: UInt64 = 20250101

    @OptionGroup var threadOptions: ThreadOptions

    func run() throws {
        try CLIErrors.reporting { try execute() }
    }

    private func execute() throws {
        let options = ValidationOptions(seed: seed, quick: quick, threads: threadOptions.threads)
        // Fail before minutes of Monte Carlo when the output folder cannot be written or holds
        // files (without --force); the studies write into a staging folder renamed into place.
        let target = try output.prepare(defaultBase: "validate-\(Self.timestamp())")
        let outDir = target.destination
        let numbers = study.map { [$0.number] } ?? ValidationStudies.all.map(\.number)
        let allChecks = try OutputTarget.write(target) { staging -> [Check] in
            var allChecks: [Check] = []
            for n in numbers {
                let start = Date()
                let result = try ValidationStudies.run(n, options: options)
                try Self.write(result, to: staging)
                Console.current.line("\n== Study \(n): \(result.title)  (\(String(format: "%.1f", Date().timeIntervalSince(start))) s)")
                for line in result.summary { Console.current.line("   " + line) }
                for f in result.figures { Console.current.line("   figure: \(outDir.appendingPathComponent(f.file).path)") }
                for c in result.checks { Console.current.line(c.line) }
                allChecks += result.checks
            }
            try Self.checksTable(allChecks).write(to: staging.appendingPathComponent("checks.csv"))
            return allChecks
        }
        Console.current.line(Self.verdict(allChecks) + "; output in \(outDir.path)")
        if allChecks.contains(where: { !$0.passed }) { throw ExitStatus.checkFailed.exitCode }
    }

    /// The closing line: how many checks passed and which failed.
    static func verdict(_ checks: [Check]) -> String {
        let failed = checks.filter { !$0.passed }
        return "\n\(checks.count - failed.count)/\(checks.count) checks passed"
            + (failed.isEmpty ? "" : "; FAILED: " + failed.map(\.name).joined(separator: "; "))
    }

    static func timestamp() -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX"); f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd-HHmmss"
        return f.string(from: Date())
    }

    static func checksTable(_ checks: [Check]) -> TidyTable {
        var t = TidyTable(columns: ["study", "check", "kind", "measured", "expected", "tolerance", "passed", "detail"])
        for c in checks {
            t.append([String(c.study), c.name, c.kind.rawValue, TidyTable.format(c.measured), TidyTable.format(c.expected),
                      TidyTable.format(c.tolerance), c.passed ? "true" : "false", c.detail])
        }
        return t
    }

    /// Writes a study's tables (CSV) and figures (PNG).
    static func write(_ r: StudyResult, to dir: URL) throws {
        for (name, table) in r.tables { try table.write(to: dir.appendingPathComponent(name)) }
        for f in r.figures { try render(f, to: dir.appendingPathComponent(f.file)) }
    }

    /// Multi-panel figures carry one legend: inside the first panel at a corner, or outside
    /// ("right"/"below") on the last panel.
    static func legend(for k: Int, of f: StudyFigure) -> LegendPlacement {
        if f.panels.count == 1 { return .below }
        if let own = f.panels[k].legend { return LegendPlacement(rawValue: own) ?? .none }
        let p = LegendPlacement(rawValue: f.legendCorner) ?? .bottomRight
        let outside = p == .right || p == .below
        return k == (outside ? f.panels.count - 1 : 0) ? p : .none
    }

    /// Draws a study figure with ChorusFigures.
    static func render(_ f: StudyFigure, to url: URL) throws {
        let charts = f.panels.enumerated().map { (k, p) -> LineChart in
            // Multi-panel figures: one legend, inside the first panel (the series are the same).
            var c = LineChart(title: p.title, xLabel: p.xLabel, yLabel: p.yLabel, logX: p.logX, logY: p.logY,
                              legend: Self.legend(for: k, of: f))
            for (i, s) in p.series.enumerated() {
                let colour = Palette.colour(s.colour ?? i)
                switch s.style {
                case .line: c.series.append(Series(s.name, x: s.x, y: s.y, lower: s.lower, upper: s.upper, colour: colour, marker: .circle))
                case .dashed: c.series.append(Series(s.name, x: s.x, y: s.y, colour: s.colour.map(Palette.colour) ?? .black, lineStyle: .dashed, lineWidth: 1.5))
                case .markers: c.series.append(.scatter(s.name, x: s.x, y: s.y, colour: colour))
                }
            }
            if p.identity { c.references.append(.identity()) }
            for h in p.horizontal { c.references.append(.horizontal(h)) }
            return c
        }
        if charts.count == 1 {
            try charts[0].render(to: url, size: .paper)
        } else {
            let grid = FigureGrid(rows: f.rows, columns: f.columns, panels: charts.map { .line($0) }, title: f.title)
            try grid.render(to: url, size: FigureSize(width: 900 * f.columns, height: 650 * f.rows))
        }
    }
}
