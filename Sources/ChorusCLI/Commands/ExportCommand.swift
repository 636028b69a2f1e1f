import ArgumentParser
import ChorusAnalysis
import ChorusIngest
import ChorusRecords
import ChorusSimulation
import Foundation

/// `chorus export RUN_DIR`: a simulated run written as a real one (issue 12).
///
/// A separate command rather than a `simulate` flag: it works on any finished run directory
/// (no re-simulation, the run directory stays the one source of every table and figure), and
/// it needs only the transcripts and training records that `simulate --transcripts` writes.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a simulated run as a real finetuning run (multiagent-ft debate JSON per iteration, FastChat training files, run.yaml).",
        discussion: """
        RUN_DIR is a `chorus simulate` run directory with transcripts (simulate --transcripts 0,1,…): \
        its transcripts/iteration-<k>.jsonl and training/iteration-<k>.jsonl. One regime and seed \
        are exported: it<k>/debate.json (the test debates in the Du et al. / multiagent-ft layout), \
        it<k>/ft/model<m>.json (each model's finetuning examples, FastChat JSON) and run.yaml. Then \
        `chorus analyze --run OUT/run.yaml` analyses it as a real run (docs/formats.md).
        """)

    @Argument(help: "A chorus simulate run directory with transcripts.")
    var runDirectory: String

    @Option(help: "Regime to export (default: the first in the transcripts).")
    var regime: String?

    @Option(help: "Seed to export (default: the smallest in the transcripts).")
    var seed: UInt64?

    @OptionGroup var output: OutputOptions

    func run() throws { try CLIErrors.reporting { try execute() } }

    private func execute() throws {
        // The folder is claimed before any reading (OutputTarget).
        let target = try output.prepare(defaultBase: "export-\(AnalyzeCommand.timestamp())")
        do { try export(target) } catch { target.abandon(); throw error }
    }

    private func export(_ target: OutputDirectory) throws {
        let dir = URL(fileURLWithPath: runDirectory)
        let tdir = dir.appendingPathComponent("transcripts")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: tdir.path)) ?? []).filter { $0.hasPrefix("iteration-") && $0.hasSuffix(".jsonl") }.sorted()
        guard !names.isEmpty else {
            throw IngestError.cannotRead(path: tdir.path, reason: "no transcripts/iteration-<k>.jsonl: run chorus simulate with --transcripts (e.g. --transcripts 0,1,2)")
        }
        var records: [ResponseRecord] = []
        for n in names {
            let (rs, bad) = try RecordsJSONLReader.readAll(tdir.appendingPathComponent(n))
            if let b = bad.first { throw IngestError.invalidRecord(path: tdir.appendingPathComponent(n).path, location: "line \(b.line)", reason: b.reason) }
            records += rs
        }
        let regimes = records.reduce(into: [String]()) { if !$0.contains($1.regime) { $0.append($1.regime) } }
        let chosen = regime ?? regimes.first!
        guard regimes.contains(chosen) else {
            throw IngestError.invalidRun(path: tdir.path, reason: "no transcripts of regime '\(chosen)'; regimes there: \(regimes.joined(separator: ", "))")
        }
        let seeds = Array(Set(records.filter { $0.regime == chosen }.compactMap(\.seed))).sorted()
        let s = seed ?? seeds.first
        if let s, !seeds.contains(s) {
            throw IngestError.invalidRun(path: tdir.path, reason: "no transcripts of regime '\(chosen)' and seed \(s); seeds there: \(seeds.map(String.init).joined(separator: ", "))")
        }
        let mine = records.filter { $0.regime == chosen && $0.seed == s }
        var training: [TrainingRecord] = []
        let trdir = dir.appendingPathComponent("training")
        for n in ((try? FileManager.default.contentsOfDirectory(atPath: trdir.path)) ?? []).sorted() where n.hasSuffix(".jsonl") {
            training += try TrainingRecord.read(trdir.appendingPathComponent(n)).filter { $0.regime == chosen && $0.seed == s }
        }
        let name = "\(mine.first?.run ?? "sim")-\(chosen)" + (s.map { "-seed\($0)" } ?? "")
        let export = try RunExport.build(name: name, regime: chosen, seed: s, transcripts: mine, training: training)
        try OutputTarget.write(target) { staging in
            for (path, text) in export.files {
                let u = staging.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: u.deletingLastPathComponent(), withIntermediateDirectories: true)
                try AtomicFile.write(text, to: u)
            }
        }
        let dest = target.destination.path
        Console.current.out("exported \(chosen)" + (s.map { ", seed \($0)" } ?? "") + ": iterations \(export.iterations.map(String.init).joined(separator: ", ")), "
                            + "\(export.models.count) models with training files" + (training.isEmpty ? " (none: the run has no training/ records)" : "")
                            + "\nwrote \(dest): run.yaml, it<k>/debate.json, it<k>/ft/model<m>.json\nanalyse it: chorus analyze --run \(dest)/run.yaml\n")
    }
}
