import Testing
import ChorusAnalysis
import ChorusStats
@testable import ChorusSimulation

/// Claims are decided by confidence intervals; one seed has none.
@Suite("Claims decision rule")
struct ClaimsTests {
    /// Summary rows of claim 6 at iteration 1 (the last): multiagent critics' and generators'
    /// scorer divergence, and the multiagent and single-agent embedding dissimilarity, with one
    /// value per seed as given.
    func rows(_ critic: [Double], _ generator: [Double], _ single: [Double]) throws -> [SummaryRow] {
        func row(_ regime: String, _ metric: String, _ v: [Double]) throws -> SummaryRow {
            SummaryRow(regime: regime, iteration: 1, metric: metric, summary: try Describe.tInterval(v))
        }
        let diffCG = zip(critic, generator).map { $0 - $1 }
        let diffMS = zip(generator, single).map { $0 - $1 }
        let embed = MetricName.sampleEmbeddingDissimilarity
        return [try row("multiagent", MetricName.divergenceScorerCritic, critic),
                try row("multiagent", MetricName.divergenceScorerGenerator, generator),
                try row("multiagent", embed, generator),
                try row("single-agent", embed, single),
                try row("multiagent", Contrasts.scorerCriticMinusGenerator, diffCG),
                try row("multiagent", Contrasts.metricMinus(embed, "single-agent"), diffMS)]
    }

    @Test func twoSeedsWithClearGapsHold() throws {
        let c = Claims.evaluate(try rows([0.50, 0.51], [0.30, 0.31], [0.10, 0.11]))
        #expect(c[5].holds)
    }

    @Test func oneSeedDecidesNothing() throws {
        // The same gaps from one seed: the "interval" is the point, so nothing is shown.
        let c = Claims.evaluate(try rows([0.50], [0.30], [0.10]))
        #expect(!c[5].holds)
        #expect(c[5].evidence.contains("one seed"))
        // Without contrast rows, the fallback (non-overlapping intervals) also needs intervals.
        let noContrasts = try rows([0.50], [0.30], [0.10]).filter { !$0.metric.hasPrefix("contrast.") }
        #expect(!Claims.evaluate(noContrasts)[5].holds)
    }
}

/// The accuracy claims' rules on synthetic trajectories with known truth.
@Suite("Claim rules on synthetic trajectories")
struct ClaimRuleTests {
    /// Each null pattern is rejected at least 95% of the time (a false-positive rate ≤ 5%, with
    /// 3 binomial SE of slack for 200 replicates), and each true pattern is detected most of the
    /// time (power), at 50 seeds.
    @Test("null patterns are rejected, true patterns detected")
    func rules() {
        for p in ClaimRuleStudy.patterns {
            let rate = ClaimRuleStudy.holdRate(p, seeds: 50, replicates: 200)
            if p.claimTrue {
                #expect(rate > 0.8, "claim \(p.claim), \(p.name): power \(rate)")
            } else {
                #expect(rate <= 0.05 + 3 * (0.05 * 0.95 / 200).squareRoot(), "claim \(p.claim), \(p.name): false-positive rate \(rate)")
            }
        }
    }
}
