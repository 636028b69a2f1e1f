import Foundation
import ChorusAnalysis

/// Metrics a researcher computes from transcripts, accumulated over simulated test debates
/// (one debate per test question), each computed by the shared kernels (`AnswerKernels`) that
/// `chorus analyze` applies to logs, on the answers' labels (`TaskBank.label`, the codes a
/// transcript's answer strings get back from `AnswerCoding`). Per question, then averaged over
/// questions (sum in question order, divided by their number):
/// - consensus: share of final-round answers equal to the final plurality answer;
/// - answer entropy of the N round-1 answers: plug-in and Miller–Madow;
/// - cross NLL: mean over ordered pairs i ≠ j of −log π_i(r_j | q), r_j seat j's round-1 chain;
/// - embedding dissimilarity: mean over pairs i < j of 1 − cos(φ(q, r_i), φ(q, r_j)) of the
///   round-1 chains (the chain feature vector is the simulator's embedding);
/// - flips: share of seat trajectories wrong in round 1 and right in the final round
///   (wrong→right), and right then wrong (right→wrong); 0 without debate.
/// `IterationMetrics.perQuestion` on the run's transcripts gives the same values to the bit
/// (except cross NLL, which needs every seat's log-probability of every response).
public struct SampledMetrics {
    var questions = 0.0
    var consensus = 0.0, hPlugin = 0.0, hMM = 0.0, crossNLL = 0.0, dissimilarity = 0.0
    var wrongRight = 0.0, rightWrong = 0.0
    private var counts: [Int]
    private var codes: [Int] = [], firstRight: [Bool] = [], lastRight: [Bool] = []
    private var logP: [Double] = [], vectors: [Double] = []

    /// Empty sums for questions with `answers` answers.
    public init(answers: Int) { counts = [Int](repeating: 0, count: answers) }

    /// Adds the metrics of the debate `r` has just run on test question `q`.
    /// - Complexity: O(N² (C + d)) for N seats, allocation-free after the first call.
    public mutating func add(_ r: DebateRunner, question q: Int, bank: TaskBank, tables: [PolicyTable],
                             generatorSeats: [Int]) {
        let n = r.agents, c = bank.chains, d = bank.dimension, a = bank.answers
        let last = (r.rounds - 1) * n
        if codes.count != n {
            codes = [Int](repeating: 0, count: n); firstRight = [Bool](repeating: false, count: n)
            lastRight = firstRight; logP = [Double](repeating: 0, count: n * n)
            vectors = [Double](repeating: 0, count: n * d)
        }
        questions += 1
        for s in 0..<n { codes[s] = Int(bank.label[q * a + r.answer[last + s]]) }
        let y = Int(bank.label[q * a + r.final])   // = the kernel's plurality of `codes` (DebateRunner)
        consensus += codes.withUnsafeBufferPointer { AnswerKernels.consensus($0, plurality: y) } ?? 0
        for s in 0..<n { codes[s] = Int(bank.label[q * a + r.answer[s]]) }
        let h = codes.withUnsafeBufferPointer { x in
            counts.withUnsafeMutableBufferPointer { k in
                let m = AnswerKernels.tally(x, into: k)
                return AnswerKernels.entropy(UnsafeBufferPointer(k), answered: m)
            }
        }
        if let h { hPlugin += h.plugIn; hMM += h.millerMadow }
        if n >= 2 {
            for i in 0..<n { for j in 0..<n { logP[i * n + j] = tables[generatorSeats[i]].logP(q, r.chain[j]) } }
            for j in 0..<n {
                let f = (q * c + r.chain[j]) * d
                for t in 0..<d { vectors[j * d + t] = bank.features[f + t] }
            }
            crossNLL += logP.withUnsafeBufferPointer { AnswerKernels.crossNLL($0, agents: n) } ?? 0
            dissimilarity += vectors.withUnsafeBufferPointer { AnswerKernels.embeddingDissimilarity($0, count: n, dimension: d) } ?? 0
        }
        if r.rounds >= 2 {
            for s in 0..<n { firstRight[s] = r.answer[s] == 0; lastRight[s] = r.answer[last + s] == 0 }
            let f = firstRight.withUnsafeBufferPointer { x in lastRight.withUnsafeBufferPointer { AnswerKernels.flips(firstCorrect: x, lastCorrect: $0) } }
            wrongRight += f.wrongRight; rightWrong += f.rightWrong
        }
    }

    /// The accumulated metrics as (name, value) pairs.
    public func finish(agents n: Int, into out: inout [(String, Double)]) {
        let nq = max(1, questions)
        out.append((MetricName.sampleConsensus, consensus / nq))
        out.append((MetricName.sampleAnswerEntropyPlugin, hPlugin / nq))
        out.append((MetricName.sampleAnswerEntropyMM, hMM / nq))
        if n >= 2 {
            out.append((MetricName.sampleCrossNLL, crossNLL / nq))
            out.append((MetricName.sampleEmbeddingDissimilarity, dissimilarity / nq))
        }
        out.append((MetricName.sampleFlipWrongRight, wrongRight / nq))
        out.append((MetricName.sampleFlipRightWrong, rightWrong / nq))
    }
}
