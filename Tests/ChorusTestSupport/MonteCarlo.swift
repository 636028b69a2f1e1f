/// Tolerances of statistical tests, from the Monte Carlo error of the estimate (docs/testing.md).
///
/// A test with a fixed seed compares an estimate with an independent truth and allows `k`
/// standard errors: `|estimate − truth| < k·SE`. The suite uses k = 4 or 5 (a correct
/// estimator lands outside with probability 6·10⁻⁵ or 6·10⁻⁷ under normality; the seed is
/// fixed, so the outcome is deterministic, and a wrong estimator is off by many SE).
public enum MonteCarlo {
    /// The standard error of a proportion estimated from `n` independent trials of success
    /// probability `p`: √(p(1 − p)/n).
    public static func binomialSE(p: Double, n: Int) -> Double { (p * (1 - p) / Double(n)).squareRoot() }

    /// The relative standard error of a sample standard deviation from `n` draws of a normal
    /// variable: SE(s)/σ ≈ 1/√(2(n − 1)).
    public static func relativeSEOfSD(n: Int) -> Double { 1 / (2 * Double(n - 1)).squareRoot() }
}
