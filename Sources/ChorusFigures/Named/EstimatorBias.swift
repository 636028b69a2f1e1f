import ChorusStats
import Foundation

/// The demo study: Monte Carlo bias of the entropy estimators against sample size, and its
/// figure (`chorus demo`).
///
/// For each sample size N and replicate r, N draws from the distribution p give counts n; each
/// estimator's bias sample is Ĥ(n) − H(p). The mean bias and its Student-t 95% interval are taken
/// over replicates. All estimators share the same counts; NSB (numeric integration, ~1 ms per
/// estimate) uses only the first `nsbReplicates` of them. Replicate r at size N draws from
/// `SeedStream(seed).child("estimator-bias").child(N, r)`, so results do not depend on
/// thread count or order.
/// First-order theory for plug-in: E[Ĥ] − H ≈ −(K − 1)/(2N) (Miller 1955).
/// - Complexity: O(replicates · Σ N) draws plus the estimators' cost.
public enum EstimatorBias {
    /// What to compute.
    public struct Config: Sendable, Hashable {
        /// The true distribution (default: Zipf, K = 10).
        public var distribution: [Double]
        /// The sample sizes N.
        public var sampleSizes: [Int]
        /// Replicates per sample size.
        public var replicates: Int
        /// Replicates used for NSB (0 = leave NSB out).
        public var nsbReplicates: Int
        /// The root seed.
        public var seed: UInt64
        /// The estimators compared.
        public var estimators: [EntropyEstimator]
        /// The confidence level of the intervals, e.g. 0.95.
        public var level: Double

        /// A configuration with every field given.
        public init(distribution: [Double] = EstimatorBias.zipf(k: 10),
                    sampleSizes: [Int] = EstimatorBias.logSpacedSizes(from: 5, to: 500, count: 21),
                    replicates: Int = 2000, nsbReplicates: Int = 200, seed: UInt64 = 1,
                    estimators: [EntropyEstimator] = EntropyEstimator.allCases, level: Double = 0.95) {
            self.distribution = distribution; self.sampleSizes = sampleSizes
            self.replicates = replicates; self.nsbReplicates = nsbReplicates; self.seed = seed
            self.estimators = estimators; self.level = level
        }
    }

    /// The bias of one estimator at one sample size.
    public struct Point: Sendable, Equatable {
        /// The estimator.
        public var estimator: EntropyEstimator
        /// The sample size N.
        public var sampleSize: Int
        /// Mean bias (nats) with its t-interval over `summary.n` replicates.
        public var summary: Summary
    }

    /// The whole study.
    public struct Result: Sendable, Equatable {
        /// The configuration that ran.
        public var config: Config
        /// H(p) in nats.
        public var trueEntropy: Double
        /// One point per estimator and sample size.
        public var points: [Point]

        /// The points of one estimator, by increasing N.
        public func points(for e: EntropyEstimator) -> [Point] {
            points.filter { $0.estimator == e }.sorted { $0.sampleSize < $1.sampleSize }
        }
    }

    /// Errors in the study's settings.
    public enum ConfigError: Error, CustomStringConvertible, Equatable {
        /// A setting is out of range; the message says which and why.
        case invalid(String)
        public var description: String {
            switch self { case .invalid(let m): return "invalid estimator-bias settings: \(m)" }
        }
    }

    /// Zipf's law on K outcomes: p_i ∝ 1/i.
    public static func zipf(k: Int) -> [Double] {
        let w = (1...max(1, k)).map { 1 / Double($0) }
        let s = w.reduce(0, +)
        return w.map { $0 / s }
    }

    /// About `count` distinct integers spaced evenly in log between `from` and `to` (inclusive).
    public static func logSpacedSizes(from: Int, to: Int, count: Int) -> [Int] {
        guard from >= 1, to >= from, count >= 2 else { return [max(1, from)] }
        let l = log10(Double(from)), h = log10(Double(to))
        var out: [Int] = []
        for i in 0..<count {
            let v = Int((pow(10, l + (h - l) * Double(i) / Double(count - 1))).rounded())
            if out.last != v { out.append(v) }
        }
        return out
    }

