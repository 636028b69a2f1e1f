import Foundation
import Testing
import ChorusIngest
import ChorusRecords
import ChorusSimulation
import ChorusStats
@testable import ChorusAnalysis

/// Sample-file metrics against hand computation.
@Suite struct SampleMetricsTests {
    static func s(_ q: String, _ m: String, _ a: String?, _ ok: Bool?, it: Int = 0, text: String? = nil) -> SampleRecord {
        SampleRecord(iteration: it, question: q, model: m, response: text, answer: a, correct: ok, location: "test")
    }

    /// gpt: q1 {4 ✓, 5 ✗}, q2 {9 ✓, 9 ✓}; llama: q1 {4 ✓, 3 ✗}, q2 {6 ✗, none ✗}.
    static let samples = [s("q1", "gpt", "4", true), s("q1", "gpt", "5", false), s("q1", "llama", "4", true), s("q1", "llama", "3", false),
                          s("q2", "gpt", "9", true), s("q2", "gpt", "9", true), s("q2", "llama", "6", false), s("q2", "llama", nil, false)]

    static func value(_ t: TidyTable, _ model: String, _ metric: String, it: String = "0") -> Double? {
        t.rows.first { $0[1] == it && $0[2] == model && $0[3] == metric }.flatMap { Double($0[4]) }
    }

    @Test("per model and pooled: accuracy, majority, pass@k, coverage, answer diversity (hand values)")
    func handValues() {
        let t = SampleMetrics.table(Self.samples, run: "f", models: ["gpt", "llama"], replicates: 50)
        #expect(t.columns == SampleMetrics.columns)
        func v(_ m: String, _ k: String) -> Double { Self.value(t, m, k) ?? .nan }
        #expect(v("gpt", MetricName.accuracyRound1Individual) == 0.75)
        #expect(v("llama", MetricName.accuracyRound1Individual) == 0.25)
        #expect(v("gpt", MetricName.passAt(2)) == 1 && v("llama", MetricName.passAt(2)) == 0.5)
        #expect(Self.value(t, "gpt", MetricName.passAt(4)) == nil)   // never 4 samples
        // llama's majority: q1 tie 4/3 → first seen (4, right); q2 only 6 (wrong).
        #expect(v("llama", MetricName.accuracyRound1Majority) == 0.5)
        #expect(v("llama", SampleMetrics.coverageAnySample) == 0.5)
        #expect(v("llama", "no_answer_rate") == 0.25)
        // Pooled: mean over models; coverage q1 = 1 − ½·½, q2 = 1 − 0·1.
        #expect(v(SampleMetrics.pooled, MetricName.accuracyRound1Individual) == 0.5)
        #expect(v(SampleMetrics.pooled, MetricName.passAt(2)) == 0.75)
        #expect(v(SampleMetrics.pooled, MetricName.coverage) == 0.875)
        #expect(Self.value(t, "gpt", MetricName.coverage) == nil)
        // Pooled answers q1 {4, 5, 4, 3}: 1 equal pair of 6; q2 {9, 9, 6, none}: 1 of 6.
        #expect(abs(v(SampleMetrics.pooled, MetricName.disagreementAnswer) - 5.0 / 6) < 1e-12)
        let h1 = -(0.5 * log(0.5) + 2 * 0.25 * log(0.25)), h2 = -(2.0 / 3 * log(2.0 / 3) + 1.0 / 3 * log(1.0 / 3))
        #expect(abs(v(SampleMetrics.pooled, MetricName.sampleAnswerEntropyPlugin) - (h1 + h2) / 2) < 1e-12)
        #expect(abs(v(SampleMetrics.pooled, MetricName.sampleAnswerEntropyMM) - (h1 + 2.0 / 8 + h2 + 1.0 / 6) / 2) < 1e-12)
        // The pooled rows under the run-analysis columns, for chorus compare.
        let it = SampleMetrics.iterationTable(t)
        #expect(it.columns == IterationMetrics.columns)
        #expect(it.rows.contains { $0[2] == MetricName.coverage && Double($0[3]) == 0.875 })
    }

    @Test("pass@k: questions with fewer than k judged samples do not enter; n counts those that do")
    func unevenSamples() {
        var ss: [SampleRecord] = []
        for i in 0..<4 { ss.append(Self.s("a", "m", "\(i)", i == 0)) }   // 4 samples, 1 right
        ss.append(Self.s("b", "m", "1", true)); ss.append(Self.s("b", "m", "2", false))   // 2 samples
        let t = SampleMetrics.table(ss, run: "f", models: ["m"], replicates: 20)
        let p4 = t.rows.first { $0[2] == "m" && $0[3] == MetricName.passAt(4) }!
        #expect(Double(p4[4]) == 1 && p4[7] == "1")
        let p2 = t.rows.first { $0[2] == "m" && $0[3] == MetricName.passAt(2) }!
        // a: 1 − C(3,2)/C(4,2) = 1/2; b: 1 − C(1,2)/C(2,2) = 1.
        #expect(Double(p2[4]) == 0.75 && p2[7] == "2")
    }

    @Test("Monte Carlo: pass@k over many questions estimates the exact mean 1 − (1 − p)^k within 4 SE")
    func monteCarlo() {
        var g = SeedStream(seed: 12).generator()
        var ss: [SampleRecord] = []
        var exact = 0.0
        let questions = 400, n = 8, k = 4
        for q in 0..<questions {
            let p = Double(q % 10) / 10
            exact += 1 - pow(1 - p, Double(k))
            for _ in 0..<n { let ok = g.nextUnit() < p; ss.append(Self.s("q\(q)", "m", ok ? "1" : "0", ok)) }
        }
        exact /= Double(questions)
        let t = SampleMetrics.table(ss, run: "f", models: ["m"], replicates: 20)
        let est = Self.value(t, "m", MetricName.passAt(k))!
        // SE: the per-question estimate is in [0, 1], so its SD ≤ ½ and SE ≤ 0.5/√Q.
        #expect(abs(est - exact) < 4 * 0.5 / Double(questions).squareRoot(), "\(est) vs \(exact)")
    }
}
