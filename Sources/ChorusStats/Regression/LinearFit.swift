internal import CGSL

/// A least-squares straight line y = intercept + slope · x, ordinary or weighted, from GSL.
///
/// The one least-squares line of Chorus: every regression of the analyses, the validation
/// studies and the figures calls `fit(x:y:)` or `fit(x:y:weights:)` (issue 9: no hand-rolled
/// normal equations elsewhere).
public struct LinearFit: Sendable, Equatable {
    /// The fitted intercept c0 of y = c0 + c1·x.
    public var intercept: Double
    /// The fitted slope c1 of y = c0 + c1·x.
    public var slope: Double
    /// Coefficient of determination 1 − SS_res / SS_tot (NaN when y is constant).
    public var rSquared: Double
    /// The number of points fitted.
    public var n: Int
    /// Residual sum of squares SS_res = Σ wᵢ (yᵢ − c0 − c1 xᵢ)² (wᵢ = 1 for an ordinary fit).
    public var residualSumOfSquares: Double
    /// Standard error of the slope: √cov11. For an ordinary fit GSL estimates the error
    /// variance as SS_res / (n − 2) (NaN for n = 2); for a weighted fit the weights are taken
    /// as 1/σᵢ² and the covariance is (XᵀWX)⁻¹, unscaled.
    public var slopeSE: Double
    /// Standard error of the intercept: √cov00, on the same terms as `slopeSE`.
    public var interceptSE: Double

    /// Fits y = c0 + c1 · x by ordinary least squares with GSL's `gsl_fit_linear`
    /// (c1 = Σ(x−x̄)(y−ȳ) / Σ(x−x̄)², c0 = ȳ − c1 x̄; GSL reference manual, "Linear regression").
    /// - Throws: `StatsError.sizeMismatch` for mismatched lengths, `.insufficientData` for
    ///   fewer than two points or x all equal, `.invalidParameter` for non-finite values.
    /// - Complexity: O(n).
    public static func fit(x: [Double], y: [Double]) throws -> LinearFit {
        try check(x: x, y: y)
        GSLRuntime.ensure()
        var c0 = 0.0, c1 = 0.0, cov00 = 0.0, cov01 = 0.0, cov11 = 0.0, sumsq = 0.0
        let status = gsl_fit_linear(x, 1, y, 1, x.count, &c0, &c1, &cov00, &cov01, &cov11, &sumsq)
        try GSLRuntime.check(status, "gsl_fit_linear")
        let mean = y.reduce(0, +) / Double(y.count)
        let total = y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        // With n = 2 the line is exact and GSL divides SS_res = 0 by n − 2 = 0.
        let se = { (v: Double) in x.count > 2 ? max(0, v).squareRoot() : Double.nan }
        return LinearFit(intercept: c0, slope: c1, rSquared: total > 0 ? 1 - sumsq / total : .nan, n: x.count,
                         residualSumOfSquares: sumsq, slopeSE: se(cov11), interceptSE: se(cov00))
    }

    /// Fits y = c0 + c1 · x by weighted least squares with GSL's `gsl_fit_wlinear`, minimising
    /// Σ wᵢ (yᵢ − c0 − c1 xᵢ)²; R² is the weighted 1 − SS_res / Σ wᵢ (yᵢ − ȳ_w)².
    /// - Throws: as `fit(x:y:)`, and `.invalidParameter` for a negative or non-finite weight or
    ///   fewer than two positive weights.
    /// - Complexity: O(n).
    public static func fit(x: [Double], y: [Double], weights w: [Double]) throws -> LinearFit {
        try check(x: x, y: y)
        guard w.count == x.count else { throw StatsError.sizeMismatch("x has \(x.count) values, weights \(w.count)") }
        guard w.allSatisfy({ $0.isFinite && $0 >= 0 }), w.filter({ $0 > 0 }).count >= 2 else {
            throw StatsError.invalidParameter("weights must be finite, ≥ 0, and at least two of them > 0")
        }
        GSLRuntime.ensure()
        var c0 = 0.0, c1 = 0.0, cov00 = 0.0, cov01 = 0.0, cov11 = 0.0, chisq = 0.0
        let status = gsl_fit_wlinear(x, 1, w, 1, y, 1, x.count, &c0, &c1, &cov00, &cov01, &cov11, &chisq)
        try GSLRuntime.check(status, "gsl_fit_wlinear")
        let wsum = w.reduce(0, +)
        let mean = zip(w, y).reduce(0) { $0 + $1.0 * $1.1 } / wsum
        let total = zip(w, y).reduce(0) { $0 + $1.0 * ($1.1 - mean) * ($1.1 - mean) }
        return LinearFit(intercept: c0, slope: c1, rSquared: total > 0 ? 1 - chisq / total : .nan, n: x.count,
                         residualSumOfSquares: chisq, slopeSE: max(0, cov11).squareRoot(), interceptSE: max(0, cov00).squareRoot())
    }

    /// The fitted value c0 + c1 · x.
    public func predict(_ x: Double) -> Double { intercept + slope * x }

    private static func check(x: [Double], y: [Double]) throws {
        guard x.count == y.count else { throw StatsError.sizeMismatch("x has \(x.count) values, y has \(y.count)") }
        guard x.count >= 2 else { throw StatsError.insufficientData("a line needs at least two points, got \(x.count)") }
        guard x.allSatisfy(\.isFinite), y.allSatisfy(\.isFinite) else { throw StatsError.invalidParameter("x and y must be finite") }
        guard let x0 = x.first, x.contains(where: { $0 != x0 }) else { throw StatsError.insufficientData("x values are all equal") }
    }
}
