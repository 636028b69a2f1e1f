import Foundation
import Testing
import ChorusStats
import ChorusRecords
import ChorusSimulation
@testable import ChorusAnalysis

/// Issue 9's pin: the simulator measures itself with the code that analyses logs. Analysing a
/// simulation's own transcripts (as `chorus analyze` reads any log) gives, for every regime,
/// seed and recorded iteration, exactly the simulator's `sample.*` values, bit for bit.
@Suite struct OneAnalysisPathTests {
    /// Sampled metrics both paths compute (cross NLL needs every seat's log-probability of every
    /// response, which a transcript does not carry).
    static let shared = [MetricName.sampleConsensus, MetricName.sampleAnswerEntropyPlugin,
                         MetricName.sampleAnswerEntropyMM, MetricName.sampleFlipWrongRight,
                         MetricName.sampleFlipRightWrong, MetricName.sampleEmbeddingDissimilarity]

    @Test(arguments: [(["single-agent", "multiagent", "no-summary"], [UInt64(3), 4]),
                      (["single-no-debate", "majority-ft", "multiagent-placebo"], [UInt64(5)])])
    func transcriptsAnalyseToTheSimulatorsOwnMetrics(regimes: [String], seeds: [UInt64]) throws {
        var c = SimulationConfig.paper
        c.regimes = regimes; c.seeds = seeds; c.iterations = 2
        c.task.trainQuestions = 30; c.task.testQuestions = 40
        c.output.transcripts = [0, 1, 2]
        let result = try Experiment(config: c).run(threads: 2)
        let simulated = Dictionary(result.rows.map { ("\($0.regime)/\($0.seed)/\($0.iteration)/\($0.metric)", $0.value) },
                                   uniquingKeysWith: { a, _ in a })
        let index = DebateIndex(result.transcripts)
        #expect(index.groups.count == regimes.count * seeds.count * 3)
        var compared = 0
        for g in index.groups {
            // The analysis's per-question values, in the transcript's question order, and their
            // mean as `IterationMetrics.table` reports it (`Describe.mean`).
            for (name, values) in IterationMetrics.perQuestion(index.debates(g)) where Self.shared.contains(name) && !values.isEmpty {
                guard let sim = simulated["\(g.regime)/\(g.seed!)/\(g.iteration)/\(name)"] else { continue }
                let analysed = try Describe.mean(values)
                #expect(analysed.bitPattern == sim.bitPattern, "\(g) \(name): analysed \(analysed), simulated \(sim)")
                compared += 1
            }
        }
        // Every shared metric of every group was found on both sides (flips only with debate).
        #expect(compared >= index.groups.count * 4)
        // The vote itself: the simulator's `accuracy.pseudo_label` is, from the same first debate
        // per question, the correctness of the final plurality (consensus rule) or of the
        // round-1 plurality (self-consistency rule); the analysis votes on the transcript's
        // answer strings. Equal only if both apply the same tie rule to the same labels.
        var votes = 0
        for g in index.groups {
            let rule = try Regime.named(g.regime, agents: c.agents.count).selection
            let analysedName: String
            switch rule {
            case .consensus: analysedName = MetricName.accuracyFinal
            case .selfConsistency: analysedName = MetricName.accuracyRound1Majority
            default: continue
            }
            let per = Dictionary(IterationMetrics.perQuestion(index.debates(g)), uniquingKeysWith: { a, _ in a })
            let analysed = try Describe.mean(per[analysedName]!)
            let sim = simulated["\(g.regime)/\(g.seed!)/\(g.iteration)/\(MetricName.accuracyPseudoLabel)"]!
            #expect(analysed.bitPattern == sim.bitPattern, "\(g) vote: analysed \(analysed), simulated pseudo-label \(sim)")
            votes += 1
        }
        #expect(votes >= 3)
    }
}
