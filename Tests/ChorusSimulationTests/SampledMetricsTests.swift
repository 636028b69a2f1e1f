import Testing
import ChorusAnalysis
import Foundation
import ChorusStats
@testable import ChorusSimulation

/// The transcript ("sample") metrics of simulated debates against their exact expectations.
///
/// Round-1 responses are independent draws r_i ~ π_i(·|q), so each per-question statistic has an
/// expectation computable from the policy tables by summation or enumeration, independently of
/// `SampledMetrics`. The test feeds one question at a time (so each question's value is known)
/// and checks mean(value − expectation) over questions against 0 within 5 standard errors.
@Suite("Sampled metrics")
struct SampledMetricsTests {
    @Test("sampled metrics are unbiased for their exact expectations (round 1, three agents)")
    func againstExpectations() throws {
        let bank = Fixtures.bank(train: 1, test: 1500, seed: 11)
        let test = bank.testStart..<(bank.testStart + bank.testCount)
        let n = 3
        let tables = (0..<n).map { i in
            PolicyTable(bank: bank, theta: Fixtures.randomTheta(bank.dimension, sd: 0.7, seed: UInt64(20 + i)),
                        temperature: 1, questions: test)
        }
        let society = Society(tables: tables, criticWeights: [[Double]](repeating: [0, 0, 0, 0], count: n),
                              generatorSeats: [0, 1, 2], criticSeats: [0, 1, 2], rounds: 1, summarize: true,
                              summaryNoise: 0, rawNoise: 0, contextBudget: 2)
        var runner = DebateRunner(agents: n, rounds: 1, answers: bank.answers)
        var g = SeedStream(seed: 5).child("sampled").generator()
        let c = bank.chains, d = bank.dimension, a = bank.answers
        let names = [MetricName.sampleCrossNLL, MetricName.sampleEmbeddingDissimilarity, MetricName.sampleConsensus,
                     MetricName.sampleAnswerEntropyPlugin, MetricName.sampleAnswerEntropyMM]
        var diffs = [String: [Double]]()

        func cosine(_ q: Int, _ x: Int, _ y: Int) -> Double {
            var dot = 0.0, nx = 0.0, ny = 0.0
            for t in 0..<d {
                let u = bank.features[(q * c + x) * d + t], v = bank.features[(q * c + y) * d + t]
                dot += u * v; nx += u * u; ny += v * v
            }
            return dot / (nx * ny).squareRoot()
        }

        for q in test {
            runner.run(q, bank: bank, society: society, using: &g)
            var one = SampledMetrics(answers: a)
            one.add(runner, question: q, bank: bank, tables: tables, generatorSeats: [0, 1, 2])
            var got: [(String, Double)] = []
            one.finish(agents: n, into: &got)
            let value = Dictionary(uniqueKeysWithValues: got)

            // Cross NLL: mean over ordered pairs of the cross-entropy H(π_j, π_i).
            var nll = 0.0
            for i in 0..<n { for j in 0..<n where j != i {
                for r in 0..<c { nll -= tables[j].p(q, r) * tables[i].logP(q, r) }
            } }
            // Embedding dissimilarity: mean over pairs of E[1 − cos(φ_ri, φ_rj)].
            var dis = 0.0
            for i in 0..<n { for j in (i + 1)..<n {
                for x in 0..<c { for y in 0..<c { dis += tables[i].p(q, x) * tables[j].p(q, y) * (1 - cosine(q, x, y)) } }
            } }
            // Consensus, plug-in and Miller–Madow entropies by enumerating the A³ answer profiles.
            var cons = 0.0, hp = 0.0, hmm = 0.0
            for x in 0..<a { for y in 0..<a { for z in 0..<a {
                let p = tables[0].pAnswer(q, x) * tables[1].pAnswer(q, y) * tables[2].pAnswer(q, z)
                var counts = [Int](repeating: 0, count: a)
                counts[x] += 1; counts[y] += 1; counts[z] += 1
                let h = try Info.entropy(counts.map { Double($0) / 3 })
                let distinct = Double(counts.filter { $0 > 0 }.count)
                cons += p * Double(counts.max()!) / 3
                hp += p * h
                hmm += p * (h + (distinct - 1) / 6)
            } } }
            let expected = [nll / 6, dis / 3, cons, hp, hmm]
            for (name, e) in zip(names, expected) { diffs[name, default: []].append(value[name]! - e) }
        }
        for name in names {
            let v = diffs[name]!
            let m = v.reduce(0, +) / Double(v.count)
            let sd = (v.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(v.count - 1)).squareRoot()
            let se = sd / Double(v.count).squareRoot()
            #expect(se > 0, "\(name)")
            #expect(abs(m) <= 5 * se, "\(name): mean(sampled − expected) = \(m), 5 SE = \(5 * se)")
        }
    }
}
