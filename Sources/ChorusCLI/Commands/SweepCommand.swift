import ArgumentParser
import Foundation
import ChorusRecords
import ChorusSimulation
import ChorusFigures

/// `chorus sweep`: run a configuration over axes of any configuration keys, one durable file
/// per point, resumable, shardable over machines, merged into tidy tables and a phase diagram
/// (docs/scaling.md).
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Sweep any configuration keys: resumable, shardable (Slurm, GNU parallel), merged into tidy tables.",
        discussion: """
        chorus sweep run    run the points (all, or one shard with --shard i/n) into a sweep directory
        chorus sweep merge  combine sweep directories (shards) into the tables and the figure
        chorus sweep plan   list the points without running them
        Examples:
          chorus sweep run --builtin phase --out sweeps/phase
          chorus sweep run --preset quick --axis agents.count=2,4,8 --axis finetune.learning_rate=0.1:1:4 --seeds 5
          chorus sweep run --spec my-sweep.yaml --shard 3/16 --out /scratch/sweep   # one Slurm array task
          chorus sweep merge --spec my-sweep.yaml --out results /scratch/sweep
        docs/scaling.md has the spec format, the Slurm and GNU parallel recipes and timings.
        """,
        subcommands: [SweepRunCommand.self, SweepMergeCommand.self, SweepPlanCommand.self],
        defaultSubcommand: SweepRunCommand.self)
}

/// The options that define a sweep (shared by run, merge and plan, so a merge is given the same
/// sweep as its shards).
struct SweepSpecOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Read the sweep spec from this YAML file (flags below override its fields).", valueName: "file"))
    var spec: String?

    @Option(help: ArgumentHelp("A built-in sweep: \(BuiltinSweeps.names.joined(separator: ", ")).", valueName: "name"))
    var builtin: String?

    @OptionGroup var presetOption: PresetOption

    @OptionGroup var configSource: ConfigSourceOptions

    @Option(name: .customLong("axis"), help: ArgumentHelp("An axis: key=v1,v2,… | key=lo:hi:n | key=lo..hi (sampled designs); repeatable, each key once.", valueName: "axis"))
    var axes: [String] = []

    @Option(help: ArgumentHelp("How the points are placed (default: grid).", valueName: "design"))
    var design: SweepSpec.Design?

    @Option(help: ArgumentHelp("Points of a sampled design.", valueName: "n"))
    var samples: Int?

    @Option(help: ArgumentHelp("Seeds per point.", valueName: "n"))
    var seeds: Int?

    @Option(help: ArgumentHelp("Points run seeds offset+1 … offset+seeds.", valueName: "k"))
    var seedOffset: UInt64?

    @Option(help: ArgumentHelp("Metrics kept in the tables, comma-separated (default: all).", valueName: "names"))
    var metrics: String?

    @Option(help: ArgumentHelp("Claims judged at each point: all, none, or numbers, e.g. 1,3 (default: all).", valueName: "list"),
            transform: ClaimSelection.parse)
    var claims: ClaimSelection?

    @Flag(help: "Do not judge the claims at each point (the same as --claims none).")
    var noClaims = false

    @Option(help: ArgumentHelp("Name of the sweep (default directory notebooks-data/sweep-<name>).", valueName: "name"))
    var name: String?

    /// The spec: the file or built-in, then the flags.
    func resolve() throws -> SweepSpec {
        guard spec == nil || builtin == nil else { throw ValidationError("give --spec or --builtin, not both") }
        var s: SweepSpec
        if let file = spec { s = try SweepSpec.load(contentsOf: file) }
        else if let b = builtin { s = try BuiltinSweeps.spec(named: b) }
        else { s = SweepSpec() }
        if !axes.isEmpty {
            let parsed = try axes.map(SweepAxis.parse)
            if spec != nil || builtin != nil { s.axes = [] }
            s.axes += parsed
        }
        if let preset = presetOption.preset { s.preset = preset }
        if let configFile = configSource.configFile { s.configFile = configFile }
        s.set += configSource.assignments
        if let design { s.design = design }
        if let samples { s.samples = samples }
        if let seeds {
            guard (1...100_000).contains(seeds) else { throw ValidationError("--seeds must be 1…100000, got \(seeds)") }
            s.seeds = seeds
        }
        if let seedOffset { s.seedOffset = seedOffset }
        if let metrics { s.metrics = metrics.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) } }
        if noClaims, claims != nil { throw ValidationError("give --claims or --no-claims, not both") }
        if noClaims { s.claims = [] }
        if let claims { s.claims = claims.claims }
        if let name { s.name = name }
        try s.checkShape(source: spec ?? (builtin.map { "built-in \($0)" } ?? "command line"))
        return s
    }

    func defaultDirectory(_ s: SweepSpec) -> URL { URL(fileURLWithPath: "notebooks-data/sweep-\(s.name)") }
}

/// `--shard i/n` (0 ≤ i < n).
struct Shard: Equatable {
    var index: Int, count: Int

