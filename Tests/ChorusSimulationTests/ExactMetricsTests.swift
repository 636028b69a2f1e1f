import Testing
import ChorusAnalysis
import Foundation
import ChorusStats
@testable import ChorusSimulation

@Suite("Exact metrics")
struct ExactMetricsTests {
    func compute(thetas: [[Double]], bank: TaskBank, generatorSeats: [Int], criticSeats: [Int]) -> ([String: Double], [PolicyTable], PolicyTable) {
        let test = bank.testStart..<(bank.testStart + bank.testCount)
        let tables = thetas.map { PolicyTable(bank: bank, theta: $0, temperature: 1, questions: test) }
        let base = PolicyTable(bank: bank, theta: [Double](repeating: 0, count: bank.dimension), temperature: 1, questions: test)
        var out: [(String, Double)] = []
        ExactMetrics.compute(bank: bank, tables: tables, base: base, generatorSeats: generatorSeats, criticSeats: criticSeats,
                             generatorModels: Array(Set(generatorSeats)).sorted(), criticModels: Array(Set(criticSeats)).sorted(),
                             into: &out)
        return (Dictionary(uniqueKeysWithValues: out), tables, base)
    }

    func probs(_ t: PolicyTable, _ q: Int) -> [Double] { (0..<t.chains).map { t.p(q, $0) } }
    func answerProbs(_ t: PolicyTable, _ q: Int) -> [Double] { (0..<t.answers).map { t.pAnswer(q, $0) } }

    @Test("entropies, disagreement, JS and KLs equal direct computation with ChorusStats.Info")
    func againstDirect() throws {
        let bank = Fixtures.bank(train: 5, test: 40)
        let thetas = (0..<6).map { Fixtures.randomTheta(bank.dimension, sd: 0.5, seed: UInt64($0 + 1)) }
        let (m, tables, base) = compute(thetas: thetas, bank: bank, generatorSeats: [0, 1, 2], criticSeats: [3, 4, 5])
        var hGen = 0.0, hAll = 0.0, dis = 0.0, disA = 0.0, js = 0.0, klG = 0.0, klC = 0.0, klB = 0.0
        let qs = bank.testStart..<(bank.testStart + bank.testCount)
        for q in qs {
            let p = (0..<6).map { probs(tables[$0], q) }
            let pa = (0..<6).map { answerProbs(tables[$0], q) }
            for i in 0..<3 { hGen += try Info.entropy(p[i]) }
            for i in 0..<6 { hAll += try Info.entropy(p[i]) }
            for (i, j) in [(0, 1), (0, 2), (1, 2)] {
                dis += 1 - zip(p[i], p[j]).map(*).reduce(0, +)
                disA += 1 - zip(pa[i], pa[j]).map(*).reduce(0, +)
            }
            js += try Info.jensenShannon(Array(p[0..<3]))
            let pb = probs(base, q)
            for i in 0..<3 { klG += try Info.kl(p[i], pb) }
            for i in 3..<6 { klC += try Info.kl(p[i], pb) }
            for i in 0..<3 { for j in 0..<3 where j != i { klB += try Info.kl(p[i], p[j]) } }
        }
        let n = Double(qs.count)
        #expect(abs(m[MetricName.entropyChainGenerator]! - hGen / (3 * n)) < 1e-9)
        #expect(abs(m[MetricName.entropyChain]! - hAll / (6 * n)) < 1e-9)
        #expect(abs(m[MetricName.disagreementChain]! - dis / (3 * n)) < 1e-9)
        #expect(abs(m[MetricName.disagreementAnswer]! - disA / (3 * n)) < 1e-9)
        #expect(abs(m[MetricName.jsChain]! - js / n) < 1e-9)
        #expect(abs(m[MetricName.klBaseGenerator]! - klG / (3 * n)) < 1e-9)
        #expect(abs(m[MetricName.klBaseCritic]! - klC / (3 * n)) < 1e-9)
        #expect(abs(m[MetricName.klBase]! - (klG + klC) / (6 * n)) < 1e-9)
        #expect(abs(m[MetricName.klBetween]! - klB / (6 * n)) < 1e-9)
    }

    @Test("at base, disagreement = 1 − Σπ² per question, JS = 0, KL = 0")
    func atBase() {
        let bank = Fixtures.bank(train: 5, test: 50)
        let zero = [Double](repeating: 0, count: bank.dimension)
        let (m, _, base) = compute(thetas: [zero], bank: bank, generatorSeats: [0, 0, 0], criticSeats: [0, 0, 0])
        var expected = 0.0
        for q in bank.testStart..<(bank.testStart + bank.testCount) {
            expected += 1 - probs(base, q).reduce(0) { $0 + $1 * $1 }
        }
        #expect(abs(m[MetricName.disagreementChain]! - expected / Double(bank.testCount)) < 1e-12)
        #expect(abs(m[MetricName.jsChain]!) < 1e-12)
        #expect(abs(m[MetricName.klBase]!) < 1e-12 && abs(m[MetricName.klBetween]!) < 1e-12)
    }

    @Test("round-1 majority accuracy equals the closed form for three agents")
    func majorityClosedForm() {
        let bank = Fixtures.bank(train: 5, test: 30)
        let thetas = (0..<3).map { Fixtures.randomTheta(bank.dimension, sd: 0.8, seed: UInt64(10 + $0)) }
        let (m, tables, _) = compute(thetas: thetas, bank: bank, generatorSeats: [0, 1, 2], criticSeats: [])
        var total = 0.0, individual = 0.0
        for q in bank.testStart..<(bank.testStart + bank.testCount) {
            let pa = (0..<3).map { answerProbs(tables[$0], q) }
            let c = pa.map { $0[0] }
            individual += c.reduce(0, +) / 3
            // At least two correct: the correct answer wins outright.
            let two = c[0] * c[1] * c[2] + c[0] * c[1] * (1 - c[2]) + c[0] * (1 - c[1]) * c[2] + (1 - c[0]) * c[1] * c[2]
            // Exactly one correct and the other two disagree: a three-way tie, won by the correct
            // answer when its label is the largest of the three (the vote's one tie rule).
            let label = bank.labels(of: q), l0 = label[label.startIndex]
            var one = 0.0
            for i in 0..<3 {
                let j = (i + 1) % 3, k = (i + 2) % 3
                var differ = 0.0
                for a in 1..<bank.answers { for b in 1..<bank.answers where a != b
                    && l0 > label[label.startIndex + a] && l0 > label[label.startIndex + b] { differ += pa[j][a] * pa[k][b] } }
                one += c[i] * differ
            }
            total += two + one
        }
        let n = Double(bank.testCount)
        #expect(abs(m[MetricName.accuracyRound1Majority]! - total / n) < 1e-12)
        #expect(abs(m[MetricName.accuracyRound1Individual]! - individual / n) < 1e-12)
        #expect(m[MetricName.entropyChainCritic] == nil)
    }
}
