import Foundation

/// Estimators of Shannon entropy (nats) from a vector of counts n_1..n_K, N = Σ n_i.
///
/// Every estimator is biased at small N; their biases are the subject of `chorus validate`
/// study 1. Zero counts are allowed and ignored except where an estimator uses the alphabet size.
public enum EntropyEstimator: String, Sendable, CaseIterable, Codable {
    /// Plug-in (maximum likelihood): Ĥ = −Σ (n_i/N) ln(n_i/N).
    /// Biased downwards: E[Ĥ] − H = −(K−1)/(2N) + O(N⁻²) (Miller 1955; Paninski 2003).
    case plugIn = "plugin"
    /// Miller–Madow: plug-in + (K̂ − 1)/(2N), K̂ the number of non-zero counts (Miller 1955).
    case millerMadow = "miller-madow"
    /// Chao–Shen (2003): coverage-adjusted Horvitz–Thompson estimator.
    /// C = 1 − f₁/N (f₁ singletons; f₁ = N is replaced by N − 1), p̃_i = C n_i/N,
    /// Ĥ = −Σ p̃_i ln p̃_i / (1 − (1 − p̃_i)^N).
    case chaoShen = "chao-shen"
    /// Grassberger (2003), "Entropy estimates from insufficient samplings", eq. (35):
    /// Ĥ = ln N − (1/N) Σ n_i G(n_i), G(n) = ψ(n) + ½(−1)ⁿ[ψ((n+1)/2) − ψ(n/2)].
    case grassberger = "grassberger"
    /// NSB (Nemenman, Shafee, Bialek 2002): posterior mean of H under a mixture of symmetric
    /// Dirichlet(β) priors weighted to be flat in the prior mean entropy ξ(β). Needs the
    /// alphabet size K (defaults to the length of the count vector).
    case nsb = "nsb"

    /// Human-readable name for tables and legends.
    public var displayName: String {
        switch self {
        case .plugIn: return "plug-in"
        case .millerMadow: return "Miller–Madow"
        case .chaoShen: return "Chao–Shen"
        case .grassberger: return "Grassberger"
        case .nsb: return "NSB"
        }
    }

    /// The estimate from counts. `alphabetSize` is used by NSB only (K ≥ number of bins given).
    /// - Throws: `StatsError` on a negative count, an empty sample, or K smaller than the bins.
    /// - Complexity: O(K) for K bins; NSB: see `NSB.posterior(counts:alphabetSize:)`.
    public func estimate(_ counts: [Int], alphabetSize: Int? = nil) throws -> Double {
        guard counts.allSatisfy({ $0 >= 0 }) else { throw StatsError.invalidParameter("counts must be >= 0") }
        let n = counts.reduce(0, +)
        guard n > 0 else { throw StatsError.insufficientData("no observations") }
        switch self {
        case .plugIn: return EntropyEstimator.plugInValue(counts, n)
        case .millerMadow:
            let kObs = counts.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
            return EntropyEstimator.plugInValue(counts, n) + Double(kObs - 1) / (2 * Double(n))
        case .chaoShen: return EntropyEstimator.chaoShenValue(counts, n)
        case .grassberger: return EntropyEstimator.grassbergerValue(counts, n)
        case .nsb:
            let k = alphabetSize ?? counts.count
            guard k >= counts.count, k >= 1 else {
                throw StatsError.invalidParameter("NSB alphabet size \(k) is smaller than the \(counts.count) bins given")
            }
            return try NSB.posterior(counts: counts, alphabetSize: k).mean
        }
    }

    static func plugInValue(_ counts: [Int], _ n: Int) -> Double {
        let nn = Double(n)
        var h = 0.0
        for c in counts where c > 0 { let p = Double(c) / nn; h -= p * log(p) }
        return h
    }

    static func chaoShenValue(_ counts: [Int], _ n: Int) -> Double {
        let nn = Double(n)
        var f1 = counts.reduce(0) { $0 + ($1 == 1 ? 1 : 0) }
        if f1 == n { f1 = n - 1 }
        let coverage = 1 - Double(f1) / nn
        var h = 0.0
        for c in counts where c > 0 {
            let pa = coverage * Double(c) / nn
            let denom = 1 - pow(1 - pa, nn)
            h -= pa * log(pa) / denom
        }
        return h
    }

    /// G(n) of Grassberger (2003), eq. (30)/(35).
    static func grassbergerG(_ c: Int) -> Double {
        let x = Double(c)
        let sign: Double = c % 2 == 0 ? 1 : -1
        return Special.digamma(x) + 0.5 * sign * (Special.digamma((x + 1) / 2) - Special.digamma(x / 2))
    }

    static func grassbergerValue(_ counts: [Int], _ n: Int) -> Double {
        let nn = Double(n)
        var s = 0.0
        for c in counts where c > 0 { s += Double(c) * grassbergerG(c) }
        return log(nn) - s / nn
    }
}
