import Testing
import ChorusStats
@testable import ChorusSimulation

/// Claims are decided by confidence intervals; one seed has none.
@Suite("Claims decision rule")
struct ClaimsTests {
    /// Summary rows of claim 6 (multiagent critics > generators > single-agent at iteration 1)
    /// with one value per seed as given.
    func rows(_ critic: [Double], _ generator: [Double], _ single: [Double]) throws -> [SummaryRow] {
        func row(_ regime: String, _ metric: String, _ v: [Double]) throws -> SummaryRow {
            SummaryRow(regime: regime, iteration: 1, metric: metric, summary: try Describe.tInterval(v))
        }
        let diffCG = zip(critic, generator).map { $0 - $1 }
        let diffGS = zip(generator, single).map { $0 - $1 }
        return [try row("multiagent", MetricName.klBaseCritic, critic),
                try row("multiagent", MetricName.klBaseGenerator, generator),
                try row("single-agent", MetricName.klBase, single),
                try row("multiagent", Contrasts.criticMinusGenerator, diffCG),
                try row("multiagent", Contrasts.generatorKLMinus("single-agent"), diffGS)]
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
