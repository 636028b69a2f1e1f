import ArgumentParser
import Foundation
import ChorusAnalysis
import ChorusStats
import ChorusRecords
import ChorusSimulation

/// `chorus simulate`: resolve a configuration, run the experiment, write the run directory and
/// print a summary (and the claims table for the paper preset or `--claims`).
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run a simulation and write its run directory (tables, manifest, transcripts).",
        discussion: """
        The configuration is a preset (default: 'default'), or a YAML file laid over the defaults \
        (or over --preset when both are given), then --set, --seeds, --regimes and --transcripts, \
        in that order. Every key is in docs/configuration.md; 'chorus presets show NAME' prints a \
        preset as an editable YAML file.

        Writes notebooks-data/<name>-<UTC time>/ (a new folder, -2, -3, … when taken) or --out DIR \
        (refused when it holds files, unless --force replaces it whole): metrics.csv (tidy long), \
        summary.csv (mean and 95% CI over seeds), manifest.json, claims.csv (with --claims or the \
        paper preset) and transcripts/iteration-<k>.jsonl, then draws the figures of 'chorus figures' \
        into its figures/ folder (unless --no-figures). Prints the accuracy, chain entropy and \
        disagreement of every regime and iteration with 95% CIs.

        Exit codes: 0 success, 3 a claim fails (only with --require-claims), 64 bad command \
        line, 65 configuration error, 74 file error, 70 internal error.

        Examples:
          chorus simulate --preset quick
          chorus simulate --preset paper --threads 2 --out runs/paper
          chorus simulate --config my.yaml --set debate.rounds=3 --seeds 1-20
          chorus simulate --preset quick --regimes multiagent --transcripts 0,2 --json
        """)

    @Option(help: ArgumentHelp("Start from this preset ('chorus presets' lists them; default: default).", valueName: "name"))
    var preset: String?

    @Option(name: .customLong("config"), help: ArgumentHelp("Read this YAML configuration (laid over the defaults, or over --preset).", valueName: "file"))
    var configFile: String?

    @Option(name: .customLong("set"), help: ArgumentHelp("Override one key, e.g. debate.rounds=3 or seeds=[1,2]; repeatable.", valueName: "key=value"))
    var assignments: [String] = []

    @Option(help: ArgumentHelp("Seeds as a range or list: 1-20, 1,2,3 or 1-3,7.", valueName: "seeds"))
    var seeds: String?

    @Option(help: ArgumentHelp("Regimes to run, comma-separated, e.g. single-agent,multiagent.", valueName: "list"))
    var regimes: String?

    @Option(help: ArgumentHelp("Worker threads (default: all cores). Results do not depend on it.", valueName: "n"))
    var threads: Int?

    @Option(help: ArgumentHelp("Run directory (default: notebooks-data/<name>-<UTC time>).", valueName: "dir"))
    var out: String?

    @Flag(help: "Replace the files of a non-empty --out folder (without it, such a folder is refused before any compute).")
    var force = false

    @Option(help: ArgumentHelp("Write the test debates of these iterations as JSON Lines, e.g. 0,5.", valueName: "iterations"))
    var transcripts: String?

    @Option(help: ArgumentHelp("Also judge the claims on K disjoint blocks of the seeds (consecutive, equal size) and report each claim's hold rate; implies --claims.", valueName: "K"))
    var blocks: Int?

    @Flag(help: "Evaluate the six claims (docs/model.md §10) and print the claims table (always on for the paper preset).")
    var claims = false

    @Flag(help: "Exit with code 3 when a claim fails (implies --claims).")
    var requireClaims = false

    @Flag(help: "No progress bar and no status lines on standard error.")
    var quiet = false

    @Flag(help: "Print the summary (every metric) and claims as JSON instead of tables.")
    var json = false

    @Flag(name: .customLong("no-figures"), help: "Do not draw the run's figures (chorus figures RUN_DIR draws them later).")
    var noFigures = false

    @OptionGroup(title: "Figures (drawn into RUN_DIR/figures from the tables, as 'chorus figures' does)")
    var figureOptions: FigureOptions

    init() {}

    func validate() throws {
        if let t = threads, t < 1 { throw ValidationError("--threads must be at least 1, got \(t)") }
        // One OS thread each (8 MB stacks): a typo like 100000 must not try to start them all.
        if let t = threads, t > 1024 { throw ValidationError("--threads must be at most 1024, got \(t)") }
        if let b = blocks, b < 1 || b > 10_000 { throw ValidationError("--blocks must be in 1...10000, got \(b)") }
    }

    func run() throws {
        try CLIErrors.reporting { _ = try execute() }
    }

    /// Resolves the configuration from the options.
    func resolveConfiguration() throws -> (config: SimulationConfig, source: String) {
        let presetName = preset ?? "default"
        let base = try Presets.config(named: presetName)
        var builder: ConfigBuilder
        var source = "preset \(presetName)"
        if let file = configFile {
            builder = try ConfigBuilder(contentsOf: file, base: preset == nil ? SimulationConfig() : base)
            source = preset == nil ? file : "preset \(presetName) + \(file)"
        } else {
            builder = ConfigBuilder(config: base, source: source)
        }
        for a in assignments { try builder.set(a) }
        if let s = seeds { try builder.setSeeds(s) }
        if let r = regimes { try builder.setRegimes(r) }
        if let t = transcripts { try builder.set("output.transcripts", to: t, source: "--transcripts \(t)") }
        return (try builder.build(), source)
    }

    /// What a finished run produced, for commands that build on `simulate` (`reproduce`).
    struct Outcome {
        var config: SimulationConfig
        var summary: [SummaryRow]
        var claims: [ClaimResult]?
        var replication: [ReplicatedClaim]?
        var directory: URL
    }

    /// Runs the experiment, writes the run directory, prints the tables; returns what it made.
    func execute() throws -> Outcome {
        let (config, source) = try resolveConfiguration()
        let experiment = try Experiment(config: config)
        // Memory on this many threads (validation assumed one), then the output folder, both
        // before the compute: a run too large or a bad --out fails at once.
        try MemoryEstimate.check(config, threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
        let target = try OutputTarget.prepare(out: out, force: force,
                                              defaultBase: RunDirectory.defaultBase(name: config.name, date: Date()), quiet: quiet)
        do {
            return try execute(config: config, source: source, experiment: experiment, target: target)
        } catch {
            target.abandon()
            throw error
        }
    }

    private func execute(config: SimulationConfig, source: String, experiment: Experiment, target: OutputDirectory) throws -> Outcome {
        let console = Console.current
        // The paper preset, also when saved with `presets show paper` and run with --config.
        let evaluateClaims = claims || requireClaims || blocks != nil || preset == "paper" || config.name == "paper"
        var seedBlocks: [[UInt64]]? = nil
        if let k = blocks {
            guard config.seeds.count % k == 0 else {
                throw SimulationError.invalidValue(path: "--blocks", value: "\(k)",
                                                   allowed: "a divisor of the number of seeds (\(config.seeds.count)), so that the blocks have equal size")
            }
            seedBlocks = ClaimReplication.blocks(config.seeds, count: k, size: config.seeds.count / k)
        }
        let workers = threads ?? ProcessInfo.processInfo.activeProcessorCount
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
        let claimResults = evaluateClaims ? Claims.evaluate(summary) : nil
        let replication = seedBlocks.map { ClaimReplication.evaluate(result, blocks: $0) }
        let dir = target.destination
        let manifest = RunManifest(runID: RunDirectory.runID(for: config), source: source, config: config,
                                   toolVersion: ChorusVersion.string, gitCommit: RunManifest.gitCommit(),
                                   start: start, end: end, wallSeconds: wall, threads: workers)
        // The figures are drawn from the tables inside the staging folder, before it is renamed
        // into place, so a finished run directory always holds its complete figure set.
        let (files, drawn) = try OutputTarget.write(target) { staging -> ([String], FiguresCommand.Drawn?) in
            let files = try RunDirectory.write(RunOutput(result: result, summary: summary, claims: claimResults, manifest: manifest,
                                                         replication: replication), to: staging)
            guard !noFigures else { return (files, nil) }
            // From the tables just written, exactly as `chorus figures DIR` would draw them.
            let d = try FiguresCommand.render(run: staging, options: figureOptions)
            return (files, d.relocated(from: staging, to: dir))
        }

        if json {
            console.out(SimulateReport.json(dir: dir.path, runID: manifest.runID, wallSeconds: wall, summary: summary, claims: claimResults))
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
        if requireClaims, let c = claimResults, c.contains(where: { !$0.holds }) {
            console.err("error: \(c.filter { !$0.holds }.count) of \(c.count) claims fail (--require-claims)\n")
            throw ExitCode(CLIErrors.claimFailed)
        }
        return Outcome(config: config, summary: summary, claims: claimResults, replication: replication, directory: dir)
    }
}

/// The text printed by `chorus simulate`.
enum SimulateReport {
    /// The metrics of the summary table.
    static let metrics = ["accuracy.final", "entropy.chain", "disagreement.chain"]

    /// `mean [lower, upper]` with three decimals.
    static func cell(_ s: Summary?) -> String {
        guard let s else { return "—" }
        return String(format: "%.3f [%.3f, %.3f]", s.mean, s.lower, s.upper)
    }

    /// Regime × iteration rows, one column per metric: mean and 95% CI over seeds.
    static func summaryTable(_ summary: [SummaryRow], regimes: [String]) -> String {
        var index: [String: Summary] = [:]
        var iterations = Set<Int>()
        for r in summary where metrics.contains(r.metric) {
            index["\(r.regime)|\(r.iteration)|\(r.metric)"] = r.summary
            iterations.insert(r.iteration)
        }
        let n = summary.first?.summary.n ?? 0
        // Regimes measured on fewer seeds (placebo twins under `placebo_seeds`) say so.
        var seedsOf: [String: Int] = [:]
        for r in summary where r.metric == MetricName.accuracyFinal { seedsOf[r.regime] = max(seedsOf[r.regime] ?? 0, r.summary.n) }
        let fewer = regimes.filter { (seedsOf[$0] ?? n) != n }
        var rows: [[String]] = [["regime", "iter"] + metrics.map { "\($0) (95% CI)" }]
        for regime in regimes {
            for it in iterations.sorted() {
                rows.append([regime, "\(it)"] + metrics.map { cell(index["\(regime)|\(it)|\($0)"]) })
            }
        }
        var note = ""
        if let first = fewer.first {
            let counts = Set(fewer.map { seedsOf[$0]! })
            note = counts.count == 1 && fewer.allSatisfy({ $0.hasSuffix(Regime.placeboSuffix) })
                ? " (the placebo twins over \(seedsOf[first]!))"
                : " (" + fewer.map { "\($0) over \(seedsOf[$0]!)" }.joined(separator: ", ") + ")"
        }
        return "Means over \(n) seed(s)\(note) with 95% t intervals (summary.csv has every metric):\n" + TextTable.render(rows)
    }

    /// One line per claim: number, HOLDS/FAILS, statement, then the figures behind it.
    static func claimsTable(_ claims: [ClaimResult]) -> String {
        var s = "Claims (DESIGN §2): \(claims.filter(\.holds).count) of \(claims.count) hold\n"
        for c in claims {
            s += "  \(c.number). \(c.holds ? "HOLDS" : "FAILS")  \(c.statement)\n"
            s += "           \(c.evidence)\n"
        }
        return s
    }

    /// Each claim's hold rate over the blocks and its pooled effect sizes.
    static func replicationTable(_ claims: [ReplicatedClaim], blocks: [[UInt64]]) -> String {
        let k = blocks.count, b = blocks.first?.count ?? 0
        let first = blocks.first?.first ?? 0, last = blocks.last?.last ?? 0
        var s = "Replication: each claim judged on \(k) disjoint blocks of \(b) seeds (\(first)–\(last)); effects pooled over all \(k * b) seeds:\n"
        for c in claims {
            s += "  \(c.number). holds in \(c.held)/\(k) blocks (\(Int((c.holdRate * 100).rounded()))%)"
            s += "; pooled: \(c.pooled.holds ? "HOLDS" : "FAILS")\n"
            for e in c.pooled.effects {
                // An effect over fewer seeds (a placebo contrast under `placebo_seeds`) says so.
                s += "       \(e.name): \(cell(e.summary))" + (e.summary.n != k * b ? " (\(e.summary.n) seeds)" : "") + "\n"
            }
        }
        return s
    }

    /// The negative controls: each placebo twin's accuracy change from base (95% CI over seeds);
    /// a regime without an artefact shows no change (the CI inside ±0.01 at enough seeds).
    static func placeboTable(_ summary: [SummaryRow], regimes: [String]) -> String {
        var index: [String: Summary] = [:]
        var last = 0
        for r in summary where r.metric == Contrasts.minusBase || r.metric == MetricName.accuracyFinal {
            index["\(r.regime)|\(r.iteration)|\(r.metric)"] = r.summary
            last = max(last, r.iteration)
        }
        var rows: [[String]] = [["placebo twin", "seeds", "accuracy at base", "it1 − base", "it\(last) − base", "inside ±0.01"]]
        for regime in regimes where regime.hasSuffix(Regime.placeboSuffix) {
            let d1 = index["\(regime)|1|\(Contrasts.minusBase)"], dl = index["\(regime)|\(last)|\(Contrasts.minusBase)"]
            let inside = [d1, dl].allSatisfy { d in d.map { $0.lower >= -0.01 && $0.upper <= 0.01 } ?? false }
            let base = index["\(regime)|0|\(MetricName.accuracyFinal)"]
            rows.append([regime, base.map { "\($0.n)" } ?? "—", cell(base), cell(d1), cell(dl), inside ? "yes" : "no"])
        }
        return "Negative controls (no correctness signal anywhere; expected accuracy 1/A at every iteration):\n" + TextTable.render(rows)
    }

    static func json(dir: String, runID: String, wallSeconds: Double, summary: [SummaryRow], claims: [ClaimResult]?) -> String {
        var s = "{\n  \"run_dir\": \(JSONText.quote(dir)),\n  \"run_id\": \(JSONText.quote(runID)),\n"
        s += "  \"wall_time_seconds\": \(JSONText.number((wallSeconds * 1000).rounded() / 1000)),\n"
        s += "  \"summary\": [\n" + summary.map { r in
            "    {\"regime\": \(JSONText.quote(r.regime)), \"iteration\": \(r.iteration), \"metric\": \(JSONText.quote(r.metric)), "
            + "\"n\": \(r.summary.n), \"mean\": \(JSONText.number(r.summary.mean)), \"ci_lower\": \(JSONText.number(r.summary.lower)), "
            + "\"ci_upper\": \(JSONText.number(r.summary.upper))}"
        }.joined(separator: ",\n") + "\n  ]"
        if let claims {
            s += ",\n  \"claims\": [\n" + claims.map { c in
                "    {\"claim\": \(c.number), \"holds\": \(c.holds), \"statement\": \(JSONText.quote(c.statement)), \"evidence\": \(JSONText.quote(c.evidence))}"
            }.joined(separator: ",\n") + "\n  ]"
        }
        return s + "\n}\n"
    }
}
