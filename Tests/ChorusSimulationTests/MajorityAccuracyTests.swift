import Foundation
import Testing
import ChorusAnalysis
import ChorusStats
@testable import ChorusSimulation

/// The dynamic programme over answer counts against the enumeration of every answer profile.
@Suite struct MajorityAccuracyTests {
    /// Random heterogeneous seat distributions (some with zero entries).
    static func probs(agents n: Int, answers a: Int, seed: UInt64) -> [Double] {
        var rng = SeedStream(seed: seed).generator()
        var p = [Double](repeating: 0, count: n * a)
        for i in 0..<n {
            var s = 0.0
            for j in 0..<a { let x = rng.nextUnit() < 0.15 ? 0 : rng.nextUnit(); p[i * a + j] = x; s += x }
            if s == 0 { p[i * a] = 1; s = 1 }
            for j in 0..<a { p[i * a + j] /= s }
        }
        return p
    }

    @Test(arguments: [(1, 2), (2, 2), (3, 4), (4, 4), (5, 3), (6, 4), (7, 2), (3, 13), (2, 20)])
    func equalsEnumeration(agents n: Int, answers a: Int) {
        for seed in UInt64(1)...5 {
            let p = Self.probs(agents: n, answers: a, seed: seed * 100 + UInt64(n * 10 + a))
            var profile = [Int](repeating: 0, count: n), counts = [Int](repeating: 0, count: a)
            let enumerated = ExactMetrics.majorityAccuracy(seatAnswerProbs: p, agents: n, answers: a, profile: &profile, counts: &counts)
            let dp = MajorityAccuracy.exact(seatAnswerProbs: p, agents: n, answers: a)
            #expect(abs(dp - enumerated) < 1e-12, "N=\(n) A=\(a) seed \(seed): dp \(dp) vs enumeration \(enumerated)")
            // With a labelling: the enumeration votes each profile with the shared kernel.
            let labels = Self.labelling(answers: a, seed: seed)
            let byKernel = ExactMetrics.majorityAccuracy(seatAnswerProbs: p, agents: n, answers: a, labels: labels,
                                                         profile: &profile, counts: &counts)
            let dpLabelled = MajorityAccuracy.exact(seatAnswerProbs: p, agents: n, answers: a, labels: labels[...])
            #expect(abs(dpLabelled - byKernel) < 1e-12, "N=\(n) A=\(a) seed \(seed): dp \(dpLabelled) vs kernel vote \(byKernel)")
        }
    }

    /// A random permutation of 0..<a.
    static func labelling(answers a: Int, seed: UInt64) -> [Int32] {
        var g = SeedStream(seed: seed).child("labels").generator()
        var perm = (0..<a).map(Int32.init)
        for i in stride(from: a - 1, to: 0, by: -1) { perm.swapAt(i, g.nextInt(below: i + 1)) }
        return perm
    }

    /// Identity: the mean of the labelled probability over all a! labellings is the uniform
    /// tie split (each tied answer is the largest with probability 1/|tied|).
    @Test(arguments: [(3, 3), (4, 4), (6, 3), (5, 4)])
    func labellingsAverageToTheUniformSplit(agents n: Int, answers a: Int) {
        let p = Self.probs(agents: n, answers: a, seed: UInt64(77 + n * a))
        func permutations(_ x: [Int32]) -> [[Int32]] {
            guard x.count > 1 else { return [x] }
            return x.indices.flatMap { i in permutations(Array(x[..<i] + x[(i + 1)...])).map { [x[i]] + $0 } }
        }
        let all = permutations((0..<a).map(Int32.init))
        let mean = all.map { MajorityAccuracy.exact(seatAnswerProbs: p, agents: n, answers: a, labels: $0[...]) }
            .reduce(0, +) / Double(all.count)
        let uniform = MajorityAccuracy.exact(seatAnswerProbs: p, agents: n, answers: a)
        #expect(abs(mean - uniform) < 1e-12, "mean over labellings \(mean) vs uniform split \(uniform)")
    }

    /// The dense slot table and the dictionary visit states in the same order, so a reused
    /// workspace gives the same bits as a fresh dictionary-keyed run, question after question.
    @Test(arguments: [(3, 4), (6, 4), (16, 4), (8, 6)])
    func denseTableMatchesDictionaryBitForBit(agents n: Int, answers a: Int) {
        var dense = MajorityAccuracy.Workspace(agents: n, answers: a)
        var keyed = MajorityAccuracy.Workspace(agents: n, answers: a, dense: false)
        for seed in UInt64(1)...8 {
            let p = Self.probs(agents: n, answers: a, seed: seed * 1000 + UInt64(n * 10 + a))
            let labels = Self.labelling(answers: a, seed: seed)
            let x = dense.exact(seatAnswerProbs: p, labels: labels[...]), y = keyed.exact(seatAnswerProbs: p, labels: labels[...])
            #expect(x.bitPattern == y.bitPattern, "N=\(n) A=\(a) seed \(seed): \(x) vs \(y)")
        }
    }

    /// Identical seats with p(correct) = q, two answers, odd N: the binomial tail
    /// P(Bin(N, q) > N/2), computed independently.
    @Test func identicalSeatsGiveTheBinomialTail() {
        let n = 15, q = 0.6
        var tail = 0.0
        for k in (n / 2 + 1)...n {
            var binom = 1.0
            for j in 0..<k { binom *= Double(n - j) / Double(j + 1) }
            tail += binom * pow(q, Double(k)) * pow(1 - q, Double(n - k))
        }
        let p = (0..<n).flatMap { _ in [q, 1 - q] }
        #expect(abs(MajorityAccuracy.exact(seatAnswerProbs: p, agents: n, answers: 2) - tail) < 1e-12)
    }

    /// 16 agents keep the exact metric (the former enumeration stopped at 4,096 profiles).
    @Test func sixteenAgentsHaveExactMajorityAccuracy() throws {
        var c = Presets.quick
        c.agents.count = 16
        c.regimes = ["multiagent"]
        c.seeds = [1]
        c.iterations = 1
        c.task.trainQuestions = 10
        c.task.testQuestions = 10
        let rows = try Experiment(config: c).run(threads: 1).rows
        let maj = rows.filter { $0.metric == MetricName.accuracyRound1Majority }
        #expect(maj.count == 2)
        #expect(maj.allSatisfy { $0.value >= 0 && $0.value <= 1 })
    }
}