    /// Runs the Monte Carlo study (in parallel over sample sizes; deterministic).
    public static func compute(_ config: Config) throws -> Result {
        guard config.replicates >= 2 else { throw ConfigError.invalid("replicates must be at least 2, got \(config.replicates)") }
        guard config.nsbReplicates == 0 || (config.nsbReplicates >= 2 && config.nsbReplicates <= config.replicates) else {
            throw ConfigError.invalid("NSB replicates must be 0 or in 2...\(config.replicates), got \(config.nsbReplicates)")
        }
        guard !config.sampleSizes.isEmpty, config.sampleSizes.allSatisfy({ $0 >= 1 }) else {
            throw ConfigError.invalid("sample sizes must be at least 1")
        }
        guard !config.estimators.isEmpty else { throw ConfigError.invalid("no estimators") }
        let h = try Info.entropy(config.distribution)
        let table = try AliasTable(weights: config.distribution)
        let k = config.distribution.count
        let root = SeedStream(seed: config.seed).child("estimator-bias")
        let perSize = try Parallel.map(count: config.sampleSizes.count) { (si: Int) throws(any Error) -> [Point] in
            let n = config.sampleSizes[si]
            var biases = [EntropyEstimator: [Double]]()
            var counts = [Int](repeating: 0, count: k)
            var nsbMemo = [[Int]: Double]()
            for r in 0..<config.replicates {
                var g = root.child(UInt64(n), UInt64(r)).generator()
                for i in 0..<k { counts[i] = 0 }
                for _ in 0..<n { counts[table.sample(using: &g)] += 1 }
                for e in config.estimators {
                    if e == .nsb && r >= config.nsbReplicates { continue }
                    let estimate: Double
                    if e == .nsb {
                        // NSB is symmetric in the bins: memoise it on the sorted counts
                        // (at small N few count profiles occur).
                        let key = counts.sorted()
                        if let v = nsbMemo[key] { estimate = v } else {
                            estimate = try e.estimate(counts, alphabetSize: k)
                            nsbMemo[key] = estimate
                        }
                    } else {
                        estimate = try e.estimate(counts, alphabetSize: k)
                    }
                    biases[e, default: []].append(estimate - h)
                }
            }
            return try config.estimators.compactMap { e -> Point? in
                guard let b = biases[e], b.count >= 2 else { return nil }
                return Point(estimator: e, sampleSize: n, summary: try Describe.tInterval(b, level: config.level))
            }
        }
        let points = perSize.flatMap { $0 }
        return Result(config: config, trueEntropy: h, points: points)
    }

    /// The figure: mean bias ± CI band per estimator on a log N axis, a dashed zero line and
    /// plug-in's first-order theory −(K−1)/(2N).
    public static func chart(_ result: Result) -> LineChart {
        let k = result.config.distribution.count
        let pct = Int((result.config.level * 100).rounded())
        var chart = LineChart(
            title: "Bias of entropy estimators (K = \(k), H = \(String(format: "%.4f", result.trueEntropy)) nats, \(pct)% CI)",
            xLabel: "sample size N", yLabel: "bias  E[Ĥ] − H  (nats)", logX: true, legend: .below)
        for (i, e) in result.config.estimators.enumerated() {
            let pts = result.points(for: e)
            guard !pts.isEmpty else { continue }
            var name = e.displayName
            if e == .nsb && result.config.nsbReplicates < result.config.replicates {
                name += " (\(result.config.nsbReplicates) replicates)"
            }
            chart.series.append(Series(name, x: pts.map { Double($0.sampleSize) }, y: pts.map { $0.summary.mean },
                                       lower: pts.map { $0.summary.lower }, upper: pts.map { $0.summary.upper },
                                       colour: Palette.colour(i), marker: Marker.forIndex(i)))
        }
        if result.config.estimators.contains(.plugIn) {
            let ns = result.config.sampleSizes.map(Double.init)
            let i = result.config.estimators.firstIndex(of: .plugIn)!
            chart.series.append(Series("plug-in theory −(K−1)/(2N)", x: ns, y: ns.map { -Double(k - 1) / (2 * $0) },
                                       colour: Palette.colour(i), lineStyle: .dotted, lineWidth: 1.1))
        }
        chart.references.append(.horizontal(0, label: "zero bias", colour: RGB(hex: 0x555555)))
        return chart
    }
}
