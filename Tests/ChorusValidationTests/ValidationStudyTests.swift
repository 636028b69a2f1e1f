import Testing
import Foundation
import ChorusStats
import ChorusAnalysis
import ChorusSimulation
@testable import ChorusValidation

/// The analytic agreements of `chorus validate` at small sizes (fixed seeds; tolerances of
/// 4 Monte Carlo standard errors), and the helpers against hand-computed values.
@Suite struct EntropyEstimatorStudyTests {
    @Test func exactExpectationByHand() {
        // p = (1/2, 1/2), N = 2: counts (2,0) w.p. 1/4 → Ĥ = 0; (1,1) w.p. 1/2 → ln 2; (0,2) → 0.
        // E[Ĥ] = ln 2 / 2. K̂ = 1 w.p. 1/2, 2 w.p. 1/2 → E[(K̂ − 1)/(2N)] = 1/8.
        let f = EntropyEstimatorStudy.lnFactorials(upTo: 2)
        let e = EntropyEstimatorStudy.exactExpectations([0.5, 0.5], n: 2, lnFact: f)
        #expect(abs(e.plug - log(2.0) / 2) < 1e-14)
        #expect(abs(e.mm - (log(2.0) / 2 + 0.125)) < 1e-14)
        // p = (0.2, 0.8), N = 1: Ĥ is always 0.
        #expect(abs(EntropyEstimatorStudy.exactExpectations([0.2, 0.8], n: 1, lnFact: f).plug) < 1e-15)
    }

    @Test func monteCarloMatchesExactAndFirstOrder() {
        let f = EntropyEstimatorStudy.lnFactorials(upTo: 200)
        let c = EntropyEstimatorStudy.simulate(.init(family: .uniform, k: 4, n: 200), reps: 300, nsbReps: 5,
                                               stream: SeedStream(seed: 7).child("t1"), lnFact: f)
        #expect(abs(c.plugInVsExact.mean) <= 4 * c.plugInVsExact.se)
        #expect(abs(c.mmVsExact.mean) <= 4 * c.mmVsExact.se)
        // Exact bias vs −(K−1)/(2N) = −0.0075, within twice the second-order term 15/(12·200²).
        #expect(abs(c.exactPlugInBias + 0.0075) <= 2 * 15.0 / (12 * 40000))
        let b = c.bias[.plugIn]!
        #expect(abs(b.mean + 0.0075) <= 4 * b.se + 15.0 / (12 * 40000))
    }

    @Test func quickStudyPasses() throws {
        let r = try EntropyEstimatorStudy.run(ValidationOptions(seed: 1, quick: true))
        #expect(r.passed, "\(r.checks.filter { !$0.passed }.map(\.line))")
        #expect(r.checks.count >= 5 && r.figures.count == 2)
    }
}

@Suite struct ModelCollapseStudyTests {
    @Test func littlerByHand() {
        // K = 2, p = (1/2, 1/2): −2N · 2 · (1/2) ln(1/2) = 2N ln 2.
        #expect(abs(ModelCollapseStudy.littlerTime([0.5, 0.5], n: 10) - 20 * log(2.0)) < 1e-12)
    }
    @Test func quickStudyPasses() throws {
        let r = try ModelCollapseStudy.run(ValidationOptions(seed: 2, quick: true))
        #expect(r.passed, "\(r.checks.filter { !$0.passed }.map(\.line))")
        #expect(r.checks.contains { $0.name.contains("fixes with probability") })
        #expect(r.checks.contains { $0.name.contains("Littler") })
    }
}

@Suite struct EntropyMechanismStudyTests {
    @Test func covarianceByHand() {
        // π = (1/2, 1/2), x = (0, 2), y = (1, 3): Cov = E[xy] − E[x]E[y] = 3 − 1·2 = 1.
        #expect(EntropyMechanismStudy.covariance([0.5, 0.5], [0, 2], [1, 3]) == 1)
    }
    @Test func predictionIsFirstOrderExact() {
        var g = SeedStream(seed: 3).child("policies").generator()
        for i in 0..<60 {
            let c = EntropyMechanismStudy.randomCase(&g, k: [4, 16][i % 2])
            #expect(c.slopeErrorNat < 1e-6 && c.slopeErrorVan < 1e-6)
        }
    }
    @Test func quickStudyPasses() throws {
        let r = try EntropyMechanismStudy.run(ValidationOptions(seed: 3, quick: true))
        #expect(r.passed, "\(r.checks.filter { !$0.passed }.map(\.line))")
    }
}

