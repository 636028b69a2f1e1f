import Foundation
import ArgumentParser
import ChorusStats
import ChorusRecords
import ChorusAnalysis
import ChorusValidation
import ChorusFigures

/// `chorus validate`: the metric-validation studies (docs/validation.md). Each study writes CSV
/// tables into the output folder (its own tables and one curve table per figure), prints a table
/// and one PASS/FAIL line per check against an analytic value (tolerance from the Monte Carlo
/// error); the figures are then drawn from the curve tables into OUT/figures, as
/// `chorus figures OUT` draws them, and the command exits with status 1 when any check fails.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate diversity metrics and theory against exact and analytic truth.",
        discussion: "Studies: " + ValidationStudies.all.map { "\($0.number) \($0.title)" }.joined(separator: "; ") + ". "
            + ExitStatus.help([.success, .checkFailed, .usage, .dataError, .fileError, .internalError]))

    @Option(name: .long, help: ArgumentHelp("Run only this study (default: all).", valueName: "n"))
    var study: StudyNumber?

    @Option(name: .long, help: "Output folder (default: notebooks-data/validate-<UTC timestamp>).")
    var out: String?

    @Flag(name: .long, help: "Smaller sizes: a smoke run in seconds.")
    var quick = false

    @Option(name: .long, help: "Root random seed.")
    var seed: UInt64 = 20250101

    @OptionGroup var threadOptions: ThreadOptions

    @Flag(name: .customLong("no-figures"), help: "Write the tables only (chorus figures OUT draws the figures later).")
    var noFigures = false

    @OptionGroup(title: "Figures (drawn into OUT/figures from the tables, as 'chorus figures' does)")
    var figureOptions: FigureOptions

    func run() throws {
        try CLIErrors.reporting { try execute() }
    }

    private func execute() throws {
        let outDir = URL(fileURLWithPath: out ?? "notebooks-data/validate-\(Self.timestamp())")
        let options = ValidationOptions(seed: seed, quick: quick, threads: threadOptions.threads)
        // Fail before minutes of Monte Carlo when the output folder cannot be written.
        try AtomicFile.prepareDirectory(for: outDir.appendingPathComponent("checks.csv"))
        let numbers = study.map { [$0.number] } ?? ValidationStudies.all.map(\.number)
        var allChecks: [Check] = []
        for n in numbers {
            let start = Date()
            let result = try ValidationStudies.run(n, options: options)
            try Self.write(result, to: outDir)
            Console.current.line("\n== Study \(n): \(result.title)  (\(String(format: "%.1f", Date().timeIntervalSince(start))) s)")
            for line in result.summary { Console.current.line("   " + line) }
            for f in result.figures { Console.current.line("   figure data: \(outDir.appendingPathComponent(CurveTable.fileName(figure: f)).path)") }
            for c in result.checks { Console.current.line(c.line) }
            allChecks += result.checks
        }
        try Self.checksTable(allChecks).write(to: outDir.appendingPathComponent("checks.csv"))
        // From the curve tables just written, exactly as `chorus figures OUT` draws them.
        if !noFigures {
            Console.current.out("\n" + FiguresCommand.report(run: outDir, try FiguresCommand.render(run: outDir, options: figureOptions)))
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

    /// Writes a study's tables (CSV), its curve tables included.
    static func write(_ r: StudyResult, to dir: URL) throws {
        for (name, table) in r.allTables { try table.write(to: dir.appendingPathComponent(name)) }
    }
}