    /// Why a value is not a shard; the argument parser prints it after the option and value.
    struct Invalid: Error, CustomStringConvertible { var description: String }

    /// Parses the option's value (`@Option(transform:)`, so that the error says what is expected).
    static func parse(_ argument: String) throws -> Shard {
        let p = argument.split(separator: "/", omittingEmptySubsequences: false)
        guard p.count == 2, let i = Int(p[0]), let n = Int(p[1]), n >= 1, i >= 0, i < n else {
            throw Invalid(description: "expected i/n with 0 ≤ i < n, e.g. 0/16 … 15/16")
        }
        return Shard(index: i, count: n)
    }
}

struct SweepRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a sweep's points into a sweep directory; resumes where it stopped.",
        discussion: """
        Every point is validated before any runs. Each finished point is written atomically to \
        DIR/points/<id>.json (id = digest of its resolved configuration and seeds); running the \
        same command again skips them, so a killed sweep resumes. Without --shard the tables \
        (sweep-metrics.csv, sweep-summary.csv, sweep-points.csv) and the figure are written to \
        DIR at the end; with --shard i/n only that shard's points run (merge them with `chorus sweep merge`).
        \(ExitStatus.help([.success, .claimFailed, .usage, .dataError, .fileError], meanings: [.claimFailed: "some points failed"]))
        """)

    @OptionGroup var sweep: SweepSpecOptions

    @Option(help: ArgumentHelp("Sweep directory (default: notebooks-data/sweep-<name>).", valueName: "dir"))
    var out: String?

    @Option(help: ArgumentHelp("Run only shard i of n (0 ≤ i < n): points whose index ≡ i (mod n).", valueName: "i/n"),
            transform: Shard.parse)
    var shard: Shard?

    @OptionGroup var threadOptions: ThreadOptions

    @Option(help: ArgumentHelp("Also draw the figure here (.png/.svg/.pdf); default DIR/figures/sweep-figure.{png,pdf,svg} when the spec names a figure.", valueName: "file"))
    var figure: String?

    @OptionGroup var quietOption: QuietOption

    func run() throws { try CLIErrors.reporting { try execute() } }

    func execute() throws {
        let console = Console.current
        let spec = try sweep.resolve()
        if let figure { try FigureOutput.check(URL(fileURLWithPath: figure)) }
        let plan = try SweepPlan(spec: spec, shard: shard.map { ($0.index, $0.count) })
        let dir = out.map { URL(fileURLWithPath: $0) } ?? sweep.defaultDirectory(spec)
        let quiet = quietOption.quiet
        let shardText = shard.map { " shard \($0.index)/\($0.count)," } ?? ""
        if !quiet {
            console.err("chorus sweep: \(plan.count) points,\(shardText) \(spec.seeds ?? plan.base.seeds.count) seeds each, into \(dir.path)/\n")
        }
        let report = try SweepRunner.run(
            plan: plan, directory: dir, toolVersion: ChorusVersion.string,
            shard: shard.map { ($0.index, $0.count) }, threads: threadOptions.threads,
            progressTotal: { total in quiet ? nil : SweepProgress(total: total, terminal: console.stderrIsTerminal, write: console.err) },
            log: { s in if !quiet { console.err(s) } })
        if !quiet {
            console.err("sweep: \(report.computed) computed, \(report.reused) already done, \(report.stale.count) stale recomputed, \(report.failed.count) failed (of \(report.total))\n")
        }
        if shard == nil {
            let collected = try SweepMerge.collect(plan: plan, directories: [dir], toolVersion: ChorusVersion.string, known: report.files)
            let files = try SweepMerge.write(plan: plan, collected: collected, to: dir)
            try SweepMergeCommand.drawFigure(plan: plan, collected: collected, path: figure, directory: dir, console: console)
            console.out("wrote \(files.joined(separator: ", ")) in \(dir.path)/\n")
        } else {
            console.out("shard \(shard!.index)/\(shard!.count): \(report.total) points in \(dir.path)/points; merge with `chorus sweep merge`\n")
        }
        if !report.failed.isEmpty {
            console.error("\(report.failed.count) point(s) failed (recorded in their point files): " +
                          report.failed.prefix(3).map { "point \($0.index): \($0.error)" }.joined(separator: "; "))
            throw ExitStatus.claimFailed.exitCode
        }
    }
}

