import Foundation
import ChorusStats

/// The Vendi score (Friedman & Dieng, "The Vendi Score: A Diversity Evaluation Metric for
/// Machine Learning", TMLR 2023; order q from Pasarkar & Dieng 2024): the effective number of
/// distinct items in a set, from a similarity kernel.
///
/// For n items with a positive semi-definite kernel K (K_ii = 1), let λ_1..λ_n be the
/// eigenvalues of K/n (they sum to 1). Then VS_q = exp(H_q(λ)) with the Rényi entropy
///   H_q(λ) = ln(Σ λ_i^q) / (1 − q)   (q ≠ 1),   H_1 = −Σ λ_i ln λ_i,   H_∞ = −ln max λ_i.
/// VS = n when all items are orthogonal (K = I), 1 when all are identical (K = 11ᵀ).
/// Eigenvalues come from GSL's symmetric eigen-solver (`SymmetricEigen`); round-off negatives
/// are set to 0. Known bias: grows with n for a fixed population (more items show more modes),
/// so compare sets of equal size; small q weights rare modes more.
/// - Complexity: O(n³).
public enum Vendi {
    /// VS_q of a kernel matrix. `q` ≥ 0; pass `.infinity` for the order-∞ score.
    /// - Throws: `AnalysisError` for an empty/non-square kernel, a diagonal other than 1,
    ///   a negative q; `StatsError` from the eigen-solver (asymmetric or non-finite entries).
    public static func score(kernel: [[Double]], q: Double = 1) throws -> Double {
        let n = kernel.count
        guard n > 0 else { throw AnalysisError.invalidParameter("Vendi score of an empty kernel") }
        guard kernel.allSatisfy({ $0.count == n }) else { throw AnalysisError.dimensionMismatch("kernel is not square (\(n) rows)") }
        guard q >= 0, !q.isNaN else { throw AnalysisError.invalidParameter("Vendi order q must be >= 0, got \(q)") }
        for i in 0..<n where abs(kernel[i][i] - 1) > 1e-9 {
            throw AnalysisError.invalidParameter("Vendi kernel needs K_ii = 1; K[\(i)][\(i)] = \(kernel[i][i])")
        }
        let scaled = kernel.map { $0.map { $0 / Double(n) } }
        let lambda = try SymmetricEigen.eigenvalues(matrix: scaled).map { max(0, $0) }
        let total = lambda.reduce(0, +)
        let p = lambda.map { $0 / total }   // renormalise after clipping round-off
        return exp(renyi(p, q: q))
    }

    /// Vendi score of texts with the TF-IDF cosine kernel (`TextDiversity.tfidfKernel`).
    public static func score(texts: [String], q: Double = 1) throws -> Double {
        try score(kernel: TextDiversity.tfidfKernel(texts), q: q)
    }

    /// Vendi score of embeddings with the cosine kernel (zero vectors: similarity 0 with others).
    public static func score(embeddings e: [[Double]], q: Double = 1) throws -> Double {
        guard let d = e.first?.count else { throw AnalysisError.invalidParameter("Vendi score of no embeddings") }
        guard e.allSatisfy({ $0.count == d }) else { throw AnalysisError.dimensionMismatch("embeddings differ in length") }
        let norms = e.map { v in v.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        let k = e.indices.map { i in e.indices.map { j -> Double in
            if i == j { return 1 }
            guard norms[i] > 0, norms[j] > 0 else { return 0 }
            return zip(e[i], e[j]).reduce(0) { $0 + $1.0 * $1.1 } / (norms[i] * norms[j])
        } }
        return try score(kernel: k, q: q)
    }

    /// Rényi entropy of order q (nats) of a probability vector.
    static func renyi(_ p: [Double], q: Double) -> Double {
        let nz = p.filter { $0 > 0 }
        if q == 1 { return -nz.reduce(0) { $0 + $1 * log($1) } }
        if q == .infinity { return -log(nz.max()!) }
        if q == 0 { return log(Double(nz.count)) }
        return log(nz.reduce(0) { $0 + pow($1, q) }) / (1 - q)
    }
}
