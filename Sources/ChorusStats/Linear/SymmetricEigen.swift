internal import CGSL

/// Eigen-decomposition of a real symmetric matrix with GSL (`gsl_eigen_symm`/`gsl_eigen_symmv`:
/// Householder tridiagonalisation then implicit symmetric QR; GSL Reference Manual,
/// "Eigensystems"). Used, e.g., for the Vendi score exp(−Σ λ_i ln λ_i) of a similarity matrix
/// K/n (Friedman & Dieng, "The Vendi Score", TMLR 2023).
///
/// The input must be square, finite and symmetric to a relative tolerance (only the lower
/// triangle is read by GSL, so an asymmetric input would silently give the eigenvalues of a
/// different matrix: it is rejected instead).
///
/// - Complexity: O(n³) time, O(n²) memory.
public enum SymmetricEigen {
    /// Eigenvalues and orthonormal eigenvectors: `vectors[j]` belongs to `values[j]`.
    public struct Decomposition: Sendable, Equatable {
        /// Eigenvalues in descending order.
        public var values: [Double]
        /// Unit eigenvectors, `vectors[j]` for `values[j]`.
        public var vectors: [[Double]]
    }

    /// Default relative symmetry tolerance: |a_ij − a_ji| ≤ tol · max(1, max|a|).
    public static let defaultSymmetryTolerance = 1e-10

    /// The eigenvalues of a symmetric matrix, in descending order.
    /// - Throws: `StatsError.sizeMismatch` if the matrix is empty or not square,
    ///   `StatsError.invalidParameter` if an entry is not finite or the matrix is not symmetric,
    ///   `StatsError.gsl` if GSL fails.
    public static func eigenvalues(matrix: [[Double]], symmetryTolerance: Double = defaultSymmetryTolerance) throws -> [Double] {
        let n = try validate(matrix, tolerance: symmetryTolerance)
        GSLRuntime.ensure()
        let m = try GSLRuntime.allocated(gsl_matrix_alloc(n, n), "gsl_matrix_alloc(\(n), \(n))")
        defer { gsl_matrix_free(m) }
        fill(m, matrix)
        let eval = try GSLRuntime.allocated(gsl_vector_alloc(n), "gsl_vector_alloc(\(n))")
        defer { gsl_vector_free(eval) }
        let ws = try GSLRuntime.allocated(gsl_eigen_symm_alloc(n), "gsl_eigen_symm_alloc(\(n))")
        defer { gsl_eigen_symm_free(ws) }
        try GSLRuntime.check(gsl_eigen_symm(m, eval, ws), "gsl_eigen_symm")
        var values = (0..<n).map { gsl_vector_get(eval, $0) }
        values.sort(by: >)
        return values
    }

    /// Eigenvalues (descending) and unit eigenvectors of a symmetric matrix.
    /// - Throws: as `eigenvalues(matrix:)`.
    public static func decompose(matrix: [[Double]], symmetryTolerance: Double = defaultSymmetryTolerance) throws -> Decomposition {
        let n = try validate(matrix, tolerance: symmetryTolerance)
        GSLRuntime.ensure()
        let m = try GSLRuntime.allocated(gsl_matrix_alloc(n, n), "gsl_matrix_alloc(\(n), \(n))")
        defer { gsl_matrix_free(m) }
        fill(m, matrix)
        let eval = try GSLRuntime.allocated(gsl_vector_alloc(n), "gsl_vector_alloc(\(n))")
        defer { gsl_vector_free(eval) }
        let evec = try GSLRuntime.allocated(gsl_matrix_alloc(n, n), "gsl_matrix_alloc(\(n), \(n))")
        defer { gsl_matrix_free(evec) }
        let ws = try GSLRuntime.allocated(gsl_eigen_symmv_alloc(n), "gsl_eigen_symmv_alloc(\(n))")
        defer { gsl_eigen_symmv_free(ws) }
        try GSLRuntime.check(gsl_eigen_symmv(m, eval, evec, ws), "gsl_eigen_symmv")
        try GSLRuntime.check(gsl_eigen_symmv_sort(eval, evec, GSL_EIGEN_SORT_VAL_DESC), "gsl_eigen_symmv_sort")
        let values = (0..<n).map { gsl_vector_get(eval, $0) }
        let vectors = (0..<n).map { j in (0..<n).map { i in gsl_matrix_get(evec, i, j) } }
        return Decomposition(values: values, vectors: vectors)
    }

    /// Checks shape, finiteness and symmetry; returns n.
    static func validate(_ a: [[Double]], tolerance: Double) throws -> Int {
        let n = a.count
        guard n > 0 else { throw StatsError.sizeMismatch("eigen-decomposition of an empty matrix") }
        for (i, row) in a.enumerated() where row.count != n {
            throw StatsError.sizeMismatch("matrix is not square: row \(i) has \(row.count) entries, expected \(n)")
        }
        var scale = 1.0
        for (i, row) in a.enumerated() {
            for (j, x) in row.enumerated() {
                guard x.isFinite else { throw StatsError.invalidParameter("matrix entry [\(i)][\(j)] is \(x)") }
                scale = max(scale, abs(x))
            }
        }
        for i in 0..<n {
            for j in 0..<i where abs(a[i][j] - a[j][i]) > tolerance * scale {
                throw StatsError.invalidParameter("matrix is not symmetric: [\(i)][\(j)] = \(a[i][j]) but [\(j)][\(i)] = \(a[j][i])")
            }
        }
        return n
    }

    static func fill(_ m: UnsafeMutablePointer<gsl_matrix>, _ a: [[Double]]) {
        for (i, row) in a.enumerated() {
            for (j, x) in row.enumerated() { gsl_matrix_set(m, i, j, x) }
        }
    }
}
