internal import CGSL

/// GSL-backed samplers behind a Swift API. Every sampler draws from a Chorus stream
/// (`Xoshiro256`), so results follow from the recorded seed.
///
/// Algorithms are GSL's (GSL Reference Manual, "Random Number Distributions"): gamma by
/// Marsaglia–Tsang, normal by the ziggurat, beta from two gammas, Dirichlet from K gammas,
/// binomial by the BTPE algorithm, multinomial by conditional binomials.
public enum Sample {
    /// Gamma(shape k, scale θ): density x^{k−1} e^{−x/θ} / (Γ(k) θ^k), mean kθ, variance kθ².
    public static func gamma(shape: Double, scale: Double = 1, using g: inout Xoshiro256) throws -> Double {
        guard shape > 0, shape.isFinite, scale > 0, scale.isFinite else {
            throw StatsError.invalidParameter("gamma needs shape > 0 and scale > 0, got \(shape), \(scale)")
        }
        return withGSLRandom(&g) { gsl_ran_gamma($0, shape, scale) }
    }

    /// Normal(mean μ, standard deviation σ).
    public static func normal(mean: Double = 0, sd: Double = 1, using g: inout Xoshiro256) throws -> Double {
        guard sd >= 0, sd.isFinite, mean.isFinite else {
            throw StatsError.invalidParameter("normal needs finite mean and sd >= 0, got \(mean), \(sd)")
        }
        return mean + withGSLRandom(&g) { gsl_ran_gaussian_ziggurat($0, sd) }
    }

    /// A standard normal draw, N(0, 1), by GSL's ziggurat (`gsl_ran_gaussian_ziggurat`:
    /// G. Marsaglia and W. W. Tsang, "The ziggurat method for generating random variables",
    /// J. Stat. Softw. 5(8), 2000, with GSL's 128-layer tables). For hot loops: no parameter
    /// check and no `throws`. Most draws cost one 32-bit word of the stream (7 bits pick the
    /// layer, 24 bits the abscissa) and a table comparison; a draw outside a layer's inner
    /// rectangle takes one more uniform (wedge) or a few (tail beyond 3.44). It replaces the
    /// Box–Muller transform's logarithm, square root and cosine. Goodness of fit against the
    /// normal CDF: `ContinuousSamplerFitTests.standardNormal`.
    /// - Complexity: O(1) expected.
    @inline(__always)
    public static func standardNormal(using g: inout Xoshiro256) -> Double {
        withGSLRandom(&g) { gsl_ran_gaussian_ziggurat($0, 1) }
    }

    /// Beta(a, b): density x^{a−1}(1−x)^{b−1}/B(a, b) on [0, 1], mean a/(a+b).
    public static func beta(_ a: Double, _ b: Double, using g: inout Xoshiro256) throws -> Double {
        guard a > 0, b > 0, a.isFinite, b.isFinite else {
            throw StatsError.invalidParameter("beta needs a > 0 and b > 0, got \(a), \(b)")
        }
        return withGSLRandom(&g) { gsl_ran_beta($0, a, b) }
    }

    /// Binomial(n, p): successes in n independent trials of probability p.
    public static func binomial(n: Int, p: Double, using g: inout Xoshiro256) throws -> Int {
        guard n >= 0, n <= Int(UInt32.max), p >= 0, p <= 1 else {
            throw StatsError.invalidParameter("binomial needs 0 <= n <= 2^32-1 and p in [0, 1], got n = \(n), p = \(p)")
        }
        return Int(withGSLRandom(&g) { gsl_ran_binomial($0, p, UInt32(n)) })
    }

    /// Dirichlet(α): a point of the simplex with mean α_i/α_0 and
    /// variance α_i(α_0 − α_i)/(α_0²(α_0 + 1)), where α_0 = Σα_i.
    public static func dirichlet(_ alpha: [Double], using g: inout Xoshiro256) throws -> [Double] {
        guard !alpha.isEmpty, alpha.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw StatsError.invalidParameter("dirichlet needs a non-empty α with every α_i > 0")
        }
        var theta = [Double](repeating: 0, count: alpha.count)
        alpha.withUnsafeBufferPointer { a in
            theta.withUnsafeMutableBufferPointer { t in
                withGSLRandom(&g) { gsl_ran_dirichlet($0, a.count, a.baseAddress!, t.baseAddress!) }
            }
        }
        return theta
    }

    /// Multinomial(n, p): counts of n draws from the categorical p (p need not be normalised,
    /// but must be non-negative with a positive sum).
    public static func multinomial(n: Int, p: [Double], using g: inout Xoshiro256) throws -> [Int] {
        guard n >= 0, n <= Int(UInt32.max) else { throw StatsError.invalidParameter("multinomial needs 0 <= n <= 2^32-1, got \(n)") }
        try validateWeights(p, what: "multinomial")
        var counts = [UInt32](repeating: 0, count: p.count)
        p.withUnsafeBufferPointer { pp in
            counts.withUnsafeMutableBufferPointer { c in
                withGSLRandom(&g) { gsl_ran_multinomial($0, pp.count, UInt32(n), pp.baseAddress!, c.baseAddress!) }
            }
        }
        return counts.map(Int.init)
    }

    /// One categorical draw from weights by inversion, O(K). For many draws from the same
    /// weights use `AliasTable`.
    public static func categorical(_ weights: [Double], using g: inout Xoshiro256) throws -> Int {
        try validateWeights(weights, what: "categorical")
        let total = weights.reduce(0, +)
        let u = g.nextUnit() * total
        var acc = 0.0
        for (i, w) in weights.enumerated() {
            acc += w
            if u < acc { return i }
        }
        return weights.lastIndex(where: { $0 > 0 })!
    }

    static func validateWeights(_ p: [Double], what: String) throws {
        guard !p.isEmpty else { throw StatsError.invalidDistribution("\(what): empty weight vector") }
        var total = 0.0
        for (i, w) in p.enumerated() {
            guard w.isFinite, w >= 0 else { throw StatsError.invalidDistribution("\(what): weight \(i) is \(w)") }
            total += w
        }
        guard total > 0 else { throw StatsError.invalidDistribution("\(what): weights sum to zero") }
        guard total.isFinite else { throw StatsError.invalidDistribution("\(what): weights sum to \(total); rescale them") }
    }
}
