import Testing
import ChorusStats
@testable import ChorusSimulation

@Suite("Critic views")
struct ViewTests {
    /// Mean squared reading error of the evidence of every answer in a critic's view, and the
    /// value theory predicts: summaryNoise² for a summary; rawNoise² · m · E[1/k] for raw views
    /// (the mean of k independent reads of the k responses with that answer, each read with
    /// variance rawNoise² · m in a context of m = 3 responses).
    func readingError(summarize: Bool) -> (mse: Double, expected: Double, n: Double) {
        let bank = Fixtures.bank(train: 10, test: 200)
        let test = bank.testStart..<(bank.testStart + bank.testCount)
        let base = PolicyTable(bank: bank, theta: [Double](repeating: 0, count: bank.dimension), temperature: 1, questions: test)
        let society = Society(tables: [base], criticWeights: [[0.5, 1, 1, 0.5]],
                              generatorSeats: [0, 0, 0], criticSeats: [0, 0, 0], rounds: 2,
                              summarize: summarize, summaryNoise: 0.2, rawNoise: 0.8, contextBudget: 2)
        var runner = DebateRunner(agents: 3, rounds: 2, answers: bank.answers)
        var g = Xoshiro256(seed: summarize ? 1 : 2)
        var sse = 0.0, expected = 0.0, n = 0.0
        let F = AgentModel.criticFeatureCount
        for _ in 0..<10 {
            for q in test {
                runner.run(q, bank: bank, society: society, using: &g)
                for seat in 0..<3 {
                    for i in 0..<runner.viewCount[seat] {
                        let a = runner.viewAnswers[seat * 3 + i]
                        var sum = 0.0, k = 0.0
                        for r in 0..<3 where runner.answer[r] == a {
                            sum += bank.evidence[q * bank.chains + runner.chain[r]]; k += 1
                        }
                        let err = runner.viewFeatures[(seat * 3 + i) * F + 2] - sum / k
                        sse += err * err
                        expected += summarize ? 0.04 : 0.64 * 3 / k
                        n += 1
                    }
                }
            }
        }
        return (sse / n, expected / n, n)
    }

    @Test("summaries are read with less noise than raw responses, each as specified")
    func summaryLessNoisy() {
        let s = readingError(summarize: true), r = readingError(summarize: false)
        // Squared normal errors have variance 2σ⁴: 5 standard errors of the mean, σ²·√(2/n). Raw
        // reads mix variances 0.64·3/k; the largest (k = 1), 0.64·3, bounds σ² there.
        #expect(abs(s.mse - s.expected) < 5 * s.expected * (2 / s.n).squareRoot())
        #expect(abs(r.mse - r.expected) < 5 * 0.64 * 3 * (2 / r.n).squareRoot())
        #expect(s.mse < r.mse)
    }

    /// A base-model society of 3 seats reading raw views within `budget`, on a 50-question bank.
    func rawSociety(budget: Int) -> (bank: TaskBank, society: Society, test: Range<Int>) {
        let bank = Fixtures.bank(train: 10, test: 50)
        let test = bank.testStart..<(bank.testStart + bank.testCount)
        let base = PolicyTable(bank: bank, theta: [Double](repeating: 0, count: bank.dimension), temperature: 1, questions: test)
        let society = Society(tables: [base], criticWeights: [[0, 1, 0, 0]],
                              generatorSeats: [0, 0, 0], criticSeats: [0, 0, 0], rounds: 2,
                              summarize: false, summaryNoise: 0.2, rawNoise: 0.8, contextBudget: budget)
        return (bank, society, test)
    }

    @Test("a raw view within a context budget of 1 sees one peer")
    func contextBudget() {
        let (bank, society, test) = rawSociety(budget: 1)
        var runner = DebateRunner(agents: 3, rounds: 2, answers: bank.answers)
        var g = Xoshiro256(seed: 5)
        for q in test {
            runner.run(q, bank: bank, society: society, using: &g)
            for seat in 0..<3 {
                // In view: own answer and the next seat's answer only.
                let seen = Set([runner.answer[seat], runner.answer[(seat + 1) % 3]])
                #expect(runner.viewCount[seat] == seen.count)
                let critic = runner.answer[3 + seat]
                #expect(seen.contains(critic))
            }
        }
    }

    @Test("without a summary a critic reads every peer when the budget allows (the official code passes up to 5)")
    func rawViewSeesAllPeers() {
        let (bank, society, test) = rawSociety(budget: 5)
        var runner = DebateRunner(agents: 3, rounds: 2, answers: bank.answers)
        var g = Xoshiro256(seed: 6)
        for q in test {
            runner.run(q, bank: bank, society: society, using: &g)
            let all = Set(runner.answer[0..<3])
            for seat in 0..<3 { #expect(runner.viewCount[seat] == all.count) }
        }
    }
}
