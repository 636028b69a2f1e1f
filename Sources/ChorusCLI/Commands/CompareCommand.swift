import ArgumentParser
import ChorusAnalysis
import ChorusFigures
import ChorusIngest
import ChorusRecords
import ChorusStats
import Foundation

/// `chorus compare SIM_RUN REAL`: a simulated run and a real one on the same axes (issue 12).
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Draw a simulated run and a real finetuning run on the same axes, for the metrics they share.",
        discussion: """
        SIM_RUN is a `chorus simulate` run directory (its summary.csv: mean over seeds with 95% t \
        intervals). REAL is the output folder of `chorus analyze --run` (its iterations.csv), or a \
        run manifest / {iteration} pattern, analysed on the spot. The metrics both report (the \
        simulator's names: accuracy.round1_individual, accuracy.final, sample.consensus, \
        sample.answer_entropy_plugin, sample.flip_*, disagreement.answer, pass_at.k, coverage, \
        training.overlap, …) are joined into compare.csv and drawn against iteration from it \
        (OUT/figures/compare.{png,pdf,svg}, as `chorus figures OUT` draws it). Against round: when \
        SIM_RUN has transcripts (simulate --transcripts) and REAL has rounds (its rounds.csv, or a \
        run analysed on the spot), the per-round metrics of both (individual / majority accuracy, \
        consensus, answer entropy, flips; the simulated seeds pooled as questions) go to \
        compare-rounds.csv and OUT/figures/compare-rounds.{png,pdf,svg}, a panel per metric and iteration.
        """)

    @Argument(help: "A chorus simulate run directory.")
    var simulated: String

    @Argument(help: "A chorus analyze --run output folder, a run manifest, or a debate-log pattern with {iteration}.")
    var real: String

    @Option(help: "Simulated regimes to draw, comma-separated (default: all).")
    var regimes: String?

    @OptionGroup var output: OutputOptions

    @Option(help: "Seed of the bootstrap intervals when REAL is analysed on the spot.")
    var seed: UInt64 = 0

    @Flag(name: .customLong("no-figures"), help: "Write compare.csv only.")
    var noFigures = false

    @OptionGroup(title: "Figures (drawn into OUT/figures from compare.csv, as 'chorus figures' does)")
    var figureOptions: FigureOptions

    func run() throws { try CLIErrors.reporting { try execute() } }

    private func execute() throws {
        // The folder is claimed before any reading (OutputTarget), written in a staging sibling
        // and renamed into place whole.
        let target = try output.prepare(defaultBase: "compare-\(AnalyzeCommand.timestamp())")
        let text = try OutputTarget.write(target) { staging in try compare(into: staging, destination: target.destination) }
        Console.current.out(text)
    }

    /// Writes compare.csv (and compare-rounds.csv, figures) into `dir`; returns the report,
    /// naming `destination`.
    private func compare(into dir: URL, destination: URL) throws -> String {
        let summary = URL(fileURLWithPath: simulated).appendingPathComponent("summary.csv")
        guard FileManager.default.fileExists(atPath: summary.path) else {
            throw IngestError.cannotRead(path: summary.path, reason: "no such file: expected a chorus simulate run directory with summary.csv")
        }
        let sim = try TidyTable.read(from: summary)
        var isDir: ObjCBool = false
        let realTable: TidyTable
        var realName = (real as NSString).lastPathComponent
        var realRounds: TidyTable? = nil
        if FileManager.default.fileExists(atPath: real, isDirectory: &isDir), isDir.boolValue {
            let u = URL(fileURLWithPath: real).appendingPathComponent("iterations.csv")
            guard FileManager.default.fileExists(atPath: u.path) else {
                throw IngestError.cannotRead(path: u.path, reason: "no such file: expected the output folder of chorus analyze --run")
            }
            realTable = try TidyTable.read(from: u)
            let r = URL(fileURLWithPath: real).appendingPathComponent("rounds.csv")
            if FileManager.default.fileExists(atPath: r.path) { realRounds = try TidyTable.read(from: r) }
        } else {
            let spec = real.contains("{iteration}") ? try RunSpec.pattern(debates: real) : try RunSpec.manifest(real)
            realName = spec.name
            let ingest = try RunReader.read(spec)
            let stream = SeedStream(seed: seed).child("run")
            realTable = RunAnalysisOutput.iterationTable(ingest, stream: stream)
            realRounds = RunAnalysisOutput.roundsTable(ingest.records, stream: stream.child("rounds"))
        }
        let keep = regimes.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        let joined = try RunComparison.join(simulated: sim, real: realTable, regimes: keep, realName: realName)
        guard !joined.shared.isEmpty else {
            throw AnalysisError.insufficientData("\(summary.path) and \(real) share no metric (simulated: \(joined.onlySimulated.prefix(8).joined(separator: ", ")); real: \(joined.onlyReal.joined(separator: ", ")))")
        }
        try joined.table.write(to: dir.appendingPathComponent("compare.csv"))
        // Against round: simulated transcripts and the real run's rounds.csv (CompareRounds.swift).
        var roundNote = ""
        let simRounds = try CompareRounds.simulatedRounds(URL(fileURLWithPath: simulated), regimes: keep, seed: seed)
        if let simRounds, let realRounds {
            let byRound = try CompareRounds.join(simulated: simRounds, real: realRounds, realName: realName)
            if byRound.rows.isEmpty {
                roundNote = "against round: no metric and iteration in common\n"
            } else {
                try byRound.write(to: dir.appendingPathComponent("compare-rounds.csv"))
                roundNote = "against round: \(Set(byRound.rows.map { $0[4] }).count) metrics in compare-rounds.csv\n"
            }
        } else {
            roundNote = "against round: " + (simRounds == nil ? "\(simulated) has no transcripts (simulate --transcripts 0,1,…)" : "\(real) has no rounds.csv") + "; only against iteration\n"
        }
        // Drawn from compare.csv and compare-rounds.csv just written, exactly as `chorus figures DIR` draws them.
        let drawn = noFigures ? nil : try FiguresCommand.render(run: dir, options: figureOptions).relocated(from: dir, to: destination)
        var lines = [["metric", "source", "regime"] + Array(Set(joined.table.rows.map { Int($0[2])! })).sorted().map { "it \($0)" }]
        for m in joined.shared {
            var series: [String: [String: String]] = [:]
            var order: [String] = []
            for r in joined.table.rows where r[3] == m {
                let k = r[0] + "|" + r[1]
                if series[k] == nil { order.append(k) }
                series[k, default: [:]][r[2]] = AnalyzeOutput.f3(Double(r[4]))
            }
            for k in order {
                let parts = k.split(separator: "|").map(String.init)
                lines.append([m] + parts + lines[0].dropFirst(3).map { series[k]![String($0.dropFirst(3))] ?? "—" })
            }
        }
        var text = "\n== compare: \(simulated) vs \(real)\n" + TextTable.render(lines)
        if !joined.onlyReal.isEmpty { text += "only in the real run: \(joined.onlyReal.joined(separator: ", "))\n" }
        text += roundNote
        text += "wrote \(destination.path): compare.csv" + (FileManager.default.fileExists(atPath: dir.appendingPathComponent("compare-rounds.csv").path) ? ", compare-rounds.csv" : "")
        return text + "\n" + (drawn.map { FiguresCommand.report(run: destination, $0) } ?? "")
    }
}
