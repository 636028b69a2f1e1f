import Foundation
import Testing
import ChorusStats
@testable import ChorusSimulation

/// `accuracy.final` is Rao–Blackwellised: each debate contributes P(final majority correct |
/// the rounds before the last), exact over the last round's choices. These tests check the
/// choice probabilities against a hand computation of the critic's softmax, and the estimator
/// against the sampled indicator it replaces (same mean within 4 SE; never a larger variance).
@Suite("Rao–Blackwellised final accuracy")
struct FinalAccuracyTests {
    func society(bank: TaskBank, rounds: Int, summarize: Bool) -> (Society, Range<Int>) {
        let test = bank.testStart..<(bank.testStart + bank.testCount)
        let base = PolicyTable(bank: bank, theta: [Double](repeating: 0, count: bank.dimension), temperature: 1, questions: test)
        let s = Society(tables: [base], criticWeights: [[1, 1.5, 0.5, 0.5]],
                        generatorSeats: [0, 0, 0], criticSeats: [0, 0, 0], rounds: rounds,
                        summarize: summarize, summaryNoise: 0.2, rawNoise: 0.8, contextBudget: 5)
        return (s, test)
    }

    /// Each seat's row of `finalAnswerProb` is the softmax of w·f over the answers in its view,
    /// recomputed here from the recorded view features, and sums to 1.
    @Test func choiceProbabilitiesAreTheCriticSoftmax() {
        let bank = Fixtures.bank(train: 10, test: 40)
        let (s, test) = society(bank: bank, rounds: 2, summarize: true)
        var runner = DebateRunner(agents: 3, rounds: 2, answers: bank.answers)
        var g = Xoshiro256(seed: 7)
        let w = [1.0, 1.5, 0.5, 0.5], F = AgentModel.criticFeatureCount, A = bank.answers
        for q in test {
            runner.run(q, bank: bank, society: s, using: &g)
            for seat in 0..<3 {
                let k = runner.viewCount[seat]
                var scores: [Double] = []
                for i in 0..<k {
                    let o = (seat * 3 + i) * F
                    scores.append((0..<F).reduce(0.0) { $0 + w[$1] * runner.viewFeatures[o + $1] })
                }
                let top = scores.max()!
                let e = scores.map { exp($0 - top) }, total = e.reduce(0, +)
                var expected = [Double](repeating: 0, count: A)
                for i in 0..<k { expected[runner.viewAnswers[seat * 3 + i]] = e[i] / total }
                let row = Array(runner.finalAnswerProb[(seat * A)..<((seat + 1) * A)])
                for a in 0..<A { #expect(abs(row[a] - expected[a]) < 1e-12, "q \(q) seat \(seat) answer \(a)") }
                #expect(abs(row.reduce(0, +) - 1) < 1e-12)
            }
        }
    }

    /// Without debate the row is a point mass on the seat's answer, so the estimator is the
    /// majority indicator under the vote's tie rule.
    @Test func oneRoundIsAPointMass() {
        let bank = Fixtures.bank(train: 10, test: 20)
        let (s, test) = society(bank: bank, rounds: 1, summarize: true)
        var runner = DebateRunner(agents: 3, rounds: 1, answers: bank.answers)
        var g = Xoshiro256(seed: 3)
        for q in test {
            runner.run(q, bank: bank, society: s, using: &g)
            for seat in 0..<3 {
                for a in 0..<bank.answers {
                    #expect(runner.finalAnswerProb[seat * bank.answers + a] == (runner.answer[seat] == a ? 1 : 0))
                }
            }
        }
    }

    /// Over many debates the conditional probability and the sampled indicator of a correct
    /// final majority have the same mean (4 standard errors of their paired difference), and
    /// the conditional one has the smaller variance (Rao–Blackwell), for both views.
    @Test(arguments: [true, false])
    func sameMeanSmallerVariance(summarize: Bool) {
        let bank = Fixtures.bank(train: 10, test: 200)
        let (s, test) = society(bank: bank, rounds: 2, summarize: summarize)
        var runner = DebateRunner(agents: 3, rounds: 2, answers: bank.answers)
        var majority = MajorityAccuracy.Workspace(agents: 3, answers: bank.answers)
        var g = Xoshiro256(seed: summarize ? 11 : 12)
        var rb: [Double] = [], indicator: [Double] = []
        for _ in 0..<20 {
            for q in test {
                runner.run(q, bank: bank, society: s, using: &g)
                rb.append(majority.exact(seatAnswerProbs: runner.finalAnswerProb, labels: bank.labels(of: q)))
                indicator.append(runner.final == 0 ? 1 : 0)
            }
        }
        let n = Double(rb.count)
        let diff = zip(indicator, rb).map { $0 - $1 }
        let meanDiff = diff.reduce(0, +) / n
        let sdDiff = (diff.map { ($0 - meanDiff) * ($0 - meanDiff) }.reduce(0, +) / (n - 1)).squareRoot()
        #expect(abs(meanDiff) < 4 * sdDiff / n.squareRoot(), "indicator − conditional = \(meanDiff)")
        func variance(_ x: [Double]) -> Double {
            let m = x.reduce(0, +) / n
            return x.map { ($0 - m) * ($0 - m) }.reduce(0, +) / (n - 1)
        }
        #expect(variance(rb) < variance(indicator))
    }
}
