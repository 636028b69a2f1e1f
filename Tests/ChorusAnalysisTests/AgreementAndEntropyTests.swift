import Testing
import ChorusTestSupport
import Foundation
import ChorusStats
import ChorusRecords
@testable import ChorusAnalysis

/// Hand-computed agreement and entropy values for `Fixture` (see its table).
@Suite struct AgreementTests {
    var debates: [DebateIndex.Debate] { let i = DebateIndex(Fixture.records()); return i.debates(i.groups[0]) }

    @Test func agreementMatrix() {
        // Round 1: A01 = 1/2 (q1 differ, q2 agree, q3 skipped: agent 0 gave none), A02 = 0/2, A12 = 1/3.
        let m1 = Agreement.matrix(debates, round: 1)
        #expect(m1.agents == [0, 1, 2])
        #expect(m1.values[0][1] == 0.5 && m1.values[1][0] == 0.5)
        #expect(m1.values[0][2] == 0)
        #expect(abs(m1.values[1][2] - 1.0 / 3) < 1e-15)
        #expect(m1.values[0][0] == 1)
        // Round 2: A01 = 3/3, A02 = 2/3, A12 = 2/3.
        let m2 = Agreement.matrix(debates, round: 2)
        #expect(m2.values[0][1] == 1 && abs(m2.values[0][2] - 2.0 / 3) < 1e-15 && abs(m2.values[1][2] - 2.0 / 3) < 1e-15)
    }

    @Test func fleissKappa() {
        // Round 2: P_i = 1/3, 1, 1 → P̄ = 7/9; category totals 4:2 5:1 8:3 1:3 of 9 → P̄e = 23/81;
        // κ = (7/9 − 23/81)/(58/81) = 20/29.
        #expect(abs(Agreement.fleissKappa(debates, round: 2)! - 20.0 / 29) < 1e-12)
        // Round 1 (q3 excluded: a non-answer): P_i = 0, 1/3 → P̄ = 1/6; totals 1,1,1,2,1 of 6 →
        // P̄e = 8/36; κ = (1/6 − 2/9)/(7/9) = −1/14.
        #expect(abs(Agreement.fleissKappa(debates, round: 1)! - (-1.0 / 14)) < 1e-12)
    }

    @Test func fleissKappaTextbookCase() {
        // q1: A A A, q2: A B B. P = 1, 1/3 → 2/3; p_A = 4/6, p_B = 2/6 → P̄e = 5/9; κ = 1/4.
        var recs: [ResponseRecord] = []
        for (q, answers) in [("q1", ["A", "A", "A"]), ("q2", ["A", "B", "B"])] {
            for (agent, a) in answers.enumerated() {
                recs.append(ResponseRecord(run: "k", regime: "log", question: q, agent: agent, role: .generator, round: 1, answer: a, correct: nil))
            }
        }
        let i = DebateIndex(recs)
        #expect(abs(Agreement.fleissKappa(i.debates(i.groups[0]), round: 1)! - 0.25) < 1e-12)
        // One category everywhere: P̄e = 1, κ undefined.
        let same = (0..<3).map { ResponseRecord(run: "k", regime: "log", question: "q", agent: $0, role: .generator, round: 1, answer: "A", correct: nil) }
        let j = DebateIndex(same)
        #expect(Agreement.fleissKappa(j.debates(j.groups[0]), round: 1) == nil)
    }

    @Test func answerEntropyEstimators() throws {
        // q2 round 1: answers 8 8 7 → counts (2, 1), N = 3.
        let d = debates[1]
        let plug = log(3.0) - 2.0 / 3 * log(2.0)
        #expect(abs(QuestionMetrics.answerEntropy(d, round: 1, estimator: .plugIn)! - plug) < 1e-12)
        // Miller–Madow: + (K̂ − 1)/(2N) = 1/6.
        #expect(abs(QuestionMetrics.answerEntropy(d, round: 1, estimator: .millerMadow)! - (plug + 1.0 / 6)) < 1e-12)
        // Chao–Shen: f1 = 1, C = 2/3, p̃ = 4/9, 2/9; H = Σ −p̃ ln p̃ / (1 − (1 − p̃)^3).
        let cs = -(4.0 / 9) * log(4.0 / 9) / (1 - pow(5.0 / 9, 3)) - (2.0 / 9) * log(2.0 / 9) / (1 - pow(7.0 / 9, 3))
        #expect(abs(QuestionMetrics.answerEntropy(d, round: 1, estimator: .chaoShen)! - cs) < 1e-12)
        // Grassberger: G(1) = −γ − ln 2, G(2) = 2 − γ − ln 2; H = ln 3 − (2G(2) + G(1))/3 = ln 3 − 4/3 + γ + ln 2.
        let gamma = 0.57721566490153286
        #expect(abs(QuestionMetrics.answerEntropy(d, round: 1, estimator: .grassberger)! - (log(3.0) - 4.0 / 3 + gamma + log(2.0))) < 1e-10)
        // NSB with K = 5: a posterior mean, between the plug-in value and ln K.
        let nsb = QuestionMetrics.answerEntropy(d, round: 1, estimator: .nsb, alphabetSize: 5)!
        #expect(nsb > plug && nsb < log(5.0))
        // q3 round 1: two answers "1" → every estimator but NSB gives 0 (K̂ = 1).
        #expect(QuestionMetrics.answerEntropy(debates[2], round: 1, estimator: .millerMadow) == 0)
    }
}

