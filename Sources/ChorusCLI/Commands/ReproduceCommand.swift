import ArgumentParser
import Foundation
import ChorusSimulation
import ChorusFigures

/// `chorus reproduce`: the main job. Runs the `paper` preset (every regime, ≥ 10 seeds; a
/// YAML file and single keys may be laid over it), prints the summary and the claims table of
/// DESIGN §2 with their confidence intervals, writes the run directory, and draws the paper
/// figures from its tables into `figures/` (as `chorus figures RUN_DIR --prefix paper-`).
struct ReproduceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reproduce",
        abstract: "The main job: run the paper preset, print its claims table and draw its figures.",
        discussion: """
        Equivalent to 'chorus simulate --preset paper --claims' followed by \
        'chorus figures RUN_DIR --out figures --prefix paper-': every figure that applies, as PNG \
        (300 dpi), PDF and SVG at paper size (figures/README.md shows them). --config and --set \
        change the preset as for 'chorus simulate'.
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

    @OptionGroup(title: "Configuration (laid over the paper preset)")
    var configSource: ConfigSourceOptions

    @OptionGroup(title: "Figures")
    var figureOptions: FigureOptions

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
    }

    /// The `simulate` arguments this command runs.
    var simulateArguments: [String] {
        var args = ["--preset", "paper", "--claims", "--no-figures"] + configSource.simulateArguments
        if let out { args += ["--out", out] }
        if let seeds { args += ["--seeds", seeds] }
        if let threads { args += ["--threads", "\(threads)"] }
        if quiet { args.append("--quiet") }
        return args
    }

    func run() throws {
        try CLIErrors.reporting {
            let figureDir = URL(fileURLWithPath: figures, isDirectory: true)
            // Fail on an unwritable figure folder before the simulation, not after.
            try FigureOutput.check(figureDir.appendingPathComponent("paper-accuracy.png"))
            let outcome = try SimulateCommand.parse(simulateArguments).execute()
            let drawn = try FiguresCommand.render(run: outcome.directory, into: figureDir, prefix: "paper-", options: figureOptions)
            Console.current.out("\n" + FiguresCommand.report(run: outcome.directory, drawn))
            if requireClaims, let c = outcome.claims, c.contains(where: { !$0.holds }) {
                Console.current.err("error: \(c.filter { !$0.holds }.count) of \(c.count) claims fail (--require-claims)\n")
                throw ExitCode(CLIErrors.claimFailed)
            }
        }
    }
}
