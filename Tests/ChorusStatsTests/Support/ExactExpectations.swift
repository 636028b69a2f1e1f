import Foundation

/// Exact expectations of count-based entropy estimators, computed independently of ChorusStats
/// (Foundation's lgamma only).
enum Exact {
    /// Binomial(n, p) pmf at k, from log-gamma.
    static func binomialPMF(_ k: Int, _ n: Int, _ p: Double) -> Double {
        if p == 0 { return k == 0 ? 1 : 0 }
        if p == 1 { return k == n ? 1 : 0 }
        let lc = lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))
        return exp(lc + Double(k) * log(p) + Double(n - k) * log1p(-p))
    }

    /// E[Ĥ_plug-in] for N draws from p: each count is marginally Binomial(N, p_i), so
    /// E Ĥ = Σ_i Σ_k P(n_i = k) · (−(k/N) ln(k/N)).
    static func plugInExpectation(_ p: [Double], _ n: Int) -> Double {
        var e = 0.0
        for pi in p {
            for k in 1...n {
                let f = Double(k) / Double(n)
                e -= binomialPMF(k, n, pi) * f * log(f)
            }
        }
        return e
    }

    /// E[Ĥ_MM] = E[Ĥ_plug-in] + (E[K̂] − 1)/(2N), E[K̂] = Σ_i (1 − (1 − p_i)^N).
    static func millerMadowExpectation(_ p: [Double], _ n: Int) -> Double {
        let eK = p.reduce(0) { $0 + (1 - pow(1 - $1, Double(n))) }
        return plugInExpectation(p, n) + (eK - 1) / (2 * Double(n))
    }

    /// Every composition of n into k non-negative parts.
    static func compositions(_ n: Int, _ k: Int) -> [[Int]] {
        if k == 1 { return [[n]] }
        return (0...n).flatMap { first in compositions(n - first, k - 1).map { [first] + $0 } }
    }

    /// Multinomial pmf, from log-gamma.
    static func multinomialPMF(_ x: [Int], _ p: [Double]) -> Double {
        let n = x.reduce(0, +)
        var l: Double = lgamma(Double(n + 1))
        for (xi, pi) in zip(x, p) {
            l -= lgamma(Double(xi + 1))
            if xi > 0 { l += Double(xi) * log(pi) }
        }
        return exp(l)
    }

    /// −Σ p_i ln p_i, written out here so truths do not call the code under test.
    static func entropy(_ p: [Double]) -> Double { p.reduce(0) { $1 > 0 ? $0 - $1 * log($1) : $0 } }
}

/// Zipf's law on K outcomes: p_i ∝ 1/i.
func zipf(_ k: Int) -> [Double] {
    let w = (1...k).map { 1 / Double($0) }
    let t = w.reduce(0, +)
    return w.map { $0 / t }
}
