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

        \(ExitStatus.help([.success, .claimFailed, .usage, .dataError, .fileError, .internalError]))

        Examples:
          chorus simulate --preset quick
          chorus simulate --preset paper --threads 2 --out runs/paper
          chorus simulate --config my.yaml --set debate.rounds=3 --seeds 1-20
          chorus simulate --preset quick --regimes multiagent --transcripts 0,2 --json
        """)

    @OptionGroup var presetOption: PresetOption

    @OptionGroup var configSource: ConfigSourceOptions

    @Option(help: ArgumentHelp("Seeds as a range or list: 1-20, 1,2,3 or 1-3,7.", valueName: "seeds"))
    var seeds: String?

    @Option(help: ArgumentHelp("Regimes to run, comma-separated, e.g. single-agent,multiagent.", valueName: "list"))
    var regimes: String?

    @OptionGroup var threadOptions: ThreadOptions

    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("Write the test debates of these iterations as JSON Lines, e.g. 0,5.", valueName: "iterations"))
    var transcripts: String?

    @Option(help: ArgumentHelp("Also judge the claims on K disjoint blocks of the seeds (consecutive, equal size) and report each claim's hold rate; implies --claims.", valueName: "K"))
    var blocks: Int?

    @Flag(help: "Evaluate the six claims (docs/model.md §10) and print the claims table (always on for the paper preset).")
    var claims = false

    @Flag(help: "Exit with code 3 when a claim fails (implies --claims).")
    var requireClaims = false

    @OptionGroup var quietOption: QuietOption

    @Flag(help: "Print the summary (every metric) and claims as JSON instead of tables.")
    var json = false

    @Flag(name: .customLong("no-figures"), help: "Do not draw the run's figures (chorus figures RUN_DIR draws them later).")
    var noFigures = false

    @OptionGroup(title: "Figures (drawn into RUN_DIR/figures from the tables, as 'chorus figures' does)")
    var figureOptions: FigureOptions

    init() {}

    func validate() throws {
        if let b = blocks, b < 1 || b > 10_000 { throw ValidationError("--blocks must be in 1...10000, got \(b)") }
    }

    func run() throws {
        try CLIErrors.reporting { _ = try execute() }
    }

    /// Resolves the configuration from the options: the preset, --config, --set, then --seeds,
    /// --regimes and --transcripts.
    func resolveConfiguration() throws -> (config: SimulationConfig, source: String) {
        var (builder, source) = try configSource.builder(preset: presetOption.preset)
        if let s = seeds { try builder.setSeeds(s) }
        if let r = regimes { try builder.setRegimes(r) }
        if let t = transcripts { try builder.set("output.transcripts", to: t, source: "--transcripts \(t)") }
        return (try builder.build(), source)
    }

    /// Runs the experiment, writes the run directory, prints the tables; returns what it made.
    func execute() throws -> SimulationRun.Outcome {
        let (config, source) = try resolveConfiguration()
        // The paper preset, also when saved with `presets show paper` and run with --config.
        let evaluateClaims = claims || requireClaims || blocks != nil || presetOption.preset == "paper" || config.name == "paper"
        let run = SimulationRun(config: config, source: source, threads: threadOptions.count, output: output,
                                quiet: quietOption.quiet, claims: evaluateClaims, blocks: blocks,
                                figures: noFigures ? nil : figureOptions, json: json)
        let outcome = try run.execute()
        if requireClaims { try SimulationRun.requireClaims(outcome.claims) }
        return outcome
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
        var s = "Claims (docs/design.md §2): \(claims.filter(\.holds).count) of \(claims.count) hold\n"
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

    /// The `--json` report, through `JSONFile` (pretty, sorted keys; non-finite numbers `null`).
    static func json(dir: String, runID: String, wallSeconds: Double, summary: [SummaryRow], claims: [ClaimResult]?) throws -> String {
        try JSONFile.text(Report(runDir: dir, runID: runID, wallTimeSeconds: (wallSeconds * 1000).rounded() / 1000,
                                 summary: summary.map { r in
                                     .init(regime: r.regime, iteration: r.iteration, metric: r.metric, n: r.summary.n,
                                           mean: JSONFile.finite(r.summary.mean), ciLower: JSONFile.finite(r.summary.lower),
                                           ciUpper: JSONFile.finite(r.summary.upper))
                                 },
                                 claims: claims?.map { .init(claim: $0.number, holds: $0.holds, statement: $0.statement, evidence: $0.evidence) }))
    }

    struct Report: Encodable {
        struct Row: Encodable {
            var regime: String
            var iteration: Int
            var metric: String
            var n: Int
            @ExplicitNull var mean: Double?
            @ExplicitNull var ciLower: Double?
            @ExplicitNull var ciUpper: Double?
            enum CodingKeys: String, CodingKey { case regime, iteration, metric, n, mean, ciLower = "ci_lower", ciUpper = "ci_upper" }
        }
        struct Claim: Encodable { var claim: Int; var holds: Bool; var statement, evidence: String }
        var runDir, runID: String
        var wallTimeSeconds: Double
        var summary: [Row]
        /// Omitted when no claims were evaluated.
        var claims: [Claim]?
        enum CodingKeys: String, CodingKey { case runDir = "run_dir", runID = "run_id", wallTimeSeconds = "wall_time_seconds", summary, claims }
    }
}
