import Foundation
import ChorusAnalysis

/// Metrics a researcher computes from transcripts, accumulated over simulated test debates
/// (one debate per test question). Per question, then averaged over questions:
/// - consensus: share of final-round answers equal to the final majority answer;
/// - answer entropy of the N round-1 answers: plug-in −Σ (n_a/N) ln(n_a/N) and Miller–Madow
///   (plug-in + (m − 1)/(2N), m = distinct answers seen);
/// - cross NLL: mean over ordered pairs i ≠ j of −log π_i(r_j | q), r_j seat j's round-1 chain;
/// - embedding dissimilarity: mean over pairs i < j of 1 − cos(φ(q, r_i), φ(q, r_j)) of the
///   round-1 chains (the chain feature vector is the simulator's embedding);
/// - flips: share of seat trajectories wrong in round 1 and right in the final round
///   (wrong→right), and right then wrong (right→wrong); 0 without debate.
/// - final accuracy: share of debates whose final majority is correct.
public struct SampledMetrics {
    var questions = 0.0
    var consensus = 0.0, hPlugin = 0.0, hMM = 0.0, crossNLL = 0.0, dissimilarity = 0.0
    var wrongRight = 0.0, rightWrong = 0.0, finalCorrect = 0.0
    private var counts: [Int]

    public init(answers: Int) { counts = [Int](repeating: 0, count: answers) }

    public mutating func add(_ r: DebateRunner, question q: Int, bank: TaskBank, tables: [PolicyTable],
                             generatorSeats: [Int]) {
        let n = r.agents, c = bank.chains, d = bank.dimension
        let last = (r.rounds - 1) * n
        questions += 1
        var agree = 0.0
        for s in 0..<n where r.answer[last + s] == r.final { agree += 1 }
        consensus += agree / Double(n)
        if r.final == 0 { finalCorrect += 1 }
        for a in 0..<counts.count { counts[a] = 0 }
        for s in 0..<n { counts[r.answer[s]] += 1 }
        var h = 0.0, distinct = 0.0
        for x in counts where x > 0 { let p = Double(x) / Double(n); h -= p * log(p); distinct += 1 }
        hPlugin += h
        hMM += h + (distinct - 1) / (2 * Double(n))
        if n >= 2 {
            var nll = 0.0, dis = 0.0
            for i in 0..<n {
                for j in 0..<n where j != i {
                    nll -= tables[generatorSeats[i]].logP(q, r.chain[j])
                }
            }
            for i in 0..<n {
                for j in (i + 1)..<n {
                    let fi = (q * c + r.chain[i]) * d, fj = (q * c + r.chain[j]) * d
                    var dot = 0.0, ni = 0.0, nj = 0.0
                    for t in 0..<d {
                        let x = bank.features[fi + t], y = bank.features[fj + t]
                        dot += x * y; ni += x * x; nj += y * y
                    }
                    dis += 1 - dot / (ni * nj).squareRoot()
                }
            }
            crossNLL += nll / Double(n * (n - 1))
            dissimilarity += dis / Double(n * (n - 1) / 2)
        }
        if r.rounds >= 2 {
            var wr = 0.0, rw = 0.0
            for s in 0..<n {
                let first = r.answer[s] == 0, end = r.answer[last + s] == 0
                if !first && end { wr += 1 }
                if first && !end { rw += 1 }
            }
            wrongRight += wr / Double(n); rightWrong += rw / Double(n)
        }
    }

    /// The accumulated metrics as (name, value) pairs; `accuracy.final` is included when
    /// `includeFinalAccuracy`.
    public func finish(agents n: Int, includeFinalAccuracy: Bool, into out: inout [(String, Double)]) {
        let nq = max(1, questions)
        if includeFinalAccuracy { out.append((MetricName.accuracyFinal, finalCorrect / nq)) }
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
