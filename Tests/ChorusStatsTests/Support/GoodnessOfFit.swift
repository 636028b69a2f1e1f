import ChorusStats

/// Pearson's chi-square goodness-of-fit test, with GSL's chi-square upper tail as the p-value.
///
/// Adjacent bins are pooled, in order, until each pooled bin expects at least `minExpected`
/// observations (the usual validity condition); the degrees of freedom are bins − 1 (no
/// parameter is estimated from the data). Bins with zero expected count must be empty and are
/// checked separately by the callers.
struct GoodnessOfFit: CustomStringConvertible {
    var statistic: Double
    var dof: Int
    var pValue: Double
    var description: String { "χ² = \(statistic), dof = \(dof), p = \(pValue)" }

    /// The significance level every sampler test uses. At fixed seeds a correct sampler passes
    /// deterministically; a wrong one (see `ChiSquarePowerTests`) gives p ≈ 0.
    static let alpha = 1e-3

    init(observed: [Int], expected: [Double], minExpected: Double = 5) {
        precondition(observed.count == expected.count && !observed.isEmpty)
        var pooled: [(o: Double, e: Double)] = []
        var o = 0.0, e = 0.0
        for i in observed.indices {
            o += Double(observed[i]); e += expected[i]
            if e >= minExpected { pooled.append((o, e)); o = 0; e = 0 }
        }
        if e > 0 || o > 0 {
            if pooled.isEmpty { pooled.append((o, e)) } else { pooled[pooled.count - 1].o += o; pooled[pooled.count - 1].e += e }
        }
        statistic = pooled.reduce(0) { $0 + ($1.o - $1.e) * ($1.o - $1.e) / $1.e }
        dof = pooled.count - 1
        pValue = CDF.chiSquareUpper(statistic, dof: Double(dof))
    }

    /// Test of draws from a continuous law with CDF `cdf`: the probability integral transform
    /// u = F(x) is uniform on (0, 1), so `bins` equal slices of u are equiprobable bins of x.
    init(draws: [Double], bins: Int, cdf: (Double) throws -> Double) rethrows {
        var observed = [Int](repeating: 0, count: bins)
        for x in draws {
            let u = try cdf(x)
            observed[min(bins - 1, max(0, Int(u * Double(bins))))] += 1
        }
        self.init(observed: observed, expected: [Double](repeating: Double(draws.count) / Double(bins), count: bins))
    }

    /// Test of integer draws against exact probabilities `p` of the values 0..<p.count.
    init(values: [Int], probabilities p: [Double]) {
        var observed = [Int](repeating: 0, count: p.count)
        for v in values { observed[v] += 1 }
        self.init(observed: observed, expected: p.map { $0 * Double(values.count) })
    }

    var passes: Bool { pValue > GoodnessOfFit.alpha }
}

/// A fixed-seed generator for a test, named by the test so streams never overlap.
func testGenerator(_ name: String, seed: UInt64 = 20_251_125) -> Xoshiro256 {
    SeedStream(seed: seed).child(name).generator()
}

extension StatsError {
    /// The case name, for checking which typed error was thrown.
    var kind: String {
        switch self {
        case .invalidDistribution: return "invalidDistribution"
        case .invalidParameter: return "invalidParameter"
        case .sizeMismatch: return "sizeMismatch"
        case .insufficientData: return "insufficientData"
        case .gsl: return "gsl"
        case .numerical: return "numerical"
        }
    }
}

/// The kind of `StatsError` the body throws, or nil if it throws nothing (or something else).
func thrownKind<T>(_ body: () throws -> T) -> String? {
    do { _ = try body(); return nil } catch let e as StatsError { return e.kind } catch { return "other: \(error)" }
}