@Suite struct DebateMartingaleStudyTests {
    @Test func symmetricIsMartingaleAsymmetricMoves() throws {
        var sym: [Double] = [], conf: [Double] = []
        for i in 0..<3000 {
            var g = SeedStream(seed: 4).child("m").child(UInt64(i)).generator()
            let a = try DebateMartingaleStudy.debate(m: 3, rounds: 4, update: .symmetric, g: &g)
            sym.append(a.belief[4] - a.belief[0])
            var h = SeedStream(seed: 4).child("c").child(UInt64(i)).generator()
            let b = try DebateMartingaleStudy.debate(m: 3, rounds: 4, update: .conformity, g: &h)
            conf.append(b.belief[4] - b.belief[0])
        }
        let s = meanSE(sym), c = meanSE(conf)
        #expect(abs(s.mean) <= 4 * s.se, "symmetric change \(s.mean) ± \(s.se)")
        #expect(abs(c.mean) > 4 * c.se, "conformity change \(c.mean) ± \(c.se)")
    }
    @Test func quickStudyPasses() throws {
        let r = try DebateMartingaleStudy.run(ValidationOptions(seed: 4, quick: true))
        #expect(r.passed, "\(r.checks.filter { !$0.passed }.map(\.line))")
    }
}

@Suite struct MetricTrustStudyTests {
    @Test func resolutionByHand() {
        // A perfect metric orders every pair: concordance 1, resolution = the smallest gap.
        let exact = (0..<10).map { Double($0) / 10 }
        let r = MetricTrustStudy.resolution(exact: exact, metric: exact, binSize: 5)
        #expect(r.concordance == 1 && abs(r.resolution - 0.1) < 1e-12)
        // A reversed metric never qualifies.
        #expect(MetricTrustStudy.resolution(exact: exact, metric: exact.map { -$0 }, binSize: 5).resolution == .infinity)
    }
    @Test func pairwiseDisagreementTracksSimulatorTruth() throws {
        // One small simulator experiment: 10 conditions (iterations 1–3 × three regimes, plus the shared base).
        let cs = try MetricTrustStudy.conditions(n: 3, q: 60, temperature: 1.0, seed: 5, quick: true)
        #expect(cs.count == 10)
        let errs = cs.map { $0.metrics[MetricName.disagreementAnswer]! - $0.exactAnswer }
        // Per condition: SE of a mean over 60 questions × 3 pairs of Bernoulli(≤ 1/2) indicators
        // is at most √(0.25/60) ≈ 0.065 (pairs within a question are dependent, so use Q only);
        // k = 4 of those SE.
        let se = (0.25 / 60.0).squareRoot()
        for e in errs { #expect(abs(e) < 4 * se, "error \(e), 4 SE = \(4 * se)") }
        for c in cs { #expect(c.metrics["sample.consensus"] != nil && c.metrics[MetricName.answerEntropy(.chaoShen)] != nil) }
    }
}

@Suite struct CalibrationTests {
    @Test func quadraticCalibrationIsExactOnAParabola() {
        // exact = 1 + 2m + 3m² exactly: residuals 0 → error 0; a reversed order changes nothing.
        let m = [0.0, 0.5, 1, 1.5, 2, 3], e = m.map { 1 + 2 * $0 + 3 * $0 * $0 }
        #expect(MetricTrustStudy.calibratedError(exact: e, metric: m) < 1e-9)
        // Residuals ±1 alternating around a line on 6 points: the quadratic absorbs little; the
        // error is 2·√(RSS/(n−3)) with RSS ≤ 6, so at most 2·√2.
        let noisy = m.enumerated().map { 2 * $0.element + ($0.offset % 2 == 0 ? 1.0 : -1.0) }
        let err = MetricTrustStudy.calibratedError(exact: noisy, metric: m)
        #expect(err > 0.5 && err <= 2 * 2.0.squareRoot() + 1e-12)
    }
}
