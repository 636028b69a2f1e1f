import Testing
import Foundation
import ChorusStats

/// NSB and the Dirichlet entropy moments it is built from, against brute force computed with
/// different methods: Monte Carlo over the Dirichlet, an O(K²) pairwise formula, Simpson's rule
/// in ξ (not the library's trapezoid in ln β), importance sampling over the prior.
@Suite("NSB estimator")
struct NSBTests {
    // MARK: Independent ingredients

    /// ξ(β) = ψ(Kβ+1) − ψ(β+1), the prior mean entropy of Dirichlet(β).
    static func xi(_ beta: Double, _ k: Double) -> Double { Special.digamma(k * beta + 1) - Special.digamma(beta + 1) }

    /// β(ξ) by bisection in ln β (ξ is increasing in β).
    static func beta(forXi target: Double, _ k: Double) -> Double {
        var lo = -70.0, hi = 70.0
        for _ in 0..<64 {  // 140 / 2^64: far below double precision in ln β
            let mid = (lo + hi) / 2
            if xi(exp(mid), k) < target { lo = mid } else { hi = mid }
        }
        return exp((lo + hi) / 2)
    }

    /// ln p(n | β) up to a constant, with Foundation's lgamma.
    static func logEvidence(_ counts: [Int], _ k: Int, _ beta: Double) -> Double {
        let n = Double(counts.reduce(0, +)), kk = Double(k)
        var l: Double = lgamma(kk * beta) - lgamma(n + kk * beta)
        for c in counts where c > 0 { l += lgamma(Double(c) + beta) - lgamma(beta) }
        return l
    }

    /// E[H] and E[H²] of Dirichlet(α) written out bin by bin with the O(K²) double sum.
    static func pairwiseMoments(_ alpha: [Double]) -> (Double, Double) {
        let a = alpha.reduce(0, +)
        let psi = Special.digamma, tri = Special.trigamma
        var m = psi(a + 1)
        for ai in alpha { m -= ai / a * psi(ai + 1) }
        var e2 = 0.0
        for i in alpha.indices {
            let ai = alpha[i]
            e2 += ai * (ai + 1) * (pow(psi(ai + 2) - psi(a + 2), 2) + tri(ai + 2) - tri(a + 2))
            for j in alpha.indices where j != i {
                let aj = alpha[j]
                e2 += ai * aj * ((psi(ai + 1) - psi(a + 2)) * (psi(aj + 1) - psi(a + 2)) - tri(a + 2))
            }
        }
        return (m, e2 / (a * (a + 1)))
    }

    /// NSB mean and sd by Simpson's rule in ξ over [ε, ln K − ε] (the prior is flat in ξ).
    static func simpsonNSB(_ counts: [Int], _ k: Int, intervals: Int = 2000, withSD: Bool = true) -> (Double, Double) {
        let kk = Double(k), top = log(kk), eps = 1e-10
        let full = counts + [Int](repeating: 0, count: k - counts.count)
        let h = (top - 2 * eps) / Double(intervals)
        var pts: [(w: Double, le: Double, m: Double, e2: Double)] = []
        for i in 0...intervals {
            let b = beta(forXi: eps + Double(i) * h, kk)
            let alpha = full.map { Double($0) + b }
            let (m, e2) = withSD ? pairwiseMoments(alpha) : (directMean(alpha), 0)
            let w = (i == 0 || i == intervals) ? 1.0 : (i % 2 == 1 ? 4.0 : 2.0)
            pts.append((w, logEvidence(counts, k, b), m, e2))
        }
        let mx = pts.map(\.le).max()!
        var z = 0.0, s1 = 0.0, s2 = 0.0
        for p in pts {
            let w = p.w * exp(p.le - mx)
            z += w; s1 += w * p.m; s2 += w * p.e2
        }
        let mean = s1 / z
        return (mean, max(0, s2 / z - mean * mean).squareRoot())
    }

    static func directMean(_ alpha: [Double]) -> Double {
        let a = alpha.reduce(0, +)
        return alpha.reduce(Special.digamma(a + 1)) { $0 - $1 / a * Special.digamma($1 + 1) }
    }

    // MARK: Dirichlet entropy moments

