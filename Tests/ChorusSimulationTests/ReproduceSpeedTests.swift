import Foundation
import Testing
import ChorusAnalysis
import ChorusStats
import ChorusRecords
@testable import ChorusSimulation

/// The speed-ups of `chorus reproduce` (docs/model.md §11) that must not change a result: the
/// placebo twins on a subset of the seeds, the per-seed merge of the contrast rows, the one-pass
/// summaries of the replication blocks and the parallel `metrics.csv` writer.
@Suite("Reproduce speed-ups")
struct ReproduceSpeedTests {
    static let regimes = ["single-agent", "multiagent", "single-agent-placebo", "multiagent-placebo"]

    /// `placebo_seeds = 2` of 4 seeds: the real regimes' rows equal the full run's, the twins'
    /// rows are the full run's rows of their first 2 seeds, and the over-placebo contrasts
    /// exist exactly on those seeds, with the same values.
    @Test func placeboTwinsOnTheFirstSeedsOnly() throws {
        let full = Fixtures.smallConfig(regimes: Self.regimes, seeds: [11, 12, 13, 14], questions: 20, iterations: 2)
        var part = full
        part.placeboSeeds = 2
        #expect(part.placeboSeedCount == 2 && full.placeboSeedCount == 4)
        let a = try Experiment(config: full).run(threads: 2), b = try Experiment(config: part).run(threads: 2)
        let expected = a.rows.filter { !$0.regime.hasSuffix(Regime.placeboSuffix) || $0.seed <= 12 }
            .filter { !$0.metric.hasSuffix(".over_placebo") || $0.seed <= 12 }
        #expect(b.rows == expected)
        #expect(b.rows.contains { $0.metric == Contrasts.overPlacebo(Contrasts.minusBase) && $0.seed == 12 })
        #expect(!b.rows.contains { $0.metric == Contrasts.overPlacebo(Contrasts.minusBase) && $0.seed == 13 })
        // Summaries state the seed counts: 4 for a real regime, 2 for its twin and its over-placebo rows.
        let s = b.summarize()
        func n(_ regime: String, _ metric: String) -> Int? { s.first { $0.regime == regime && $0.iteration == 1 && $0.metric == metric }?.summary.n }
        #expect(n("multiagent", MetricName.accuracyFinal) == 4)
        #expect(n("multiagent-placebo", MetricName.accuracyFinal) == 2)
        #expect(n("multiagent", Contrasts.overPlacebo(Contrasts.minusBase)) == 2)
    }

    @Test func placeboSeedsOutOfRangeIsAnErrorNamingTheKey() throws {
        var c = Fixtures.smallConfig(regimes: Self.regimes, seeds: [1, 2], questions: 10, iterations: 1)
        c.placeboSeeds = 3
        #expect(throws: SimulationError.self) { try Experiment(config: c) }
        #expect(c.validationIssues().contains { $0.path == "placebo_seeds" })
        c.placeboSeeds = -1
        #expect(c.validationIssues().contains { $0.path == "placebo_seeds" })
    }

    /// The per-seed merge gives the rows of a single global sort by (regime, seed, iteration,
    /// metric) of all rows and contrast rows (the previous implementation, written out here).
    @Test func mergeEqualsOneGlobalSort() throws {
        let c = Fixtures.smallConfig(regimes: ["multiagent", "no-summary", "single-agent", "multiagent-placebo"],
                                     seeds: [7, 3, 9], questions: 15, iterations: 2)
        let result = try Experiment(config: c).run(threads: 2)
        let raw = result.rows.filter { !$0.metric.hasPrefix("contrast.") }
        var bySeed: [UInt64: [String: [Int: [String: Double]]]] = [:]
        for r in raw { bySeed[r.seed, default: [:]][r.regime, default: [:]][r.iteration, default: [:]][r.metric] = r.value }
        var all = raw
        for s in c.seeds { all += Contrasts.rows(seed: s, iterations: c.iterations, values: bySeed[s] ?? [:]) }
        let ro = Dictionary(uniqueKeysWithValues: c.regimes.enumerated().map { ($1, $0) })
        let so = Dictionary(uniqueKeysWithValues: c.seeds.enumerated().map { ($1, $0) })
        all.sort { (ro[$0.regime]!, so[$0.seed]!, $0.iteration) < (ro[$1.regime]!, so[$1.seed]!, $1.iteration)
            || ((ro[$0.regime]!, so[$0.seed]!, $0.iteration) == (ro[$1.regime]!, so[$1.seed]!, $1.iteration) && $0.metric < $1.metric) }
        #expect(result.rows == all)
        // The row-list entry point (used by ClaimRuleStudy) agrees, from shuffled rows.
        var g = Xoshiro256(seed: 5)
        #expect(Contrasts.merge(raw.shuffled(using: &g), regimes: c.regimes, seeds: c.seeds, iterations: c.iterations) == all)
    }

    /// One-pass block summaries equal the summaries of each block's rows alone.
    @Test func blockSummariesEqualSeparateSummaries() throws {
        let c = Fixtures.smallConfig(regimes: ["single-agent", "multiagent", "multiagent-placebo"],
                                     seeds: [1, 2, 3, 4, 5, 6], questions: 12, iterations: 2)
        var cc = c
        cc.placeboSeeds = 2
        let result = try Experiment(config: cc).run(threads: 2)
        let blocks: [[UInt64]] = [[1, 2], [3, 4], [5, 6]]
        let parts = ExperimentResult.summarize(result.rows, parts: 3) { r in blocks.firstIndex { $0.contains(r.seed) } }
        for (i, b) in blocks.enumerated() {
            let alone = ExperimentResult(config: cc, rows: result.rows.filter { b.contains($0.seed) }, transcripts: []).summarize()
            #expect(parts[i].count == alone.count)
            for (x, y) in zip(parts[i], alone) {
                #expect(x.regime == y.regime && x.iteration == y.iteration && x.metric == y.metric && x.summary == y.summary)
            }
        }
        let replicated = ClaimReplication.evaluate(result, blocks: blocks)
        for (i, b) in blocks.enumerated() {
            let alone = Claims.evaluate(ExperimentResult(config: cc, rows: result.rows.filter { b.contains($0.seed) }, transcripts: []).summarize())
            for (r, a) in zip(replicated, alone) { #expect(r.blockHolds[i] == a.holds) }
        }
    }

    /// The parallel writer's bytes are the table's CSV, for any chunking.
    @Test(arguments: [1, 3])
    func metricsCSVEqualsTheTable(threads: Int) throws {
        var c = Fixtures.smallConfig(regimes: ["single-agent", "multiagent", "single-no-debate"], seeds: [1, 2], questions: 12, iterations: 2)
        c.name = "a,\"quoted\" name"
        let result = try Experiment(config: c).run(threads: 2)
        // Enough rows for several chunks: the same rows repeated (the writer does not re-sort).
        var big = result
        big.rows = Array(repeating: result.rows, count: 8).flatMap { $0 }
        big.rows[5].metric = "odd,metric \"name\""
        for r in [result, big] {
            let table = Data(RunTables.metrics(r, runID: "run, \"1\"").csv().utf8)
            #expect(RunTables.metricsCSV(r, runID: "run, \"1\"", threads: threads) == table)
        }
    }
}
