import Testing
import ChorusTestSupport
import Foundation
import ChorusStats

/// Means, standard errors, Student-t intervals and the percentile bootstrap.
@Suite("Summaries and confidence intervals")
struct SummaryTests {
    /// t_{0.975, 9} = 2.2622 (tables; 2.262157 to 6 decimals).
    @Test func tQuantileMatchesTables() {
        #expect(abs(CDF.studentTQuantile(0.975, dof: 9) - 2.262157) < 1e-6)
        #expect(abs(CDF.studentTQuantile(0.975, dof: 4) - 2.776445) < 1e-6)
        #expect(abs(CDF.studentTQuantile(0.995, dof: 30) - 2.749996) < 1e-6)
        #expect(abs(CDF.studentT(2.262157, dof: 9) - 0.975) < 1e-7)
    }

    /// x = 1..5: mean 3, s = √2.5, se = √0.5, half-width t_{0.975,4}·√0.5 = 1.963243.
    @Test func tIntervalHandExample() throws {
        let s = try Describe.tInterval([1, 2, 3, 4, 5])
        #expect(s.n == 5 && s.mean == 3)
        #expect(abs(s.sd - 2.5.squareRoot()) < 1e-15 && abs(s.se - 0.5.squareRoot()) < 1e-15)
        #expect(abs(s.lower - 1.036757) < 1e-6 && abs(s.upper - 4.963243) < 1e-6)
        #expect(abs(s.halfWidth - 1.963243) < 1e-6 && s.level == 0.95)
        let s90 = try Describe.tInterval([1, 2, 3, 4, 5], level: 0.9)  // t_{0.95,4} = 2.131847
        #expect(abs(s90.halfWidth - 2.131847 * 0.5.squareRoot()) < 1e-6)
        let one = try Describe.tInterval([4.2])
        #expect(one.n == 1 && one.lower == 4.2 && one.upper == 4.2 && one.se.isNaN)
    }

    /// 2000 normal samples of size 8: the 95% t-interval covers the true mean in 95% of them,
    /// within 5 binomial standard errors (√(0.95·0.05/2000) ≈ 0.0049).
    @Test func tIntervalCoverage() throws {
        var g = testGenerator("t-coverage")
        var covered = 0
        for _ in 0..<2000 {
            let x = try (0..<8).map { _ in try Sample.normal(mean: 10, sd: 3, using: &g) }
            let s = try Describe.tInterval(x)
            if s.lower <= 10 && 10 <= s.upper { covered += 1 }
        }
        let rate = Double(covered) / 2000
        #expect(abs(rate - 0.95) < 5 * MonteCarlo.binomialSE(p: 0.95, n: 2000), "coverage \(rate)")
    }

    @Test func basicStatisticsHandValues() throws {
        #expect(try Describe.mean([1, 2, 3, 6]) == 3)
        #expect(try Describe.variance([1, 2, 3, 6]) == 14.0 / 3)
        #expect(abs(try Describe.sd([2, 4, 4, 4, 5, 5, 7, 9]) - (32.0 / 7).squareRoot()) < 1e-15)
        #expect(abs(try Describe.standardError([1, 2, 3, 6]) - (14.0 / 3 / 4).squareRoot()) < 1e-15)
        // Type-7 quantiles (numpy's default): [1, 2, 3, 4] → 1.75 at ¼, 2.5 at ½, 4 at 1.
        #expect(Describe.quantile(sorted: [1, 2, 3, 4], 0.25) == 1.75)
        #expect(Describe.quantile(sorted: [1, 2, 3, 4], 0.5) == 2.5)
        #expect(Describe.quantile(sorted: [1, 2, 3, 4], 1) == 4)
        #expect(Describe.quantile(sorted: [], 0.5).isNaN)
    }

    @Test func errorsAreTyped() {
        #expect(thrownKind { try Describe.mean([]) } == "insufficientData")
        #expect(thrownKind { try Describe.variance([1]) } == "insufficientData")
        #expect(thrownKind { try Describe.tInterval([]) } == "insufficientData")
        #expect(thrownKind { try Describe.tInterval([1, .nan]) } == "invalidParameter")
        #expect(thrownKind { try Describe.tInterval([1, 2], level: 1) } == "invalidParameter")
        let s = SeedStream(seed: 1)
        #expect(thrownKind { try Describe.bootstrap([], stream: s) } == "insufficientData")
        #expect(thrownKind { try Describe.bootstrap([1, .infinity], stream: s) } == "invalidParameter")
        #expect(thrownKind { try Describe.bootstrap([1, 2], replicates: 5, stream: s) } == "invalidParameter")
        #expect(thrownKind { try Describe.bootstrap([1, 2], level: 0, stream: s) } == "invalidParameter")
    }
}

