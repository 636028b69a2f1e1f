import Foundation

/// Moments of the Shannon entropy (nats) of p ~ Dirichlet(α): the Bayesian posterior of H under
/// a Dirichlet prior, and the building block of NSB.
///
/// With A = Σ α_i (Wolpert & Wolf, Phys. Rev. E 52, 1995; Hutter, "Distribution of mutual
/// information", NIPS 2002; Archer, Park & Pillow, JMLR 15, 2014, eqs. 10–11):
///
///   E[H]  = ψ(A+1) − Σ_i (α_i/A) ψ(α_i+1)
///   E[H²] = 1/(A(A+1)) · { Σ_{i≠j} α_i α_j [(ψ(α_i+1) − ψ(A+2))(ψ(α_j+1) − ψ(A+2)) − ψ₁(A+2)]
///                        + Σ_i α_i(α_i+1) [(ψ(α_i+2) − ψ(A+2))² + ψ₁(α_i+2) − ψ₁(A+2)] }
///
/// The double sum is evaluated in O(K) as (Σ α_i d_i)² − Σ α_i² d_i² − ψ₁(A+2)(A² − Σ α_i²)
/// with d_i = ψ(α_i+1) − ψ(A+2), over groups of equal α_i (bins with equal counts share one).
public enum DirichletEntropy {
    /// E[H] and E[H²] (nats, nats²) for p ~ Dirichlet(α).
    /// - Throws: `StatsError.invalidParameter` if α is empty or some α_i is not finite and > 0.
    /// - Complexity: O(K).
    public static func moments(alpha: [Double]) throws -> (mean: Double, secondMoment: Double) {
        guard !alpha.isEmpty else { throw StatsError.invalidParameter("Dirichlet entropy moments need a non-empty α") }
        for (i, a) in alpha.enumerated() where !(a > 0 && a.isFinite) {
            throw StatsError.invalidParameter("Dirichlet entropy moments need every α_i > 0, α[\(i)] = \(a)")
        }
        var mult: [Double: Double] = [:]
        for a in alpha { mult[a, default: 0] += 1 }
        return grouped(mult.sorted { $0.key < $1.key }.map { (alpha: $0.key, multiplicity: $0.value) })
    }

    /// The moments from groups of equal concentration: `multiplicity` bins with parameter `alpha`.
    /// Callers guarantee alpha > 0 and multiplicity ≥ 1. - Complexity: O(number of groups).
    static func grouped(_ groups: [(alpha: Double, multiplicity: Double)]) -> (mean: Double, secondMoment: Double) {
        var a = 0.0
        for g in groups { a += g.multiplicity * g.alpha }
        let psiA1 = Special.digamma(a + 1)
        let psiA2 = Special.digamma(a + 2), triA2 = Special.trigamma(a + 2)
        var mean = psiA1
        var sumAD = 0.0, sumA2D2 = 0.0, sumA2 = 0.0, diag = 0.0
        for g in groups {
            let ai = g.alpha, m = g.multiplicity
            let psiI1 = Special.digamma(ai + 1)
            mean -= m * ai / a * psiI1
            let d = psiI1 - psiA2
            sumAD += m * ai * d
            sumA2D2 += m * ai * ai * d * d
            sumA2 += m * ai * ai
            let dd = Special.digamma(ai + 2) - psiA2
            diag += m * ai * (ai + 1) * (dd * dd + Special.trigamma(ai + 2) - triA2)
        }
        let offDiagonal = sumAD * sumAD - sumA2D2 - triA2 * (a * a - sumA2)
        return (mean, (offDiagonal + diag) / (a * (a + 1)))
    }
}
