internal import CGSL

/// GSL's special functions and distribution functions, in a Swift namespace.
public enum Special {
    /// Digamma ψ(x) = d/dx ln Γ(x). Undefined (NaN) at 0 and negative integers.
    public static func digamma(_ x: Double) -> Double { GSLRuntime.ensure(); return gsl_sf_psi(x) }
    /// Trigamma ψ₁(x) = d²/dx² ln Γ(x).
    public static func trigamma(_ x: Double) -> Double { GSLRuntime.ensure(); return gsl_sf_psi_1(x) }
    /// ln Γ(x) for x > 0.
    public static func lnGamma(_ x: Double) -> Double { GSLRuntime.ensure(); return gsl_sf_lngamma(x) }
    /// ln n!.
    public static func lnFactorial(_ n: Int) -> Double { GSLRuntime.ensure(); return gsl_sf_lnfact(UInt32(n)) }
    /// ln C(n, k).
    public static func lnChoose(_ n: Int, _ k: Int) -> Double { GSLRuntime.ensure(); return gsl_sf_lnchoose(UInt32(n), UInt32(k)) }
}

/// Cumulative distribution functions and quantiles (GSL `gsl_cdf_*`).
public enum CDF {
    /// P(X ≤ x) for X ~ χ²(ν).
    public static func chiSquare(_ x: Double, dof: Double) -> Double { GSLRuntime.ensure(); return gsl_cdf_chisq_P(x, dof) }
    /// P(X > x) for X ~ χ²(ν): the p-value of a chi-square statistic.
    public static func chiSquareUpper(_ x: Double, dof: Double) -> Double { GSLRuntime.ensure(); return gsl_cdf_chisq_Q(x, dof) }
    /// Quantile of Student's t with ν degrees of freedom.
    public static func studentTQuantile(_ p: Double, dof: Double) -> Double { GSLRuntime.ensure(); return gsl_cdf_tdist_Pinv(p, dof) }
    /// Quantile of the standard normal.
    public static func normalQuantile(_ p: Double) -> Double { GSLRuntime.ensure(); return gsl_cdf_ugaussian_Pinv(p) }
    /// P(Z ≤ z) for the standard normal.
    public static func normal(_ z: Double) -> Double { GSLRuntime.ensure(); return gsl_cdf_ugaussian_P(z) }
    /// P(X ≤ k) for X ~ Binomial(n, p).
    public static func binomial(_ k: Int, p: Double, n: Int) -> Double { GSLRuntime.ensure(); return gsl_cdf_binomial_P(UInt32(k), p, UInt32(n)) }
}
