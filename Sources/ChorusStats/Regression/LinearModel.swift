internal import CGSL

/// A linear least-squares model y ≈ X·c with p coefficients, fitted by GSL's
/// `gsl_multifit_linear` (SVD of X, so a nearly collinear design is handled stably;
/// GSL reference manual, "Multi-parameter regression").
public struct LinearModel: Sendable, Equatable {
    /// The fitted coefficients c (one per column of X).
    public var coefficients: [Double]
    /// Residual sum of squares Σ (yᵢ − xᵢ·c)².
    public var residualSumOfSquares: Double
    /// Observations n.
    public var n: Int

    /// Residual standard deviation √(RSS / (n − p)) (NaN when n ≤ p).
    public var residualSD: Double {
        n > coefficients.count ? (residualSumOfSquares / Double(n - coefficients.count)).squareRoot() : .nan
    }

    /// Fits y on the rows of `design` (each row xᵢ of length p ≥ 1, n ≥ p rows).
    /// - Throws: `StatsError.sizeMismatch` (ragged rows, y of another length),
    ///   `.insufficientData` (fewer rows than columns), `.invalidParameter` (non-finite values),
    ///   `.gsl` when GSL fails.
    /// - Complexity: O(n p²) time, O(n p) memory.
    public static func fit(design: [[Double]], y: [Double]) throws -> LinearModel {
        let n = design.count, p = design.first?.count ?? 0
        guard n == y.count else { throw StatsError.sizeMismatch("design has \(n) rows, y has \(y.count) values") }
        guard p >= 1, design.allSatisfy({ $0.count == p }) else { throw StatsError.sizeMismatch("design rows must all have the same length ≥ 1") }
        guard n >= p else { throw StatsError.insufficientData("\(p) coefficients need at least \(p) observations, got \(n)") }
        guard y.allSatisfy(\.isFinite), design.allSatisfy({ $0.allSatisfy(\.isFinite) }) else {
            throw StatsError.invalidParameter("design and y must be finite")
        }
        GSLRuntime.ensure()
        let x = try GSLRuntime.allocated(gsl_matrix_alloc(n, p), "gsl_matrix_alloc(\(n), \(p))")
        defer { gsl_matrix_free(x) }
        let yv = try GSLRuntime.allocated(gsl_vector_alloc(n), "gsl_vector_alloc(\(n))")
        defer { gsl_vector_free(yv) }
        let c = try GSLRuntime.allocated(gsl_vector_alloc(p), "gsl_vector_alloc(\(p))")
        defer { gsl_vector_free(c) }
        let cov = try GSLRuntime.allocated(gsl_matrix_alloc(p, p), "gsl_matrix_alloc(\(p), \(p))")
        defer { gsl_matrix_free(cov) }
        let work = try GSLRuntime.allocated(gsl_multifit_linear_alloc(n, p), "gsl_multifit_linear_alloc(\(n), \(p))")
        defer { gsl_multifit_linear_free(work) }
        for i in 0..<n {
            gsl_vector_set(yv, i, y[i])
            for j in 0..<p { gsl_matrix_set(x, i, j, design[i][j]) }
        }
        var chisq = 0.0
        try GSLRuntime.check(gsl_multifit_linear(x, yv, c, cov, &chisq, work), "gsl_multifit_linear")
        return LinearModel(coefficients: (0..<p).map { gsl_vector_get(c, $0) }, residualSumOfSquares: chisq, n: n)
    }

    /// A polynomial c0 + c1 x + … + c_d x^d fitted by least squares (design columns 1, x, …, x^d).
    /// - Throws: as `fit(design:y:)`.
    public static func polynomial(x: [Double], y: [Double], degree: Int) throws -> LinearModel {
        guard degree >= 0 else { throw StatsError.invalidParameter("degree must be ≥ 0, got \(degree)") }
        let design = x.map { v -> [Double] in
            var row = [Double](repeating: 1, count: degree + 1)
            for k in stride(from: 1, through: degree, by: 1) { row[k] = row[k - 1] * v }
            return row
        }
        return try fit(design: design, y: y)
    }
}