struct SweepMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine sweep directories (shards) into the sweep's tables; report missing and failed points.",
        discussion: "Give the same sweep (--spec/--builtin/flags) as the shards. The tables are the same bytes as a single-process run's. The tables are written also when points are missing or failed. " +
            ExitStatus.help([.success, .claimFailed, .usage, .dataError, .fileError], meanings: [.claimFailed: "points missing or failed"]))

    @OptionGroup var sweep: SweepSpecOptions

    @Option(help: ArgumentHelp("Where the tables go (default: the first directory).", valueName: "dir"))
    var out: String?

    @Option(help: ArgumentHelp("Figure file (default: OUT/figures/sweep-figure.{png,pdf,svg} when the spec names a figure).", valueName: "file"))
    var figure: String?

    @Argument(help: ArgumentHelp("Sweep directories to merge.", valueName: "dir"))
    var directories: [String]

    func run() throws { try CLIErrors.reporting { try execute() } }

    func execute() throws {
        let console = Console.current
        guard !directories.isEmpty else { throw ValidationError("give at least one sweep directory") }
        let spec = try sweep.resolve()
        if let figure { try FigureOutput.check(URL(fileURLWithPath: figure)) }
        let plan = try SweepPlan(spec: spec)
        let dirs = directories.map { URL(fileURLWithPath: $0) }
        let collected = try SweepMerge.collect(plan: plan, directories: dirs, toolVersion: ChorusVersion.string)
        let target = out.map { URL(fileURLWithPath: $0) } ?? dirs[0]
        let files = try SweepMerge.write(plan: plan, collected: collected, to: target)
        try SweepMergeCommand.drawFigure(plan: plan, collected: collected, path: figure, directory: target, console: console)
        for s in collected.stale { console.err("sweep merge: ignored \(s.path): \(s.reason)\n") }
        let missing = collected.missing, failed = collected.failed
        console.out("merged \(plan.points.count - missing.count - failed.count) of \(plan.points.count) points into \(target.path)/ (\(files.joined(separator: ", ")))\n")
        if !missing.isEmpty || !failed.isEmpty {
            console.error("\(missing.count) point(s) missing" + (missing.isEmpty ? "" : " (\(missing.prefix(10).map(String.init).joined(separator: ", "))\(missing.count > 10 ? ", …" : ""))")
                        + ", \(failed.count) failed" + (failed.isEmpty ? "" : " (" + failed.prefix(3).map { "point \($0.index): \($0.error ?? "")" }.joined(separator: "; ") + ")"))
            throw ExitStatus.claimFailed.exitCode
        }
    }

    /// Draws the spec's figure (if it names one, or a path is given) from the merged tables in
    /// `directory` (sweep-summary.csv, as `chorus figures DIR` reads them), at paper size: to
    /// `path` (format from its extension), or as DIR/figures/sweep-figure.{png,pdf,svg}.
    static func drawFigure(plan: SweepPlan, collected: SweepMerge.Collected, path: String?, directory: URL, console: Console) throws {
        guard plan.spec.figure != nil || path != nil else { return }
        guard let figureSpec = plan.spec.figure else {
            throw SweepError.invalidSpec(source: "--figure", field: "figure", reason: "the spec names no figure (figure: {metric: …, regime: …} or {claim: N})")
        }
        let spec = plan.spec
        guard spec.design == .grid, (1...2).contains(spec.axes.count) else {
            throw SweepError.invalidSpec(source: "figure", field: "axes", reason: "a figure needs a grid design over 1 or 2 axes (this sweep: \(spec.design.rawValue), \(spec.axes.count) axes); use the tables for other designs")
        }
        let tables = try SweepRunFigures.read(directory, keyLabel: { SweepPlan.label($0) })
        guard !tables.rows.isEmpty else {
            console.err("sweep: no finished point, so no figure\n")
            return
        }
        guard let named = tables.figure(claim: figureSpec.claim, metric: figureSpec.metric, regime: figureSpec.regime,
                                        iteration: figureSpec.iteration, title: figureSpec.title) else {
            let what = figureSpec.claim.map { "claim \($0)" } ?? "metric \(figureSpec.metric ?? "") of regime \(figureSpec.regime ?? "")"
            throw SweepError.invalidSpec(source: "figure", field: "figure", reason: "\(SweepMerge.summaryFile) has no \(what) at any point (is the metric kept, and the regime run?)")
        }
        if let path {
            let url = URL(fileURLWithPath: path)
            let (grid, size) = named.layout()
            try grid.render(to: url, format: nil, size: size, style: .paper)
            console.out("wrote the figure to \(url.path)\n")
        } else {
            let files = try named.render(into: directory.appendingPathComponent("figures", isDirectory: true))
            console.out("wrote the figure to " + files.map(\.path).joined(separator: ", ") + "\n")
        }
    }
}

struct SweepPlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Validate a sweep and list its points (index, id, settings) without running them.")

    @OptionGroup var sweep: SweepSpecOptions

    @Flag(help: "Print only the number of points (for a job array's size).")
    var count = false

    func run() throws { try CLIErrors.reporting { try execute() } }

    func execute() throws {
        let plan = try SweepPlan(spec: try sweep.resolve())
        if count { Console.current.out("\(plan.points.count)\n"); return }
        var rows: [[String]] = [["point", "id"] + plan.spec.axes.map(\.key)]
        for p in plan.points { rows.append(["\(p.index)", p.id] + p.settings.map(\.value)) }
        Console.current.out(TextTable.render(rows))
    }
}
