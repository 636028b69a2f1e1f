import Foundation
import ChorusStats

/// A calibration sweep: a grid over a few parameters, every grid point run as a full experiment
/// (all regimes the claims need, several seeds) and judged by `Claims.evaluate`.
///
/// This is how the `paper` preset was placed (docs/model.md, "Calibration"): the sweep shows
/// the region of parameter space where each of DESIGN §2's claims holds — a phase diagram —
/// rather than one point where they happen to.
public struct Sweep: Sendable {
    /// One swept parameter and its values.
    public struct Axis: Sendable, Equatable {
        public var key: String
        public var values: [Double]
        public init(key: String, values: [Double]) { self.key = key; self.values = values }
    }

    /// The result at one grid point.
    public struct Point: Sendable {
        /// (key, value) of each axis, in axis order.
        public var settings: [(key: String, value: Double)]
        public var claims: [ClaimResult]
        /// Headline figures (means over seeds) at this point, by name.
        public var figures: [(name: String, value: Double)]
        public var holdCount: Int { claims.filter(\.holds).count }
    }

    public let base: SimulationConfig
    public let axes: [Axis]

    /// - Throws: `SimulationError` for an unknown key, an empty axis, or a grid point whose
    ///   configuration is invalid.
    public init(base: SimulationConfig, axes: [Axis]) throws {
        for a in axes {
            guard SweepParameter.keys.contains(a.key) else {
                throw SimulationError.unknownKey(path: a.key, allowed: SweepParameter.keys)
            }
            guard !a.values.isEmpty else {
                throw SimulationError.invalidValue(path: a.key, value: "[]", allowed: "at least one value")
            }
        }
        self.base = base
        self.axes = axes
        for settings in grid { _ = try Experiment(config: try config(for: settings)) }
    }

    /// All grid points, the first axis varying slowest.
    public var grid: [[(key: String, value: Double)]] {
        var out: [[(key: String, value: Double)]] = [[]]
        for a in axes {
            var next: [[(key: String, value: Double)]] = []
            for prefix in out { for v in a.values { next.append(prefix + [(a.key, v)]) } }
            out = next
        }
        return out
    }

    /// The configuration of one grid point.
    public func config(for settings: [(key: String, value: Double)]) throws -> SimulationConfig {
        var c = base
        for (k, v) in settings { try SweepParameter.set(k, v, in: &c) }
        return c
    }

    /// Runs every grid point (each one's replicates in parallel on `threads` threads).
    public func run(threads: Int? = nil,
                    progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) throws -> [Point] {
        let points = grid
        var out: [Point] = []
        for (i, settings) in points.enumerated() {
            let c = try config(for: settings)
            let result = try Experiment(config: c).run(threads: threads)
            let summary = result.summarize()
            out.append(Point(settings: settings, claims: Claims.evaluate(summary),
                             figures: Sweep.figures(summary, iterations: c.iterations)))
            progress?(i + 1, points.count)
        }
        return out
    }

    /// Headline figures: the quantities the claims compare, as means over seeds.
    static func figures(_ s: [SummaryRow], iterations last: Int) -> [(name: String, value: Double)] {
        func mean(_ r: String, _ it: Int, _ m: String) -> Double {
            s.first { $0.regime == r && $0.iteration == it && $0.metric == m }?.summary.mean ?? .nan
        }
        let acc = MetricName.accuracyFinal
        let single = (0...last).map { mean("single-agent", $0, acc) }
        let peak = single.indices.max { single[$0] < single[$1] } ?? 0
        return [
            ("single_acc_base", single.first ?? .nan),
            ("single_acc_peak_iteration", Double(peak)),
            ("single_acc_peak", single.max() ?? .nan),
            ("single_acc_last", single.last ?? .nan),
            ("single_entropy_last_over_base", mean("single-agent", last, MetricName.entropyChain) / mean("single-agent", 0, MetricName.entropyChain)),
            ("multi_acc_1", mean("multiagent", 1, acc)),
            ("multi_acc_last", mean("multiagent", last, acc)),
            ("multi_disagreement_last_over_base", mean("multiagent", last, MetricName.disagreementChain) / mean("multiagent", 0, MetricName.disagreementChain)),
            ("single_disagreement_last_over_base", mean("single-agent", last, MetricName.disagreementChain) / mean("single-agent", 0, MetricName.disagreementChain)),
            ("no_summary_acc_1", mean("no-summary", 1, acc)),
            ("no_critic_acc_1", mean("no-critic", 1, acc)),
            ("single_acc_1", mean("single-agent", 1, acc)),
            ("single_no_debate_acc_1", mean("single-no-debate", 1, acc)),
            ("kl_critic_1", mean("multiagent", 1, MetricName.klBaseCritic)),
            ("kl_generator_1", mean("multiagent", 1, MetricName.klBaseGenerator)),
            ("kl_single_1", mean("single-agent", 1, MetricName.klBase)),
        ]
    }

    /// The sweep as a CSV table: one row per grid point, the axis values, holds (1/0) for each
    /// claim, the number of claims holding, then the headline figures.
    public static func csv(_ points: [Point]) -> String {
        guard let first = points.first else { return "" }
        var header = first.settings.map(\.key)
        header += first.claims.map { "claim\($0.number)" }
        header.append("claims_holding")
        header += first.figures.map(\.name)
        var lines = [header.joined(separator: ",")]
        for p in points {
            var cells = p.settings.map { format($0.value) }
            cells += p.claims.map { $0.holds ? "1" : "0" }
            cells.append(String(p.holdCount))
            cells += p.figures.map { format($0.value) }
            lines.append(cells.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func format(_ x: Double) -> String {
        if x.isNaN { return "NA" }
        if x == x.rounded() && abs(x) < 1e9 { return String(Int(x)) }
        return String(format: "%.4g", x)
    }
}
