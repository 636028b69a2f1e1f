import Testing
import Foundation
import ChorusStats

/// Plug-in, Miller–Madow, Chao–Shen and Grassberger against hand computations written out here.
@Suite("Entropy estimators: hand values")
struct EntropyEstimatorTests {
    @Test func plugInAndMillerMadowHandValues() throws {
        // counts (2, 1, 1): p̂ = (½, ¼, ¼), Ĥ = 1.5 ln 2; MM adds (3 − 1)/(2·4) = ¼.
        let h = 1.5 * log(2.0)
        #expect(abs(try EntropyEstimator.plugIn.estimate([2, 1, 1]) - h) < 1e-15)
        #expect(abs(try EntropyEstimator.millerMadow.estimate([2, 1, 1]) - (h + 0.25)) < 1e-15)
        // Zeros are ignored (K̂ counts non-zero bins only).
        #expect(try EntropyEstimator.millerMadow.estimate([2, 0, 1, 0, 1]) == (try EntropyEstimator.millerMadow.estimate([2, 1, 1])))
        #expect(try EntropyEstimator.plugIn.estimate([7]) == 0)
    }

    /// Chao & Shen (2003): C = 1 − f₁/N, p̃ = C n_i/N, Ĥ = −Σ p̃ ln p̃ / (1 − (1 − p̃)^N).
    @Test func chaoShenHandValues() throws {
        func chaoShen(_ c: [Int]) -> Double {
            let n = Double(c.reduce(0, +))
            var f1 = Double(c.filter { $0 == 1 }.count)
            if f1 == n { f1 = n - 1 }
            let cov = 1 - f1 / n
            return c.filter { $0 > 0 }.reduce(0.0) { acc, x in
                let pa = cov * Double(x) / n
                return acc - pa * log(pa) / (1 - pow(1 - pa, n))
            }
        }
        #expect(abs(try EntropyEstimator.chaoShen.estimate([1, 1, 2, 4]) - 1.5783733070193489) < 1e-14)
        for c in [[1, 1, 2, 4], [1, 1, 1], [5, 3, 0, 1], [10], [1, 2, 3, 4, 5, 6, 1, 1]] {
            #expect(abs(try EntropyEstimator.chaoShen.estimate(c) - chaoShen(c)) < 1e-14, "\(c)")
        }
        // All singletons: f₁ = N is replaced by N − 1 so coverage stays positive and Ĥ finite.
        #expect(try EntropyEstimator.chaoShen.estimate([1, 1, 1, 1]).isFinite)
    }

    /// Grassberger (2003) G_n from its recurrence (eqs. 30–35), independent of digamma:
    /// G_1 = −γ − ln 2, G_2 = 2 − γ − ln 2, G_{2k+1} = G_{2k}, G_{2k+2} = G_{2k} + 2/(2k+1).
    @Test func grassbergerMatchesTheRecurrence() throws {
        let gamma = 0.57721566490153286
        var g: [Double] = [.nan, -gamma - log(2.0), 2 - gamma - log(2.0)]
        var k = 2
        while g.count <= 60 { g.append(g[k]); g.append(g[k] + 2 / Double(k + 1)); k += 2 }
        for counts in [[1, 2, 3, 5], [1], [60, 1, 7], [2, 2, 2, 2, 9, 13, 31], [50, 49, 48]] {
            let n = Double(counts.reduce(0, +))
            let expected = log(n) - counts.reduce(0.0) { $0 + Double($1) * g[$1] } / n
            #expect(abs(try EntropyEstimator.grassberger.estimate(counts) - expected) < 1e-12, "\(counts)")
        }
        #expect(abs(try EntropyEstimator.grassberger.estimate([1, 2, 3, 5]) - 1.5470459970477275) < 1e-13)
    }

    /// Each correction reduces the plug-in's bias on Zipf K = 10 at N = 50 (exact plug-in bias
    /// −0.0985): the mean of each estimator over 4000 replicates (500 for the costlier NSB) must
    /// have |bias| + 5 standard errors below the plug-in's |bias|.
    @Test func correctionsReduceBiasOnZipf() throws {
        let p = zipf(10), n = 50
        let h = Exact.entropy(p)
        let table = try AliasTable(weights: p)
        var g = testGenerator("corrections-zipf")
        var values: [EntropyEstimator: [Double]] = [:]
        for r in 0..<4000 {
            var c = [Int](repeating: 0, count: 10)
            for _ in 0..<n { c[table.sample(using: &g)] += 1 }
            for e in EntropyEstimator.allCases where e != .nsb || r < 500 {
                values[e, default: []].append(try e.estimate(c, alphabetSize: 10))
            }
        }
        let plugBias = try Describe.mean(values[.plugIn]!) - h
        #expect(abs(plugBias - (Exact.plugInExpectation(p, n) - h)) < 5 * (try Describe.standardError(values[.plugIn]!)))
        for e in EntropyEstimator.allCases where e != .plugIn {
            let bias = try Describe.mean(values[e]!) - h
            let se = try Describe.standardError(values[e]!)
            #expect(abs(bias) + 5 * se < abs(plugBias), "\(e.displayName): bias \(bias) ± \(se) vs plug-in \(plugBias)")
        }
    }

    @Test func errorsAreTyped() {
        for e in EntropyEstimator.allCases {
            #expect(thrownKind { try e.estimate([]) } == "insufficientData", "\(e) on no counts")
            #expect(thrownKind { try e.estimate([0, 0]) } == "insufficientData", "\(e) on zero counts")
            #expect(thrownKind { try e.estimate([3, -1]) } == "invalidParameter", "\(e) on a negative count")
        }
        #expect(thrownKind { try EntropyEstimator.nsb.estimate([1, 2, 3], alphabetSize: 2) } == "invalidParameter")
    }

    @Test func namesRoundTrip() {
        for e in EntropyEstimator.allCases { #expect(EntropyEstimator(rawValue: e.rawValue) == e) }
    }
}
