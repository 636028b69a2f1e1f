internal import CGSL

/// Pearson and Spearman correlation coefficients from GSL (`gsl_stats_correlation`,
/// `gsl_stats_spearman`): the one implementation for the analyses, validation studies and
/// figures (issue 9).
public enum Correlation {
    /// Pearson's r = Σ(x−x̄)(y−ȳ) / √(Σ(x−x̄)² Σ(y−ȳ)²), by GSL's `gsl_stats_correlation`
    /// (a one-pass, numerically stable update; GSL reference manual, "Correlation").
    /// NaN when x or y is constant (the ratio is 0/0).
    /// - Throws: `StatsError.sizeMismatch`, `.insufficientData` (fewer than two pairs),
    ///   `.invalidParameter` (a non-finite value).
    /// - Complexity: O(n).
    public static func pearson(_ x: [Double], _ y: [Double]) throws -> Double {
        try check(x, y)
        if isConstant(x) || isConstant(y) { return .nan }
        GSLRuntime.ensure()
        return gsl_stats_correlation(x, 1, y, 1, x.count)
    }

    /// Spearman's ρ: Pearson's r of the ranks, ties given the mean of the ranks they span
    /// (mid-ranks), by GSL's `gsl_stats_spearman`. NaN when x or y is constant.
    /// - Throws: as `pearson`.
    /// - Complexity: O(n log n) (two sorts); allocates a 2n work array.
    public static func spearman(_ x: [Double], _ y: [Double]) throws -> Double {
        try check(x, y)
        if isConstant(x) || isConstant(y) { return .nan }
        GSLRuntime.ensure()
        var work = [Double](repeating: 0, count: 2 * x.count)
        return work.withUnsafeMutableBufferPointer { w in
            gsl_stats_spearman(x, 1, y, 1, x.count, w.baseAddress)
        }
    }

    private static func isConstant(_ v: [Double]) -> Bool { v.allSatisfy { $0 == v[0] } }

    private static func check(_ x: [Double], _ y: [Double]) throws {
        guard x.count == y.count else { throw StatsError.sizeMismatch("x has \(x.count) values, y has \(y.count)") }
        guard x.count >= 2 else { throw StatsError.insufficientData("a correlation needs at least two pairs, got \(x.count)") }
        guard x.allSatisfy(\.isFinite), y.allSatisfy(\.isFinite) else { throw StatsError.invalidParameter("x and y must be finite") }
    }
}
