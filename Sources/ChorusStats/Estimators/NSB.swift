import Foundation

/// The NSB entropy estimator (I. Nemenman, F. Shafee, W. Bialek, "Entropy and inference,
/// revisited", NIPS 2002).
///
/// Prior: a mixture over β of symmetric Dirichlet(β) priors on K bins, with mixing density
/// dξ/dβ = K ψ₁(Kβ + 1) − ψ₁(β + 1), which makes the prior flat in ξ(β) = ψ(Kβ+1) − ψ(β+1),
/// the prior mean entropy. Given counts n (N = Σn_i):
///
///   p(n | β) ∝ Γ(Kβ)/Γ(N + Kβ) · Π_i Γ(n_i + β)/Γ(β),
///   E[H | n, β] = ψ(N + Kβ + 1) − Σ_i (n_i + β)/(N + Kβ) · ψ(n_i + β + 1),
///   Ĥ_NSB = ∫ E[H | n, β] p(n | β) dξ/dβ dβ / ∫ p(n | β) dξ/dβ dβ.
///
/// The integrals are evaluated on a grid in ln β (trapezoid rule), first coarse over
/// β ∈ [1e-7, 1e7], then refined to the region holding the posterior mass (log-weight within
/// 40 of its maximum). Bins with n_i = 0 are summed in closed form, so the cost is
/// O(G · K_obs) for G grid points and K_obs observed bins.
public enum NSB {
    /// Posterior mean and standard deviation of H (nats).
    public struct Result: Sendable, Equatable { public var mean: Double; public var sd: Double }

    public static func estimate(counts: [Int], alphabetSize k: Int) -> Result {
        let observed = counts.filter { $0 > 0 }
        let n = observed.reduce(0, +)
        let kk = Double(k), nn = Double(n)
        let zeros = Double(k - observed.count)
        // Group equal counts: the posterior depends on counts only through their multiplicities.
        var mult: [Int: Int] = [:]
        for c in observed { mult[c, default: 0] += 1 }
        let groups = mult.sorted { $0.key < $1.key }.map { (Double($0.key), Double($0.value)) }

        func logWeight(_ beta: Double) -> Double {
            var lw = Special.lnGamma(kk * beta) - Special.lnGamma(nn + kk * beta)
            let lgb = Special.lnGamma(beta)
            for (c, m) in groups { lw += m * (Special.lnGamma(c + beta) - lgb) }
            let dxi = kk * Special.trigamma(kk * beta + 1) - Special.trigamma(beta + 1)
            return lw + log(max(dxi, .leastNonzeroMagnitude)) + log(beta) // + ln β: dβ = β d(ln β)
        }
        func moments(_ beta: Double) -> (Double, Double) {
            // E[H | n, β] and E[H² | n, β]; the posterior variance follows by the law of total
            // variance over the grid in β.
            let a = nn + kk * beta
            var eh = Special.digamma(a + 1)
            for (c, m) in groups { eh -= m * (c + beta) / a * Special.digamma(c + beta + 1) }
            eh -= zeros * beta / a * Special.digamma(beta + 1)
            return (eh, wolpertWolfVariance(beta: beta, a: a))
        }
        func wolpertWolfVariance(beta: Double, a: Double) -> Double {
            // Var[H | n, β] for a Dirichlet posterior with parameters α_i = n_i + β, Σα = a
            // (Wolpert & Wolf 1995; Hutter 2002, eq. for E[H²]).
            var alphas: [(Double, Double)] = groups.map { ($0.0 + beta, $0.1) }
            if zeros > 0 { alphas.append((beta, zeros)) }
            let psiA2 = Special.digamma(a + 2), tA2 = Special.trigamma(a + 2)
            var e2 = 0.0
            for (gi, (ai, mi)) in alphas.enumerated() {
                let di = Special.digamma(ai + 1) - psiA2
                // i == j terms
                let dii = Special.digamma(ai + 2) - psiA2
                e2 += mi * ai * (ai + 1) / (a * (a + 1)) * (dii * dii + Special.trigamma(ai + 2) - tA2)
                // i != j terms, over all pairs of (possibly grouped) bins
                for (gj, (aj, mj)) in alphas.enumerated() {
                    let pairs = gi == gj ? mi * (mi - 1) : mi * mj
                    guard pairs > 0 else { continue }
                    let dj = Special.digamma(aj + 1) - psiA2
                    e2 += pairs * ai * aj / (a * (a + 1)) * (di * dj - tA2)
                }
            }
            return e2
        }

        func integrate(lo: Double, hi: Double, points: Int) -> (grid: [Double], lw: [Double]) {
            var grid = [Double](), lw = [Double]()
            grid.reserveCapacity(points); lw.reserveCapacity(points)
            for i in 0..<points {
                let t = lo + (hi - lo) * Double(i) / Double(points - 1)
                grid.append(t); lw.append(logWeight(exp(t)))
            }
            return (grid, lw)
        }
        // Coarse pass, then refine around the mass.
        let coarse = integrate(lo: log(1e-7), hi: log(1e7), points: 400)
        let mx = coarse.lw.filter { $0.isFinite }.max() ?? 0
        let keep = coarse.grid.indices.filter { coarse.lw[$0].isFinite && coarse.lw[$0] > mx - 40 }
        let step = coarse.grid[1] - coarse.grid[0]
        let lo = coarse.grid[keep.first ?? 0] - step, hi = coarse.grid[keep.last ?? (coarse.grid.count - 1)] + step
        let fine = integrate(lo: lo, hi: hi, points: 600)
        let fmx = fine.lw.filter { $0.isFinite }.max() ?? 0
        var z = 0.0, s1 = 0.0, s2 = 0.0
        for i in fine.grid.indices where fine.lw[i].isFinite {
            let w = exp(fine.lw[i] - fmx) * ((i == 0 || i == fine.grid.count - 1) ? 0.5 : 1)
            let (eh, eh2) = moments(exp(fine.grid[i]))
            z += w; s1 += w * eh; s2 += w * eh2
        }
        let mean = s1 / z
        let variance = max(0, s2 / z - mean * mean)
        return Result(mean: mean, sd: variance.squareRoot())
    }
}
