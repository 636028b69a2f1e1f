import ArgumentParser
import Foundation
import ChorusRecords
import ChorusSimulation
import ChorusFigures

/// `chorus sweep`: the calibration sweep behind the `paper` preset (docs/model.md,
/// "Calibration"). Runs the paper preset (or a reduced copy of it) at every point of a grid over
/// a few parameters, judges DESIGN §2's claims at each point and writes one CSV row per point:
/// the axis values, which claims hold, and the headline figures.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Map where the paper's claims hold over a grid of model parameters.",
        discussion: """
        Example: chorus sweep --axis finetune.learning_rate=0.25,0.5,1 --axis agents.temperature=0.6,0.8,1 \\
                   --questions 300 --output docs/sweep-learning-rate-temperature.csv
        Parameters that can be swept: \(SweepParameter.keys.joined(separator: ", ")).
        """)

    @Option(name: .customLong("axis"), parsing: .singleValue,
            help: "A swept parameter as key=v1,v2,… (repeat for a grid; 1–3 axes).")
    var axes: [String] = []

    @Option(help: "Seeds per grid point (seeds 1…N).")
    var seeds: Int = 20

    @Option(help: "Train and test questions per grid point (each).")
    var questions: Int = 300

    @Option(help: "Finetuning iterations.")
    var iterations: Int = 5

    @Option(help: "Worker threads (default: all cores).")
    var threads: Int?

    @Option(help: "Write the table as CSV to this path (atomically).")
    var output: String?

    @Option(help: "Draw the phase diagram (claims holding per grid point) to this .png/.svg/.pdf.")
    var figure: String?

    @Flag(help: "No progress lines on standard error.")
    var quiet = false

    func validate() throws {
        guard (1...3).contains(axes.count) else { throw ValidationError("give 1 to 3 --axis options, e.g. --axis finetune.learning_rate=0.25,0.5,1") }
        guard seeds >= 2 else { throw ValidationError("--seeds must be at least 2 (confidence intervals need two replicates)") }
        // The configuration allows at most 100000 seeds; checked here because the seed list is
        // built before the configuration is validated (--seeds 1e11 aborted on allocation).
        guard seeds <= 100_000 else { throw ValidationError("--seeds must be at most 100000, got \(seeds)") }
        guard questions >= 1 else { throw ValidationError("--questions must be at least 1") }
        guard iterations >= 2 else { throw ValidationError("--iterations must be at least 2 (claim 1 looks at iterations 0…2)") }
    }

    func run() throws {
        try CLIErrors.reporting { try execute() }
    }

    private func execute() throws {
        // Fail on a bad figure path before the (long) sweep, not after it.
        if let figure { try FigureOutput.check(URL(fileURLWithPath: figure)) }
        var base = SimulationConfig.paper
        base.seeds = (1...seeds).map { UInt64($0) }
        base.task.trainQuestions = questions
        base.task.testQuestions = questions
        base.iterations = iterations
        let parsed = try axes.map(SweepCommand.parseAxis)
        let sweep = try Sweep(base: base, axes: parsed)
        let total = sweep.grid.count
        let quiet = self.quiet
        let points = try sweep.run(threads: threads) { done, all in
            if !quiet { Console.current.err("sweep: \(done)/\(all) points\n") }
        }
        let csv = Sweep.csv(points)
        if let output {
            try AtomicFile.write(Data(csv.utf8), to: URL(fileURLWithPath: output))
            Console.current.out("wrote \(total) grid points to \(output)\n")
        }
        if let figure {
            let grid = SweepFigures.phaseDiagram(points, axes: parsed)
            try grid.render(to: URL(fileURLWithPath: figure),
                            size: FigureSize(width: 700 * grid.columns, height: 520 * grid.rows))
            Console.current.out("wrote the phase diagram to \(figure)\n")
        }
        for p in points {
            let setting = p.settings.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            let marks = p.claims.map { $0.holds ? "✓" : "✗" }.joined(separator: " ")
            Console.current.out("\(setting)  claims 1–6: \(marks)  (\(p.holdCount)/6)\n")
        }
    }

    /// Parses `key=v1,v2,…`.
    static func parseAxis(_ text: String) throws -> Sweep.Axis {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty else {
            throw ValidationError("--axis '\(text)': expected key=v1,v2,… (e.g. finetune.learning_rate=0.25,0.5,1)")
        }
        var values: [Double] = []
        for v in parts[1].split(separator: ",") {
            guard let x = Double(v.trimmingCharacters(in: .whitespaces)), x.isFinite else {
                throw ValidationError("--axis '\(text)': '\(v)' is not a number")
            }
            values.append(x)
        }
        guard !values.isEmpty else { throw ValidationError("--axis '\(text)': no values") }
        return Sweep.Axis(key: parts[0], values: values)
    }
}