    @Test func dirichletMomentsEqualPairwiseFormula() throws {
        for alpha in [[0.5, 1.5, 3, 0.2], [1, 1, 1, 1, 1], [1e-6, 2, 2, 7.5, 1e-6], [40, 0.01]] {
            let (m, e2) = try DirichletEntropy.moments(alpha: alpha)
            let (pm, pe2) = Self.pairwiseMoments(alpha)
            #expect(abs(m - pm) < 1e-12 && abs(e2 - pe2) < 1e-11, "α = \(alpha)")
        }
        // Uniform Dirichlet(1,1): H of (u, 1−u), u ~ U(0,1), has mean ½.
        #expect(abs(try DirichletEntropy.moments(alpha: [1, 1]).mean - 0.5) < 1e-14)
    }

    /// The formulas against 100,000 Dirichlet draws: mean and second moment within 5 SE.
    @Test func dirichletMomentsMatchMonteCarlo() throws {
        var g = testGenerator("dirichlet-entropy-mc")
        for alpha in [[0.5, 1.5, 3, 0.2], [3, 3, 3], [0.1, 0.1, 0.1, 0.1, 0.1, 0.1]] {
            let h = try (0..<100_000).map { _ in Exact.entropy(try Sample.dirichlet(alpha, using: &g)) }
            let (m, e2) = try DirichletEntropy.moments(alpha: alpha)
            let h2 = h.map { $0 * $0 }
            #expect(abs(try Describe.mean(h) - m) < 5 * (try Describe.standardError(h)), "E[H], α = \(alpha)")
            #expect(abs(try Describe.mean(h2) - e2) < 5 * (try Describe.standardError(h2)), "E[H²], α = \(alpha)")
        }
        #expect(thrownKind { try DirichletEntropy.moments(alpha: [1, 0]) } == "invalidParameter")
        #expect(thrownKind { try DirichletEntropy.moments(alpha: []) } == "invalidParameter")
    }

    // MARK: NSB against brute force

    /// Mean and sd against Simpson's rule in ξ, on well-sampled, undersampled and sparse counts.
    @Test(arguments: [
        ([5, 3, 2, 1, 1, 0, 0, 1], 10), ([30, 20, 10, 5, 3, 2, 2, 1, 1, 1], 10),
        ([2, 1, 1, 1, 1, 1, 1], 20), ([0, 4, 0, 1], 4), ([7, 7], 2),
    ])
    func matchesSimpsonInXi(counts: [Int], k: Int) throws {
        let r = try NSB.posterior(counts: counts, alphabetSize: k)
        let (m, sd) = Self.simpsonNSB(counts, k)
        #expect(abs(r.mean - m) < 1e-6, "mean \(r.mean) vs Simpson \(m)")
        #expect(abs(r.sd - sd) < 1e-5, "sd \(r.sd) vs Simpson \(sd)")
    }

    /// A large alphabet (K = 1000, 16 observations): mean against Simpson (O(K) per point).
    @Test func matchesSimpsonOnALargeAlphabet() throws {
        let counts = [1, 1, 1, 1, 2, 1, 1, 3, 1, 1, 1, 1, 1, 1, 2, 1]
        let r = try NSB.posterior(counts: counts, alphabetSize: 1000)
        let (m, _) = Self.simpsonNSB(counts, 1000, intervals: 600, withSD: false)
        #expect(abs(r.mean - m) < 1e-5, "mean \(r.mean) vs Simpson \(m)")
    }

