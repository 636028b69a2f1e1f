internal import CGSL

/// An ordinary least-squares straight line y = intercept + slope · x.
public struct LinearFit: Sendable, Equatable {
    public var intercept: Double
    public var slope: Double
    /// Coefficient of determination 1 − SS_res / SS_tot (NaN when y is constant).
    public var rSquared: Double
    public var n: Int

    /// Fits y = c0 + c1 · x by least squares with GSL's `gsl_fit_linear`
    /// (c1 = Σ(x−x̄)(y−ȳ) / Σ(x−x̄)², c0 = ȳ − c1 x̄).
    /// - Throws: `StatsError.sizeMismatch` for mismatched lengths, `.insufficientData` for
    ///   fewer than two points or x all equal, `.invalidParameter` for non-finite values.
    /// - Complexity: O(n).
    public static func fit(x: [Double], y: [Double]) throws -> LinearFit {
        guard x.count == y.count else { throw StatsError.sizeMismatch("x has \(x.count) values, y has \(y.count)") }
        guard x.count >= 2 else { throw StatsError.insufficientData("a line needs at least two points, got \(x.count)") }
        guard x.allSatisfy(\.isFinite), y.allSatisfy(\.isFinite) else { throw StatsError.invalidParameter("x and y must be finite") }
        guard let x0 = x.first, x.contains(where: { $0 != x0 }) else { throw StatsError.insufficientData("x values are all equal") }
        GSLRuntime.ensure()
        var c0 = 0.0, c1 = 0.0, cov00 = 0.0, cov01 = 0.0, cov11 = 0.0, sumsq = 0.0
        let status = gsl_fit_linear(x, 1, y, 1, x.count, &c0, &c1, &cov00, &cov01, &cov11, &sumsq)
        try GSLRuntime.check(status, "gsl_fit_linear")
        let mean = y.reduce(0, +) / Double(y.count)
        let total = y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return LinearFit(intercept: c0, slope: c1, rSquared: total > 0 ? 1 - sumsq / total : .nan, n: x.count)
    }
}