@Suite struct DivergenceTests {
    @Test func jsHandValues() {
        // Disjoint answers: pooled (2, 2) → ln 2, each agent 0 → JS = ln 2; K = 2, m = 2, N = 4 → bias 1/8.
        let e = AnswerDivergence.jensenShannon(samples: [["a", "a"], ["b", "b"]])!
        #expect(abs(e.plugIn - log(2.0)) < 1e-15 && e.bias == 0.125)
        // Identical empirical distributions: JS 0, corrected −1/8.
        let z = AnswerDivergence.jensenShannon(samples: [["a", "b"], ["b", "a"]])!
        #expect(abs(z.plugIn) < 1e-15 && z.corrected == -0.125)
        #expect(AnswerDivergence.jensenShannon(samples: [[nil], []]) == nil)
    }

    /// Monte Carlo: three agents drawing 200 answers each from the same uniform distribution over
    /// K = 4 (true JS = 0). E[plug-in JS] = (K−1)(m−1)/(2N) = 3·2/1200 = 0.005 to first order
    /// (second-order terms are ~3e-5 here). Tolerance: 4 Monte Carlo standard errors.
    @Test func jsPlugInBiasMatchesFirstOrder() throws {
        var g = SeedStream(seed: 11).child("js-bias").generator()
        let labels = ["a", "b", "c", "d"]
        var plug: [Double] = [], corr: [Double] = []
        for _ in 0..<2000 {
            let s = (0..<3).map { _ in (0..<200).map { _ -> String? in labels[g.nextInt(below: 4)] } }
            let e = AnswerDivergence.jensenShannon(samples: s)!
            plug.append(e.plugIn); corr.append(e.corrected)
        }
        let m = try Describe.mean(plug), se = try Describe.standardError(plug)
        #expect(abs(m - 0.005) < 4 * se, "mean plug-in JS \(m) vs 0.005 ± \(4 * se)")
        let mc = try Describe.mean(corr), sec = try Describe.standardError(corr)
        #expect(abs(mc) < 4 * sec, "corrected JS \(mc) vs 0 ± \(4 * sec)")
    }

    @Test func crossAndSelfNLL() {
        var recs = Fixture.records()
        for i in recs.indices { recs[i].logProbability = -Double(recs[i].agent + 1) }  // −1, −2, −3
        #expect(CrossAgentNLL.selfNLL(recs) == 2)
        let i = DebateIndex(recs)
        // Scorer i gives log-prob −(i + 10) to any other agent's response: over 6 ordered pairs
        // per question the mean NLL is (10·2 + 11·2 + 12·2)/6 = 11.
        let c = CrossAgentNLL.cross(i.debates(i.groups[0]), round: 1) { scorer, _ in -Double(scorer + 10) }
        #expect(c == 11)
        // A question whose matrix is incomplete does not enter (here: none is complete).
        #expect(CrossAgentNLL.cross(i.debates(i.groups[0]), round: 1) { scorer, r in scorer == 0 && r.agent == 2 ? nil : -10 } == nil)
        // The per-question kernel on a hand matrix: pairs (0,1), (1,0) only, −(−1 −3)/2 = 2.
        let m: [Double] = [0, -1, -3, 0]
        #expect(m.withUnsafeBufferPointer { AnswerKernels.crossNLL($0, agents: 2) } == 2)
    }
}