    /// Importance sampling over the prior (ξ ~ U(0, ln K), weight p(n | β(ξ)), p ~ Dirichlet(n + β)):
    /// posterior mean and second moment of H, free of the Wolpert–Wolf formulas.
    @Test func matchesImportanceSampling() throws {
        var g = testGenerator("nsb-importance")
        for (counts, k) in [([2, 1, 0, 0], 4), ([], 6)] {
            let full = counts + [Int](repeating: 0, count: k - counts.count)
            var lw = [Double](), hs = [Double]()
            for _ in 0..<40_000 {
                let b = Self.beta(forXi: g.nextOpenUnit() * log(Double(k)), Double(k))
                let p = try Sample.dirichlet(full.map { Double($0) + b }, using: &g)
                lw.append(Self.logEvidence(counts, k, b)); hs.append(Exact.entropy(p))
            }
            let mx = lw.max()!
            let w = lw.map { exp($0 - mx) }
            let z = w.reduce(0, +)
            let mean = zip(w, hs).reduce(0) { $0 + $1.0 * $1.1 } / z
            let second = zip(w, hs).reduce(0) { $0 + $1.0 * $1.1 * $1.1 } / z
            // Standard errors of self-normalised importance sampling (delta method).
            let se1 = (zip(w, hs).reduce(0) { $0 + $1.0 * $1.0 * ($1.1 - mean) * ($1.1 - mean) }).squareRoot() / z
            let se2 = (zip(w, hs).reduce(0) { $0 + $1.0 * $1.0 * pow($1.1 * $1.1 - second, 2) }).squareRoot() / z
            let r = try NSB.posterior(counts: counts, alphabetSize: k)
            #expect(abs(r.mean - mean) < 5 * se1, "\(counts), K = \(k): NSB \(r.mean) vs IS \(mean) ± \(se1)")
            #expect(abs(r.sd * r.sd + r.mean * r.mean - second) < 5 * se2, "\(counts), K = \(k): E[H²] vs IS \(second) ± \(se2)")
        }
    }

    // MARK: Limits and orderings

    /// With no data the posterior is the prior, flat in ξ on [0, ln K]: mean exactly (ln K)/2.
    @Test(arguments: [2, 10, 1000, 100_000])
    func noDataGivesThePriorMean(k: Int) throws {
        #expect(abs(try NSB.posterior(counts: [], alphabetSize: k).mean - log(Double(k)) / 2) < 1e-9)
    }

    /// All observations in one bin: NSB is above the plug-in's 0 and falls towards 0 as N grows.
    @Test func allInOneBinFallsTowardsZero() throws {
        let values = try [10, 100, 1000, 10_000].map { try NSB.posterior(counts: [$0], alphabetSize: 10).mean }
        #expect(values.allSatisfy { $0 > 0 })
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 > $1 }, "\(values)")
        #expect(values.last! < 1e-3)
    }

    /// Uniform counts with large N: NSB approaches ln K with a small posterior sd.
    @Test func uniformLargeSampleApproachesLogK() throws {
        let r = try NSB.posterior(counts: [Int](repeating: 1000, count: 10), alphabetSize: 10)
        #expect(abs(r.mean - log(10.0)) < 1e-3 && r.mean <= log(10.0))
        #expect(r.sd < 1e-3)
        #expect(try NSB.posterior(counts: [4], alphabetSize: 1) == NSB.Result(mean: 0, sd: 0))
    }

    /// Undersampled Zipf (K = 50, N = 20): the NSB mean lies between the plug-in and ln K.
    @Test func betweenPlugInAndLogK() throws {
        let table = try AliasTable(weights: zipf(50))
        var g = testGenerator("nsb-between")
        for _ in 0..<30 {
            var c = [Int](repeating: 0, count: 50)
            for _ in 0..<20 { c[table.sample(using: &g)] += 1 }
            let nsb = try NSB.posterior(counts: c, alphabetSize: 50).mean
            let plug = try EntropyEstimator.plugIn.estimate(c)
            #expect(plug < nsb && nsb < log(50.0), "counts \(c): plug-in \(plug), NSB \(nsb)")
        }
    }

    @Test func errorsAreTyped() {
        #expect(thrownKind { try NSB.posterior(counts: [1, -1], alphabetSize: 3) } == "invalidParameter")
        #expect(thrownKind { try NSB.posterior(counts: [1, 1, 1], alphabetSize: 2) } == "invalidParameter")
        #expect(thrownKind { try NSB.posterior(counts: [], alphabetSize: 0) } == "invalidParameter")
    }

    /// The non-throwing entry point equals the checked one, and is NaN (not a number that could
    /// pass for an estimate) on invalid input.
    @Test func nonThrowingEntryPoint() throws {
        #expect(NSB.estimate(counts: [5, 3, 1], alphabetSize: 6) == (try NSB.posterior(counts: [5, 3, 1], alphabetSize: 6)))
        let bad = NSB.estimate(counts: [1, -1], alphabetSize: 3)
        #expect(bad.mean.isNaN && bad.sd.isNaN)
        #expect(NSB.estimate(counts: [1, 1, 1], alphabetSize: 2).mean.isNaN)
    }
}
