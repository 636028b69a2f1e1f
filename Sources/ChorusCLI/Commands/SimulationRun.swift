import ArgumentParser
import Foundation
import ChorusRecords
import ChorusSimulation

/// One simulation as `chorus simulate` runs it (and `chorus reproduce`, with the paper preset):
/// the experiment, the run directory, its figures and the printed tables.
struct SimulationRun {
    var config: SimulationConfig
    /// Where the configuration came from, for the manifest and the status line.
    var source: String
    var threads: Int
    var output: OutputOptions
    var quiet: Bool
    /// Whether the claims are judged (and their table printed).
    var claims: Bool
    /// Judge the claims also on this many disjoint blocks of the seeds.
    var blocks: Int?
    /// How the run's figures are drawn into RUN_DIR/figures; nil draws none.
    var figures: FigureOptions?
    /// Print the summary and claims as one JSON object instead of tables.
    var json: Bool

    /// What a finished run produced, for commands that build on it (`reproduce`).
    struct Outcome {
        var config: SimulationConfig
        var summary: [SummaryRow]
        var claims: [ClaimResult]?
        var replication: [ReplicatedClaim]?
        var directory: URL
    }

    /// Exits with code 3 after one `error:` line when a claim fails (`--require-claims`).
    static func requireClaims(_ claims: [ClaimResult]?) throws {
        guard let c = claims, c.contains(where: { !$0.holds }) else { return }
        Console.current.error("\(c.filter { !$0.holds }.count) of \(c.count) claims fail (--require-claims)")
        throw ExitStatus.claimFailed.exitCode
    }

    /// Runs the experiment, writes the run directory, prints the tables; returns what it made.
    func execute() throws -> Outcome {
        let experiment = try Experiment(config: config)
        // Memory on this many threads (validation assumed one), then the output folder, both
        // before the compute: a run too large or a bad --out fails at once.
        try MemoryEstimate.check(config, threads: threads)
        let target = try output.prepare(defaultBase: RunDirectory.defaultBase(name: config.name, date: Date()), quiet: quiet)
        do {
            return try execute(experiment: experiment, target: target)
        } catch {
            target.abandon()
            throw error
        }
    }

    private func execute(experiment: Experiment, target: OutputDirectory) throws -> Outcome {
        let console = Console.current
        var seedBlocks: [[UInt64]]? = nil
        if let k = blocks {
            guard config.seeds.count % k == 0 else {
                throw SimulationError.invalidValue(path: "--blocks", value: "\(k)",
                                                   allowed: "a divisor of the number of seeds (\(config.seeds.count)), so that the blocks have equal size")
            }
            seedBlocks = ClaimReplication.blocks(config.seeds, count: k, size: config.seeds.count / k)
        }
        let workers = threads
        let bar: ProgressBar? = (!quiet && console.stderrIsTerminal) ? ProgressBar(label: "simulate", write: console.err) : nil
        if !quiet {
            console.err("chorus simulate: \(source), \(config.regimes.count) regime(s) × \(config.seeds.count) seed(s), \(config.iterations) iteration(s), \(workers) thread(s)\n")
        }
        bar?.update(done: 0, total: config.regimes.count * config.seeds.count)
        let start = Date()
        let clock = ContinuousClock.now
        let result: ExperimentResult
        do {
            var progress: (@Sendable (Int, Int) -> Void)? = nil
            if let b = bar { progress = { done, total in b.update(done: done, total: total) } }
            // Transcripts go to disk as they are made, inside the staging folder (issue 10).
            let spool = config.output.transcripts.isEmpty ? nil
                : try TranscriptSpool(directory: target.staging.appendingPathComponent(".transcript-parts"),
                                      runID: RunDirectory.runID(for: config), iterations: config.output.transcripts)
            result = try experiment.run(threads: workers, progress: progress, spool: spool)
            bar?.finish()
        } catch {
            bar?.finish()
            throw error
        }
        let elapsed = ContinuousClock.now - clock
        let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let end = Date()

        try ResultGuard.check(result)   // NaN or ±∞ in a metric is an error, never a table
        let summary = result.summarize()
        let claimResults = claims ? Claims.evaluate(summary) : nil
        let replication = seedBlocks.map { ClaimReplication.evaluate(result, blocks: $0) }
        let dir = target.destination
        let manifest = RunManifest(runID: RunDirectory.runID(for: config), source: source, config: config,
                                   toolVersion: ChorusVersion.string, gitCommit: GitCommit.current(),
                                   start: start, end: end, wallSeconds: wall, threads: workers)
        // The figures are drawn from the tables inside the staging folder, before it is renamed
        // into place, so a finished run directory always holds its complete figure set.
        let (files, drawn) = try OutputTarget.write(target) { staging -> ([String], FiguresCommand.Drawn?) in
            let files = try RunDirectory.write(RunOutput(result: result, summary: summary, claims: claimResults, manifest: manifest,
                                                         replication: replication), to: staging)
            guard let figures else { return (files, nil) }
            // From the tables just written, exactly as `chorus figures DIR` would draw them.
            let d = try FiguresCommand.render(run: staging, options: figures)
            return (files, d.relocated(from: staging, to: dir))
        }

        if json {
            console.out(try SimulateReport.json(dir: dir.path, runID: manifest.runID, wallSeconds: wall, summary: summary, claims: claimResults))
        } else {
            console.out(SimulateReport.summaryTable(summary, regimes: config.regimes))
            if let c = claimResults { console.out("\n" + SimulateReport.claimsTable(c)) }
            if let r = replication, let b = seedBlocks {
                console.out("\n" + SimulateReport.replicationTable(r, blocks: b))
            }
            if config.regimes.contains(where: { $0.hasSuffix(Regime.placeboSuffix) }) {
                console.out("\n" + SimulateReport.placeboTable(summary, regimes: config.regimes))
            }
        }
        if !quiet {
            console.err("wrote \(dir.path)/ (\(files.joined(separator: ", "))) in \(String(format: "%.2f", wall)) s\n")
        }
        if let drawn {
            let text = FiguresCommand.report(run: dir, drawn)
            if json { if !quiet { console.err(text) } } else { console.out("\n" + text) }
        }
        return Outcome(config: config, summary: summary, claims: claimResults, replication: replication, directory: dir)
    }
}
