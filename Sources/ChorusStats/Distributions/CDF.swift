internal import CGSL

/// Cumulative distribution functions and quantiles (GSL `gsl_cdf_*`, GSL Reference Manual,
/// "Random Number Distributions").
///
/// The first group (`chiSquare`, `chiSquareUpper`, `studentT`, `studentTQuantile`, `normal`,
/// `normalQuantile`) takes arguments that are valid by construction in Chorus and returns GSL's
/// value, NaN outside the domain (GSL's error handler is off). The parametrised CDFs below them
/// check their parameters and throw `StatsError.invalidParameter`.
public enum CDF {
    /// P(X ≤ x) for X ~ χ²(ν).
    public static func chiSquare(_ x: Double, dof: Double) -> Double { GSLRuntime.ensure(); return gsl_cdf_chisq_P(x, dof) }
    /// P(X > x) for X ~ χ²(ν): the p-value of a chi-square statistic. Computed directly (not as
    /// 1 − P), so tiny p-values keep their precision.
    public static func chiSquareUpper(_ x: Double, dof: Double) -> Double { GSLRuntime.ensure(); return gsl_cdf_chisq_Q(x, dof) }
    /// P(T ≤ t) for Student's t with ν degrees of freedom.
    public static func studentT(_ t: Double, dof: Double) -> Double { GSLRuntime.ensure(); return gsl_cdf_tdist_P(t, dof) }
    /// Quantile of Student's t with ν degrees of freedom: t such that P(T ≤ t) = p.
    public static func studentTQuantile(_ p: Double, dof: Double) -> Double { GSLRuntime.ensure(); return gsl_cdf_tdist_Pinv(p, dof) }
    /// Quantile of the standard normal.
    public static func normalQuantile(_ p: Double) -> Double { GSLRuntime.ensure(); return gsl_cdf_ugaussian_Pinv(p) }
    /// P(Z ≤ z) for the standard normal.
    public static func normal(_ z: Double) -> Double { GSLRuntime.ensure(); return gsl_cdf_ugaussian_P(z) }

    /// P(X ≤ x) for X ~ Normal(μ, σ), σ > 0.
    public static func normal(_ x: Double, mean: Double, sd: Double) throws -> Double {
        guard mean.isFinite, sd > 0, sd.isFinite else {
            throw StatsError.invalidParameter("normal CDF needs finite mean and sd > 0, got \(mean), \(sd)")
        }
        GSLRuntime.ensure()
        return gsl_cdf_gaussian_P(x - mean, sd)
    }

    /// P(X ≤ x) for X ~ Gamma(shape k, scale θ) (density x^{k−1} e^{−x/θ} / (Γ(k) θ^k)).
    public static func gamma(_ x: Double, shape: Double, scale: Double = 1) throws -> Double {
        guard shape > 0, shape.isFinite, scale > 0, scale.isFinite else {
            throw StatsError.invalidParameter("gamma CDF needs shape > 0 and scale > 0, got \(shape), \(scale)")
        }
        GSLRuntime.ensure()
        return gsl_cdf_gamma_P(x, shape, scale)
    }

    /// P(X ≤ x) for X ~ Beta(a, b).
    public static func beta(_ x: Double, _ a: Double, _ b: Double) throws -> Double {
        guard a > 0, b > 0, a.isFinite, b.isFinite else {
            throw StatsError.invalidParameter("beta CDF needs a > 0 and b > 0, got \(a), \(b)")
        }
        GSLRuntime.ensure()
        return gsl_cdf_beta_P(x, a, b)
    }

    /// P(X ≤ k) for X ~ Binomial(n, p): 0 for k < 0, 1 for k ≥ n.
    public static func binomial(_ k: Int, p: Double, n: Int) throws -> Double {
        guard n >= 0, n <= Int(UInt32.max), p >= 0, p <= 1 else {
            throw StatsError.invalidParameter("binomial CDF needs 0 <= n <= 2^32-1 and p in [0, 1], got n = \(n), p = \(p)")
        }
        if k < 0 { return 0 }
        if k >= n { return 1 }
        GSLRuntime.ensure()
        return gsl_cdf_binomial_P(UInt32(k), p, UInt32(n))
    }
}

/// Probability mass functions of discrete distributions (GSL `gsl_ran_*_pdf`).
public enum PMF {
    /// P(X = k) for X ~ Binomial(n, p).
    public static func binomial(_ k: Int, p: Double, n: Int) throws -> Double {
        guard n >= 0, n <= Int(UInt32.max), p >= 0, p <= 1 else {
            throw StatsError.invalidParameter("binomial pmf needs 0 <= n <= 2^32-1 and p in [0, 1], got n = \(n), p = \(p)")
        }
        guard k >= 0, k <= n else { return 0 }
        GSLRuntime.ensure()
        return gsl_ran_binomial_pdf(UInt32(k), p, UInt32(n))
    }

    /// P(X = x) for X ~ Multinomial(Σx, p); `p` is normalised first (it must be non-negative
    /// with a positive sum).
    public static func multinomial(_ x: [Int], p: [Double]) throws -> Double {
        guard x.count == p.count else { throw StatsError.sizeMismatch("\(x.count) counts but \(p.count) probabilities") }
        try Sample.validateWeights(p, what: "multinomial pmf")
        guard x.allSatisfy({ $0 >= 0 && $0 <= Int(UInt32.max) }) else {
            throw StatsError.invalidParameter("multinomial pmf needs counts in 0...2^32-1")
        }
        GSLRuntime.ensure()
        let counts = x.map { UInt32($0) }
        return p.withUnsafeBufferPointer { pp in
            counts.withUnsafeBufferPointer { c in gsl_ran_multinomial_pdf(pp.count, pp.baseAddress!, c.baseAddress!) }
        }
    }
}
