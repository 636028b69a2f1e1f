import Foundation

/// A summary of a sample: mean, spread and a confidence interval.
public struct Summary: Sendable, Equatable, Codable {
    /// The sample size.
    public var n: Int
    /// The sample mean.
    public var mean: Double
    /// Sample standard deviation (denominator n − 1; 0 when n = 1).
    public var sd: Double
    /// Standard error of the mean, sd/√n.
    public var se: Double
    /// The lower bound of the confidence interval of the mean.
    public var lower: Double
    /// The upper bound of the confidence interval of the mean.
    public var upper: Double
    /// The interval's coverage, e.g. 0.95.
    public var level: Double

    /// Half-width of the interval when it is symmetric.
    public var halfWidth: Double { (upper - lower) / 2 }
}

/// Descriptive statistics and confidence intervals.
public enum Describe {
    /// Arithmetic mean (Kahan-free two-pass is unnecessary here: values are O(1)).
    public static func mean(_ x: [Double]) throws -> Double {
        guard !x.isEmpty else { throw StatsError.insufficientData("mean of an empty sample") }
        return x.reduce(0, +) / Double(x.count)
    }

    /// Sample variance with denominator n − 1 (two-pass algorithm).
    public static func variance(_ x: [Double]) throws -> Double {
        guard x.count >= 2 else { throw StatsError.insufficientData("variance needs at least 2 values, got \(x.count)") }
        let m = try mean(x)
        return x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)
    }

    /// Sample standard deviation.
    public static func sd(_ x: [Double]) throws -> Double { try variance(x).squareRoot() }

    /// Standard error of the mean, s/√n (needs n ≥ 2).
    public static func standardError(_ x: [Double]) throws -> Double {
        try sd(x) / Double(x.count).squareRoot()
    }

    /// Student-t confidence interval for the mean: x̄ ± t_{1−α/2, n−1} · s/√n, with GSL's
    /// t quantile. With n = 1 the interval is the point itself, flagged by sd = 0 and se = NaN
    /// (one value says nothing about spread).
    /// - Complexity: O(n).
    public static func tInterval(_ x: [Double], level: Double = 0.95) throws -> Summary {
        guard level > 0, level < 1 else { throw StatsError.invalidParameter("confidence level must be in (0, 1), got \(level)") }
        guard x.allSatisfy({ $0.isFinite }) else { throw StatsError.invalidParameter("sample contains a non-finite value") }
        let m = try mean(x)
        guard x.count >= 2 else { return Summary(n: 1, mean: m, sd: 0, se: .nan, lower: m, upper: m, level: level) }
        let s = try sd(x)
        let se = s / Double(x.count).squareRoot()
        let t = CDF.studentTQuantile(1 - (1 - level) / 2, dof: Double(x.count - 1))
        return Summary(n: x.count, mean: m, sd: s, se: se, lower: m - t * se, upper: m + t * se, level: level)
    }

    /// Quantile by linear interpolation between order statistics (Hyndman–Fan type 7, the
    /// default of R and numpy).
    /// `x` must be sorted ascending, non-empty, and 0 ≤ p ≤ 1 (NaN otherwise).
    public static func quantile(sorted x: [Double], _ p: Double) -> Double {
        guard !x.isEmpty, p >= 0, p <= 1 else { return .nan }
        let h = Double(x.count - 1) * p
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, x.count - 1)
        return x[lo] + (h - Double(lo)) * (x[hi] - x[lo])
    }

    /// Percentile bootstrap CI of a statistic: resample the data with replacement `replicates`
    /// times from a seeded stream, and take the α/2 and 1 − α/2 quantiles of the statistic.
    /// The result's `mean` is the statistic of the data, `sd` the data's sd and `se` the
    /// bootstrap standard error (sd of the replicates). Same stream, same interval.
    /// Reference: Efron & Tibshirani, *An Introduction to the Bootstrap* (1993), §13.3.
    /// - Complexity: O(replicates · n) plus the statistic's own cost.
    public static func bootstrap(_ x: [Double], level: Double = 0.95, replicates: Int = 2000,
                                 stream: SeedStream, statistic: ([Double]) -> Double = { $0.reduce(0, +) / Double($0.count) }) throws -> Summary {
        guard !x.isEmpty else { throw StatsError.insufficientData("bootstrap of an empty sample") }
        guard x.allSatisfy({ $0.isFinite }) else { throw StatsError.invalidParameter("sample contains a non-finite value") }
        guard replicates >= 10 else { throw StatsError.invalidParameter("bootstrap needs at least 10 replicates, got \(replicates)") }
        guard level > 0, level < 1 else { throw StatsError.invalidParameter("confidence level must be in (0, 1), got \(level)") }
        var g = stream.generator()
        var stats = [Double](); stats.reserveCapacity(replicates)
        var buf = [Double](repeating: 0, count: x.count)
        for _ in 0..<replicates {
            for i in 0..<x.count { buf[i] = x[g.nextInt(below: x.count)] }
            stats.append(statistic(buf))
        }
        stats.sort()
        let point = statistic(x)
        let s = x.count >= 2 ? try sd(x) : 0
        let bootSE = stats.count >= 2 ? try sd(stats) : 0
        return Summary(n: x.count, mean: point, sd: s, se: bootSE,
                       lower: quantile(sorted: stats, (1 - level) / 2),
                       upper: quantile(sorted: stats, 1 - (1 - level) / 2), level: level)
    }
}
