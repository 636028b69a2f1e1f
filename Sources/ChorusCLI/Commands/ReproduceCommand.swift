import ArgumentParser
import Foundation
import ChorusRecords
import ChorusSimulation
import ChorusFigures

/// `chorus reproduce`: the main job. Runs the `paper` preset (every regime and its placebo twin;
/// a YAML file and single keys may be laid over it) on K disjoint blocks of B seeds (default
/// 10 × 50, seeds 1–500, none of them used for calibration; the placebo twins on the first
/// `--placebo-blocks` blocks, default 2 = seeds 1–100), prints the summary, the claims
/// with their hold rates over the blocks and their pooled effect sizes, and the negative
/// controls; writes the run directory, and draws the paper figures from its tables into
/// `figures/` (as `chorus figures RUN_DIR --prefix paper-`).
struct ReproduceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reproduce",
        abstract: "The main job: run the paper preset, print its claims table and draw its figures.",
        discussion: """
        Equivalent to 'chorus simulate --preset paper --seeds O+1-O+K·B --blocks K' (O = \
        --seed-offset, K = --blocks, B = --block-size; default seeds 1-500 in 10 blocks of 50, \
        disjoint from the calibration seeds 1001-1060 of docs/model.md; the placebo twins run on \
        the first --placebo-blocks blocks only, default 2, i.e. seeds 1-100, set as \
        placebo_seeds) followed by \
        'chorus figures RUN_DIR --out figures --prefix paper-': every figure that applies, as PNG \
        (300 dpi), PDF and SVG at paper size (figures/README.md shows them). --config and --set \
        change the preset as for 'chorus simulate'. Existing paper-* figures in --figures (and a \
        non-empty --out) are refused before the simulation unless --force, which replaces the \
        whole set once the new figures are drawn.
        \(ExitStatus.help([.success, .claimFailed, .usage, .dataError, .fileError, .internalError]))
        """)

    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("Folder for the figures.", valueName: "dir"))
    var figures: String = "figures"

    @Option(help: ArgumentHelp("Seeds as a range or list (default: the blocks' seeds, O+1-O+K·B).", valueName: "seeds"))
    var seeds: String?

    @OptionGroup var threadOptions: ThreadOptions

    @Option(help: ArgumentHelp("Disjoint seed blocks on which each claim is judged.", valueName: "K"))
    var blocks: Int = 10

    @Option(help: ArgumentHelp("Seeds per block.", valueName: "B"))
    var blockSize: Int = 50

    @Option(help: ArgumentHelp("The blocks' seeds are offset+1 … offset+K·B.", valueName: "O"))
    var seedOffset: UInt64 = 0

    @Option(help: ArgumentHelp("Seed blocks on which the placebo twins run: the first P of the K blocks (default 2, i.e. 100 of the default 500 seeds; P ≥ K runs them on every seed).", valueName: "P"))
    var placeboBlocks: Int = 2

    @Flag(help: "A smoke version in seconds: 2 blocks of 10 seeds, 200 + 200 questions (claims are underpowered there).")
    var quick = false

    @OptionGroup(title: "Configuration (laid over the paper preset)")
    var configSource: ConfigSourceOptions

    @OptionGroup(title: "Figures")
    var figureOptions: FigureOptions

    @Flag(help: "Exit with code 3 when a claim fails.")
    var requireClaims = false

    @OptionGroup var quietOption: QuietOption

    init() {}

    func validate() throws {
        guard (1...1000).contains(blocks) else { throw ValidationError("--blocks must be in 1...1000, got \(blocks)") }
        guard (2...10_000).contains(blockSize) else { throw ValidationError("--block-size must be in 2...10000 (one seed has no interval), got \(blockSize)") }
        guard blocks * blockSize <= 100_000 else { throw ValidationError("--blocks × --block-size must be at most 100000 seeds, got \(blocks * blockSize)") }
        guard placeboBlocks >= 1 else { throw ValidationError("--placebo-blocks must be at least 1, got \(placeboBlocks)") }
        guard seedOffset <= UInt64.max - UInt64(blocks * blockSize) else { throw ValidationError("--seed-offset too large") }
    }

    /// The blocks: `--quick` 2 × 10, else `--blocks` × `--block-size`.
    var blockShape: (count: Int, size: Int) { quick ? (2, 10) : (blocks, blockSize) }

    /// The paper preset, --config and --set laid over it, then `--quick`'s sizes and the seeds,
    /// as `chorus simulate --preset paper --config … --set … --seeds …` resolves them.
    func resolveConfiguration() throws -> (config: SimulationConfig, source: String) {
        var (builder, source) = try configSource.builder(preset: "paper")
        if quick {
            try builder.set("task.train_questions=200")
            try builder.set("task.test_questions=200")
        }
        let (k, b) = blockShape
        try builder.setSeeds(seeds ?? "\(seedOffset + 1)-\(seedOffset + UInt64(k * b))")
        // The placebo twins on the first P blocks only (`placebo_seeds`; P ≥ K: every seed),
        // unless --config or --set chose placebo_seeds (a --set placebo_seeds=0 runs them on
        // every seed). Given --seeds, the blocks are its K equal parts (checked by the run).
        let seedCount = builder.config.seeds.count
        let chosen = builder.config.placeboSeeds != 0 || configSource.assignments.contains { $0.hasPrefix("placebo_seeds=") }
        if !chosen, placeboBlocks < k, seedCount % k == 0 {
            try builder.set("placebo_seeds=\(placeboBlocks * (seedCount / k))")
        }
        return (try builder.build(), source)
    }

    /// The simulation this command runs (claims on the blocks, no figures in the run directory:
    /// they are drawn into --figures).
    func simulation() throws -> SimulationRun {
        let (config, source) = try resolveConfiguration()
        return SimulationRun(config: config, source: source, threads: threadOptions.count, output: output,
                             quiet: quietOption.quiet, claims: true, blocks: blockShape.count, figures: nil, json: false)
    }

    func run() throws {
        try CLIErrors.reporting {
            let figureDir = URL(fileURLWithPath: figures, isDirectory: true)
            // Fail on an unwritable figure folder, or on paper-* figures already there (without
            // --force), before the simulation, not after. The figures are drawn into a staging
            // folder and replace the old set only when all are drawn (FigureSetTarget).
            try FigureOutput.check(figureDir.appendingPathComponent("paper-accuracy.png"))
            let set = try FigureSetTarget.prepare(folder: figureDir, prefix: "paper-", force: output.force, option: "--figures")
            let outcome: SimulationRun.Outcome, drawn: FiguresCommand.Drawn
            do {
                outcome = try simulation().execute()
                let staged = try FiguresCommand.render(run: outcome.directory, into: set.staging, prefix: "paper-", options: figureOptions)
                _ = try set.commit()
                drawn = staged.relocated(from: set.staging, to: figureDir)
            } catch { set.abandon(); throw error }
            Console.current.out("\n" + FiguresCommand.report(run: outcome.directory, drawn))
            if requireClaims { try SimulationRun.requireClaims(outcome.claims) }
        }
    }
}