@Suite struct VendiTests {
    @Test func limits() throws {
        let id = (0..<4).map { i in (0..<4).map { $0 == i ? 1.0 : 0.0 } }
        for q in [0.0, 0.5, 1, 2, .infinity] { #expect(abs(try Vendi.score(kernel: id, q: q) - 4) < 1e-10) }
        let ones = [[Double]](repeating: [1, 1, 1], count: 3)
        #expect(abs(try Vendi.score(kernel: ones) - 1) < 1e-10)
    }
    @Test func twoByTwo() throws {
        // K = [[1, .5], [.5, 1]]: eigenvalues of K/2 are 3/4 and 1/4.
        let k = [[1, 0.5], [0.5, 1]]
        let h = -(0.75 * log(0.75) + 0.25 * log(0.25))
        #expect(abs(try Vendi.score(kernel: k, q: 1) - exp(h)) < 1e-12)
        #expect(abs(try Vendi.score(kernel: k, q: 2) - 1 / (0.5625 + 0.0625)) < 1e-12)
        #expect(abs(try Vendi.score(kernel: k, q: .infinity) - 4.0 / 3) < 1e-12)
        #expect(abs(try Vendi.score(kernel: k, q: 0) - 2) < 1e-12)
        // Embeddings at 60°: cosine 1/2, the same kernel.
        #expect(abs(try Vendi.score(embeddings: [[1, 0], [0.5, 0.75.squareRoot()]]) - exp(h)) < 1e-12)
    }
    @Test func badInput() {
        #expect(throws: AnalysisError.self) { try Vendi.score(kernel: []) }
        #expect(throws: AnalysisError.self) { try Vendi.score(kernel: [[1, 0]]) }
        #expect(throws: AnalysisError.self) { try Vendi.score(kernel: [[2]]) }
        #expect(throws: AnalysisError.self) { try Vendi.score(kernel: [[1]], q: -1) }
        #expect(throws: StatsError.self) { try Vendi.score(kernel: [[1, 0.2], [0.9, 1]]) }
    }
}

@Suite struct SwitchAttributionTests {
    @Test func handBuilt() {
        // Round 1: a0 x, a1 y, a2 y, a3 none (support x 1, y 2).
        // Round 2: a0 → y (e 0.2; its reading of x: a2's 0.9) : support only.
        //          a1 stays y (e 0.5).
        //          a2 → x (e 0.9; reading of y: mean(0.2, 0.5) = 0.35; support x 1 < y 2): evidence only.
        //          a3 → y (e 0.1; no answer before): both.
        let r1: [String?] = ["x", "y", "y", nil], r2: [String?] = ["y", "y", "x", "y"], ev = [0.2, 0.5, 0.9, 0.1]
        var recs: [ResponseRecord] = []
        for a in 0..<4 {
            recs.append(ResponseRecord(run: "s", regime: "sim", question: "q", agent: a, role: .generator, round: 1, answer: r1[a], correct: nil))
            recs.append(ResponseRecord(run: "s", regime: "sim", question: "q", agent: a, role: .critic, round: 2, answer: r2[a], correct: nil, evidence: ev[a]))
        }
        let i = DebateIndex(recs)
        let s = SwitchAttribution.count(i.debates(i.groups[0])[0], to: 2)
        #expect(s.supportOnly == 1 && s.evidenceOnly == 1 && s.both == 1 && s.neither == 0 && s.unattributed == 0)
        #expect(s.supportOnlyShare == 1.0 / 3 && s.evidenceShare == 2.0 / 3)
    }
}

@Suite struct TranscriptMetricsTests {
    @Test func longTableCarriesHandValues() {
        var recs = Fixture.records()
        for i in recs.indices { recs[i].text = recs[i].agent == 0 ? "a b" : "a c" }
        let t = TranscriptMetrics.table(recs)
        func value(_ metric: String, round: Int) -> Double? {
            t.rows.first { $0[5] == metric && $0[4] == String(round) }.flatMap { Double($0[6]) }
        }
        #expect(abs(value("consensus", round: 1)! - 2.0 / 3) < 1e-12)
        #expect(abs(value("fleiss_kappa", round: 2)! - 20.0 / 29) < 1e-12)
        // 2 of the 4 switches join round 1's plurality (q1's tie goes to "6"; nobody switches to it).
        #expect(abs(value("conformity", round: 2)! - 0.5) < 1e-12)
        #expect(abs(value("flips.wrong_right", round: 2)! - 2.0 / 9) < 1e-12)
        // mean pairwise agreement, round 2: (1 + 2/3 + 2/3)/3 = 7/9.
        #expect(abs(value("agreement.mean_pairwise", round: 2)! - 7.0 / 9) < 1e-12)
        #expect(value("text.vendi", round: 1) != nil && value("embedding.dissimilarity", round: 1) == nil)
        #expect(value("flips.switches", round: 1) == nil)
        for e in EntropyEstimator.allCases { #expect(value(MetricName.answerEntropy(e), round: 1) != nil) }
    }
}

@Suite struct StyleDivergenceTests {
    @Test func amongAgentsByHand() {
        // Agent 0 writes styles 0, 0; agent 1 writes 1, 1 over two questions: JS = ln 2,
        // K = 2, m = 2, N = 4 → bias 1/8.
        var recs: [ResponseRecord] = []
        for q in 0..<2 {
            for a in 0..<2 {
                var r = ResponseRecord(run: "s", regime: "sim", question: "q\(q)", agent: a, role: .generator, round: 1, answer: "x", correct: nil)
                r.style = a
                recs.append(r)
            }
        }
        let i = DebateIndex(recs)
        let e = AnswerDivergence.amongAgents(i.debates(i.groups[0]), round: 1) { $0.style.map(String.init) }!
        #expect(abs(e.plugIn - log(2.0)) < 1e-15 && e.bias == 0.125 && e.samples == 4)
        #expect(AnswerDivergence.amongAgents(i.debates(i.groups[0]), round: 1) { _ in nil } == nil)
    }
}
