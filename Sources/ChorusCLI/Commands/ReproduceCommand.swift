import ArgumentParser
import Foundation
import ChorusSimulation
import ChorusFigures

/// `chorus reproduce`: the main job. Runs the `paper` preset (every regime and its placebo twin)
/// on K disjoint blocks of B seeds (default 10 × 50, seeds 1–500, none of them used for
/// calibration), prints the summary, the claims with their hold rates over the blocks and
/// their pooled effect sizes, and the negative controls; writes the run directory, and draws
/// the paper figures into `figures/`.
struct ReproduceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reproduce",
        abstract: "The main job: run the paper preset, print its claims table and draw its figures.",
        discussion: """
        Equivalent to 'chorus simulate --preset paper --seeds O+1-O+K·B --blocks K' (O = \
        --seed-offset, K = --blocks, B = --block-size; default seeds 1-500 in 10 blocks of 50, \
        disjoint from the calibration seeds 1001-1060 of docs/model.md) followed by the figures:
          <figures>/paper-accuracy-disagreement.{png,pdf}  accuracy and disagreement, single-agent vs multiagent
          <figures>/paper-accuracy-regimes.png             held-out accuracy of every regime (ablations)
          <figures>/paper-entropy.png                      per-agent chain entropy
          <figures>/paper-kl-base.png                      KL from base: multiagent critics, generators, single agent
        Every curve is a mean over seeds with a shaded 95% t interval.
        Exit codes as for 'chorus simulate'; with --require-claims, 3 when a claim fails.
        """)

    @Option(help: ArgumentHelp("Run directory (default: notebooks-data/paper-<UTC time>).", valueName: "dir"))
    var out: String?

    @Option(help: ArgumentHelp("Folder for the figures.", valueName: "dir"))
    var figures: String = "figures"

    @Option(help: ArgumentHelp("Seeds as a range or list, instead of the blocks' seeds (then --blocks must divide their number).", valueName: "seeds"))
    var seeds: String?

    @Option(help: ArgumentHelp("Disjoint seed blocks on which each claim is judged.", valueName: "K"))
    var blocks: Int = 10

    @Option(help: ArgumentHelp("Seeds per block.", valueName: "B"))
    var blockSize: Int = 50

    @Option(help: ArgumentHelp("The blocks' seeds are offset+1 … offset+K·B.", valueName: "O"))
    var seedOffset: UInt64 = 0

    @Option(help: ArgumentHelp("Worker threads (default: all cores). Results do not depend on it.", valueName: "n"))
    var threads: Int?

    @Flag(help: "A smoke version in seconds: 2 blocks of 10 seeds, 200 + 200 questions (claims are underpowered there).")
    var quick = false

    @Flag(help: "Exit with code 3 when a claim fails.")
    var requireClaims = false

    @Flag(help: "No progress bar and no status lines on standard error.")
    var quiet = false

    init() {}

    /// The options forwarded to `simulate` are checked here, so that a bad value is a usage
    /// error of this command (parsed inside `run`, it surfaced as a raw `CommandError(…)` dump).
    func validate() throws {
        if let t = threads, t < 1 { throw ValidationError("--threads must be at least 1, got \(t)") }
        // One OS thread each (8 MB stacks): a typo like 100000 must not try to start them all.
        if let t = threads, t > 1024 { throw ValidationError("--threads must be at most 1024, got \(t)") }
        guard (1...1000).contains(blocks) else { throw ValidationError("--blocks must be in 1...1000, got \(blocks)") }
        guard (2...10_000).contains(blockSize) else { throw ValidationError("--block-size must be in 2...10000 (one seed has no interval), got \(blockSize)") }
        guard blocks * blockSize <= 100_000 else { throw ValidationError("--blocks × --block-size must be at most 100000 seeds, got \(blocks * blockSize)") }
        guard seedOffset <= UInt64.max - UInt64(blocks * blockSize) else { throw ValidationError("--seed-offset too large") }
    }

    func run() throws {
        try CLIErrors.reporting {
            let figureDir = URL(fileURLWithPath: figures, isDirectory: true)
            // Fail on an unwritable figure folder before the simulation, not after.
            try FigureOutput.check(figureDir.appendingPathComponent("paper-accuracy-disagreement.png"))
            var args = ["--preset", "paper", "--claims"]
            if let out { args += ["--out", out] }
            let (k, b) = quick ? (2, 10) : (blocks, blockSize)
            args += ["--seeds", seeds ?? "\(seedOffset + 1)-\(seedOffset + UInt64(k * b))", "--blocks", "\(k)"]
            if quick { args += ["--set", "task.train_questions=200", "--set", "task.test_questions=200"] }
            if let threads { args += ["--threads", "\(threads)"] }
            if quiet { args.append("--quiet") }
            let outcome = try SimulateCommand.parse(args).execute()
            let written = try Self.drawFigures(outcome, into: figureDir)
            Console.current.out("\nFigures:\n" + written.map { "  \($0.path)\n" }.joined())
            if requireClaims, let c = outcome.claims, c.contains(where: { !$0.holds }) {
                Console.current.err("error: \(c.filter { !$0.holds }.count) of \(c.count) claims fail (--require-claims)\n")
                throw ExitCode(CLIErrors.claimFailed)
            }
        }
    }

    /// Draws the paper figures of a finished run; returns the files written.
    static func drawFigures(_ outcome: SimulateCommand.Outcome, into dir: URL) throws -> [URL] {
        let regimes = outcome.config.regimes
        let s = outcome.summary
        var written: [URL] = []
        // The headline contrast (claims 1–4) in the main figure; every regime in its own figure.
        let headline = regimes.filter { ["single-agent", "multiagent"].contains($0) }
        let main = SimulationFigures.accuracyAndDisagreement(s, regimes: headline.isEmpty ? regimes : headline)
        for ext in ["png", "pdf"] {
            let url = dir.appendingPathComponent("paper-accuracy-disagreement.\(ext)")
            try main.render(to: url, size: FigureSize(width: 1800, height: 800))
            written.append(url)
        }
        let entropy = SimulationFigures.metricByIteration(s, metric: MetricName.entropyChain, regimes: regimes,
                                                          title: "Per-agent chain entropy (held-out)", yLabel: "entropy (nats)")
        let kl = SimulationFigures.klByRole(s)
        let all = SimulationFigures.metricByIteration(s, metric: MetricName.accuracyFinal, regimes: regimes,
                                                      title: "Held-out accuracy, every regime", yLabel: "accuracy")
        for (chart, name) in [(entropy, "paper-entropy.png"), (kl, "paper-kl-base.png"), (all, "paper-accuracy-regimes.png")] {
            let url = dir.appendingPathComponent(name)
            try chart.render(to: url)
            written.append(url)
        }
        return written
    }
}
