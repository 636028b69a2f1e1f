import ArgumentParser
import Foundation
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
        Exit codes as for 'chorus simulate'; with --require-claims, 3 when a claim fails.
        """)

    @Option(help: ArgumentHelp("Run directory (default: notebooks-data/paper-<UTC time>).", valueName: "dir"))
    var out: String?

    @Option(help: ArgumentHelp("Folder for the figures.", valueName: "dir"))
    var figures: String = "figures"

    @Option(help: ArgumentHelp("Seeds as a range or list (default: the preset's).", valueName: "seeds"))
    var seeds: String?

    @Option(help: ArgumentHelp("Worker threads (default: all cores). Results do not depend on it.", valueName: "n"))
    var threads: Int?

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

    @Flag(help: "Replace existing paper-* figures in --figures and a non-empty --out (without it, either is refused before the simulation).")
    var force = false

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
        guard placeboBlocks >= 1 else { throw ValidationError("--placebo-blocks must be at least 1, got \(placeboBlocks)") }
        guard seedOffset <= UInt64.max - UInt64(blocks * blockSize) else { throw ValidationError("--seed-offset too large") }
    }

    /// The `simulate` arguments this command runs.
    var simulateArguments: [String] {
        var args = ["--preset", "paper", "--claims", "--no-figures"]
        let (k, b) = quick ? (2, 10) : (blocks, blockSize)
        // The placebo twins on the first P blocks only (`placebo_seeds`; P ≥ K: every seed),
        // before the user's --config/--set so that an explicit placebo_seeds there wins.
        // Given --seeds, the blocks are its K equal parts (simulate checks that K divides it).
        let seedCount = seeds.flatMap { try? SeedList.parse($0).count } ?? k * b
        if placeboBlocks < k, seedCount % k == 0 {
            args += ["--set", "placebo_seeds=\(placeboBlocks * (seedCount / k))"]
        }
        args += configSource.simulateArguments
        if let out { args += ["--out", out] }
        if force { args.append("--force") }
        args += ["--seeds", seeds ?? "\(seedOffset + 1)-\(seedOffset + UInt64(k * b))", "--blocks", "\(k)"]
        if quick { args += ["--set", "task.train_questions=200", "--set", "task.test_questions=200"] }
        if let threads { args += ["--threads", "\(threads)"] }
        if quiet { args.append("--quiet") }
        return args
    }

    func run() throws {
        try CLIErrors.reporting {
            let figureDir = URL(fileURLWithPath: figures, isDirectory: true)
            // Fail on an unwritable figure folder, or on paper-* figures already there (without
            // --force), before the simulation, not after. The figures are drawn into a staging
            // folder and replace the old set only when all are drawn (FigureSetTarget).
            try FigureOutput.check(figureDir.appendingPathComponent("paper-accuracy.png"))
            let set = try FigureSetTarget.prepare(folder: figureDir, prefix: "paper-", force: force, option: "--figures")
            let outcome: SimulateCommand.Outcome, drawn: FiguresCommand.Drawn
            do {
                outcome = try SimulateCommand.parse(simulateArguments).execute()
                let staged = try FiguresCommand.render(run: outcome.directory, into: set.staging, prefix: "paper-", options: figureOptions)
                _ = try set.commit()
                drawn = staged.relocated(from: set.staging, to: figureDir)
            } catch { set.abandon(); throw error }
            Console.current.out("\n" + FiguresCommand.report(run: outcome.directory, drawn))
            if requireClaims, let c = outcome.claims, c.contains(where: { !$0.holds }) {
                Console.current.err("error: \(c.filter { !$0.holds }.count) of \(c.count) claims fail (--require-claims)\n")
                throw ExitCode(CLIErrors.claimFailed)
            }
        }
    }
}
