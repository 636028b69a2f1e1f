import Foundation
import Testing
import ChorusTestSupport
import ChorusStats
import ChorusRecords
import ChorusIngest
import ChorusSimulation
@testable import ChorusAnalysis

@Suite("Run analysis: per-iteration metrics, per-agent accuracy, training overlap")
struct RunAnalysisTests {
    func value(_ t: TidyTable, _ metric: String) -> Double? {
        t.rows.first { $0[2] == metric }.flatMap { Double($0[3]) }
    }

    @Test("Per-iteration metrics under the simulator's names equal hand computation on the fixture")
    func iterationMetrics() throws {
        let t = IterationMetrics.table(Fixture.records(), replicates: 50)
        let eps = 1e-12
        #expect(abs(value(t, MetricName.accuracyRound1Individual)! - 4.0 / 9) < eps)
        // q1's round 1 is a three-way tie, won by the largest string "6" (wrong): 1/3.
        #expect(abs(value(t, MetricName.accuracyRound1Majority)! - 1.0 / 3) < eps)
        #expect(abs(value(t, MetricName.accuracyFinal)! - 2.0 / 3) < eps)
        #expect(abs(value(t, MetricName.sampleConsensus)! - 8.0 / 9) < eps)
        let h1 = log(3.0), h2 = -(2.0 / 3 * log(2.0 / 3) + 1.0 / 3 * log(1.0 / 3))
        #expect(abs(value(t, MetricName.sampleAnswerEntropyPlugin)! - (h1 + h2) / 3) < eps)
        #expect(abs(value(t, MetricName.sampleAnswerEntropyMM)! - (h1 + 1.0 / 3 + h2 + 1.0 / 6) / 3) < eps)
        #expect(abs(value(t, MetricName.sampleFlipWrongRight)! - 2.0 / 9) < eps)
        #expect(abs(value(t, MetricName.sampleFlipRightWrong)! - 1.0 / 9) < eps)
        #expect(abs(value(t, MetricName.disagreementAnswer)! - 7.0 / 9) < eps)
        // Intervals bracket the means and n counts questions.
        for r in t.rows { #expect(Double(r[4])! <= Double(r[3])! + eps && Double(r[3])! <= Double(r[5])! + eps && r[6] == "3") }
    }

    @Test("Per-agent accuracy by round equals hand computation")
    func agentAccuracy() {
        let rows = AgentAccuracy.table(DebateIndex(Fixture.records()), replicates: 50)
        func acc(_ a: Int, _ r: Int) -> Double { rows.first { $0.agent == a && $0.round == r }!.accuracy.mean }
        #expect(rows.count == 6)
        #expect(abs(acc(0, 1) - 1.0 / 3) < 1e-12 && abs(acc(2, 1) - 2.0 / 3) < 1e-12 && abs(acc(2, 2) - 1.0 / 3) < 1e-12)
        #expect(abs(acc(0, 2) - 2.0 / 3) < 1e-12)
        #expect(abs(rows.first { $0.agent == 0 && $0.round == 1 }!.noAnswerRate - 1.0 / 3) < 1e-12)
    }

    @Test("Training overlap: Jaccard over (question, answer) pairs and over texts, by hand")
    func overlap() {
        func ex(_ q: String?, _ a: String?, _ text: String) -> TrainingSet.Example { .init(question: q, answer: a, correct: nil, response: text) }
        let a = TrainingSet(iteration: 1, agent: "a", path: "a", layout: .fastchat, examples: [ex("q1", "4", "x  y"), ex("q2", "8", "z"), ex(nil, "3", "w")])
        let b = TrainingSet(iteration: 1, agent: "b", path: "b", layout: .openai, examples: [ex("q1", "4", "x y"), ex("q2", "7", "v")])
        let c = TrainingSet(iteration: 1, agent: "c", path: "c", layout: .openai, examples: a.examples)
        let p = TrainingDataMetrics.pairs([a, b, c])
        #expect(p.count == 3)
        // a–b: pairs {q1·4, q2·8} vs {q1·4, q2·7}: 1/3; texts {x y, z, w} vs {x y, v}: 1/4.
        #expect(abs(p[0].pairJaccard! - 1.0 / 3) < 1e-12 && abs(p[0].textJaccard! - 0.25) < 1e-12)
        // Identical data (the official --gpt branch writes every agent's file from one dict): 1.
        #expect(p[1].pairJaccard == 1 && p[1].textJaccard == 1)
        let rows = TrainingDataMetrics.agents([a])
        #expect(rows[0].examples == 3 && rows[0].questions == 2 && rows[0].unmatched == 1)
        #expect(abs(rows[0].answerEntropy! - log(3.0)) < 1e-12)
    }

}

@Suite("Fact coverage: a lexical proxy")
struct FactCoverageTests {
    @Test("Facts split by line or sentence; coverage counts facts with half their content words present")
    func coverage() {
        #expect(FactCoverage.facts(fromText: "Ada Lovelace wrote notes. She worked with Babbage!") == ["Ada Lovelace wrote notes.", "She worked with Babbage!"])
        #expect(FactCoverage.facts(fromText: "- first fact\n- second fact") == ["first fact", "second fact"])
        let facts = ["Lovelace wrote the first published algorithm", "She collaborated with Charles Babbage", "the and was"]
        // Fact 1: content words {lovelace, wrote, first, published, algorithm}: 3 of 5 present → covered.
        // Fact 2: {collaborated, charles, babbage}: 1 of 3 → not covered. Fact 3: no content words → ignored.
        #expect(FactCoverage.coverage("Lovelace wrote an algorithm; Babbage built engines.", facts: facts) == 0.5)
        #expect(FactCoverage.coverage("anything", facts: ["the and"]) == nil)
    }
}
