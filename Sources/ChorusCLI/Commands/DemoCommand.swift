import ArgumentParser
import ChorusFigures
import ChorusRecords
import ChorusStats
import Foundation

/// `chorus demo`: the Monte Carlo bias of the entropy estimators against sample size on the
/// Zipf K = 10 distribution, drawn with 95% CI bands (see `EstimatorBias`).
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Render the demo figure (entropy estimators' bias against sample size).",
        discussion: """
        Draws N samples from Zipf's law on K outcomes (p_i ∝ 1/i) for N log-spaced between \
        --min-n and --max-n, estimates the entropy with every estimator (plug-in, Miller–Madow, \
        Chao–Shen, Grassberger, NSB) and plots the mean bias with its 95% t-interval over the \
        replicates, a dashed zero line and plug-in's first-order theory −(K−1)/(2N). \
        NSB uses the first --nsb-replicates replicates only (it integrates numerically).
        """)

    @Option(name: .shortAndLong, help: "Output figure (.png, .svg or .pdf).")
    var output: String = "figures/demo-estimator-bias.png"

    @Flag(help: "Replace an existing --output file (without it, an existing file is refused before the Monte Carlo).")
    var force = false

    @Option(help: "Monte Carlo replicates per sample size.")
    var replicates: Int = 2000

    @Option(help: "Replicates for NSB (at most --replicates; 0 leaves NSB out). Default: min(200, replicates).")
    var nsbReplicates: Int?

    @Option(help: "Root seed of the random streams.")
    var seed: UInt64 = 1

    @Option(help: "Alphabet size K of the Zipf distribution.")
    var k: Int = 10

    @Option(help: "Smallest sample size.")
    var minN: Int = 5

    @Option(help: "Largest sample size.")
    var maxN: Int = 500

    @Option(help: "Number of log-spaced sample sizes.")
    var points: Int = 21

    @Option(help: "Figure width in pixels (PNG) or points (SVG, PDF).")
    var width: Int = 1600

    @Option(help: "Figure height in pixels (PNG) or points (SVG, PDF).")
    var height: Int = 1000

    func validate() throws {
        guard replicates >= 2 else { throw ValidationError("--replicates must be at least 2, got \(replicates)") }
        if let r = nsbReplicates, r != 0, !(2...replicates).contains(r) {
            throw ValidationError("--nsb-replicates must be 0 or in 2...\(replicates), got \(r)")
        }
        guard k >= 2 else { throw ValidationError("--k must be at least 2, got \(k)") }
        guard minN >= 1, maxN > minN else { throw ValidationError("need 1 <= --min-n < --max-n, got \(minN) and \(maxN)") }
        guard points >= 2 else { throw ValidationError("--points must be at least 2, got \(points)") }
        // Upper sanity bounds: --k 1e11 aborted on an 800 GB allocation, and --replicates,
        // --max-n or --points of 1e12 ran for ever; the size is checked before the Monte Carlo.
        guard replicates <= 1_000_000 else { throw ValidationError("--replicates must be at most 1000000, got \(replicates)") }
        guard k <= 1_000_000 else { throw ValidationError("--k must be at most 1000000, got \(k)") }
        guard maxN <= 10_000_000 else { throw ValidationError("--max-n must be at most 10000000, got \(maxN)") }
        guard points <= 1000 else { throw ValidationError("--points must be at most 1000, got \(points)") }
        guard (64...20_000).contains(width), (64...20_000).contains(height) else {
            throw ValidationError("--width and --height must be in 64...20000, got \(width) and \(height)")
        }
    }

    func run() throws {
        try CLIErrors.reporting { try execute() }
    }

    private func execute() throws {
        let url = URL(fileURLWithPath: output)
        try FigureOutput.check(url) // a bad extension or path fails before the Monte Carlo
        // An existing figure is never silently replaced (issue 10); the new one is written
        // atomically (a temporary file renamed over it), and a read-only one is refused.
        if !force, FileManager.default.fileExists(atPath: url.path) {
            throw FileIOError.cannotWrite(path: url.path, reason: "the file exists; give --force to replace it, or another --output")
        }
        let config = EstimatorBias.Config(
            distribution: EstimatorBias.zipf(k: k),
            sampleSizes: EstimatorBias.logSpacedSizes(from: minN, to: maxN, count: points),
            replicates: replicates, nsbReplicates: nsbReplicates ?? min(200, replicates), seed: seed)
        let start = Date()
        let result = try EstimatorBias.compute(config)
        let chart = EstimatorBias.chart(result)
        try chart.render(to: url, size: FigureSize(width: width, height: height))
        let seconds = Date().timeIntervalSince(start)

        Console.current.line("H(Zipf, K = \(k)) = \(String(format: "%.4f", result.trueEntropy)) nats; seed \(seed), \(replicates) replicates (NSB \(config.nsbReplicates))")
        Console.current.line("N".padding(toLength: 6, withPad: " ", startingAt: 0)
              + config.estimators.map { $0.displayName.padding(toLength: 22, withPad: " ", startingAt: 0) }.joined())
        for n in config.sampleSizes {
            var line = String(n).padding(toLength: 6, withPad: " ", startingAt: 0)
            for e in config.estimators {
                let cell = result.points.first { $0.estimator == e && $0.sampleSize == n }
                    .map { String(format: "%+.4f ± %.4f", $0.summary.mean, $0.summary.halfWidth) } ?? "—"
                line += cell.padding(toLength: 22, withPad: " ", startingAt: 0)
            }
            Console.current.line(line)
        }
        Console.current.line(String(format: "computed and drawn in %.1f s", seconds))
        Console.current.line(url.path)
    }

}