@Suite("Bootstrap")
struct BootstrapTests {
    static func sample() throws -> [Double] {
        var g = testGenerator("bootstrap-data")
        return try (0..<50).map { _ in try Sample.gamma(shape: 2, scale: 1.5, using: &g) }
    }

    @Test func reproducibleFromItsSeed() throws {
        let x = try Self.sample()
        let a = try Describe.bootstrap(x, stream: SeedStream(seed: 8).child("ci"))
        let b = try Describe.bootstrap(x, stream: SeedStream(seed: 8).child("ci"))
        let c = try Describe.bootstrap(x, stream: SeedStream(seed: 9).child("ci"))
        #expect(a == b)
        #expect(a.lower != c.lower || a.upper != c.upper)
    }

    /// The interval contains the sample mean, and for the mean it agrees with the t-interval.
    ///
    /// Over resamples, the bootstrap mean has sd σ_b = s·√((n−1)/n)/√n (the plug-in sd), so
    /// E[boot.se]/t.se = √((n−1)/n) and E[half-width ratio] ≈ z₀.₉₇₅·√((n−1)/n)/t₀.₉₇₅,ₙ₋₁
    /// (0.990 and 0.966 at n = 50). Tolerances: k = 5 Monte Carlo SE of B = 4000 replicates,
    /// treating the bootstrap means as normal (their excess kurtosis, about 3/n for Gamma(2)
    /// data, moves these by under 0.2%): a sample sd's relative SE is 1/√(2(B−1)); the
    /// half-width (q₀.₉₇₅ − q₀.₀₂₅)/2 of two empirical quantiles has SE √(p(1−2p)/(2B))/φ(z)·σ_b
    /// at p = 0.025, i.e. relative SE √(p(1−2p)/(2B))/(φ(z)·z).
    @Test func coversTheMeanAndAgreesWithT() throws {
        let x = try Self.sample()
        let b = 4000, n = Double(x.count)
        let boot = try Describe.bootstrap(x, replicates: b, stream: SeedStream(seed: 3))
        let t = try Describe.tInterval(x)
        #expect(boot.lower < t.mean && t.mean < boot.upper)
        #expect(boot.mean == t.mean)
        let shrink = ((n - 1) / n).squareRoot()
        let seRatio = boot.se / t.se
        let seTolerance = 5 * shrink * MonteCarlo.relativeSEOfSD(n: b)
        #expect(abs(seRatio - shrink) < seTolerance, "bootstrap se / (s/√n) = \(seRatio), expected \(shrink) ± \(seTolerance)")
        let z = CDF.normalQuantile(0.975), p = 0.025
        let expectedRatio = z * shrink / CDF.studentTQuantile(0.975, dof: n - 1)
        let phi = exp(-z * z / 2) / (2 * Double.pi).squareRoot()
        let widthTolerance = 5 * expectedRatio * (p * (1 - 2 * p) / (2 * Double(b))).squareRoot() / (phi * z)
        let ratio = boot.halfWidth / t.halfWidth
        #expect(abs(ratio - expectedRatio) < widthTolerance, "width ratio \(ratio), expected \(expectedRatio) ± \(widthTolerance)")
    }

    /// Coverage of the percentile interval for the mean of Gamma(2, 1.5) (true mean 3) samples of
    /// size 30: 300 datasets, 500 replicates each; the rate must be within 5 binomial SE of 0.95
    /// (the percentile method undercovers slightly at n = 30; 5 SE ≈ 0.063 allows it).
    @Test func coverage() throws {
        var g = testGenerator("bootstrap-coverage")
        var covered = 0
        for i in 0..<300 {
            let x = try (0..<30).map { _ in try Sample.gamma(shape: 2, scale: 1.5, using: &g) }
            let ci = try Describe.bootstrap(x, replicates: 500, stream: SeedStream(seed: 17).child(UInt64(i)))
            if ci.lower <= 3 && 3 <= ci.upper { covered += 1 }
        }
        let rate = Double(covered) / 300
        #expect(abs(rate - 0.95) < 5 * MonteCarlo.binomialSE(p: 0.95, n: 300), "coverage \(rate)")
    }

    /// Any statistic: the median of 1..101 is 51 and the interval brackets it.
    @Test func otherStatistics() throws {
        let x = (1...101).map(Double.init)
        let ci = try Describe.bootstrap(x, stream: SeedStream(seed: 5)) { Describe.quantile(sorted: $0.sorted(), 0.5) }
        #expect(ci.mean == 51)
        #expect(ci.lower < 51 && 51 < ci.upper)
    }
}
