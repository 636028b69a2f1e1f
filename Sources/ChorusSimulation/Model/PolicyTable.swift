import Foundation

/// A model's generation policy tabulated over a range of questions: chain probabilities and
/// log-probabilities, answer and style marginals, and cumulative chain probabilities for
/// sampling by inversion. Recomputed once per distinct θ and iteration (after finetuning).
///
/// log π(c|q) = z_c − logsumexp(z), z_c = (b(q,c) + θ·φ(q,c))/τ, computed with the maximum
/// factored out: e_c = exp(z_c − max z), π(c|q) = e_c / Σe, log π(c|q) = z_c − max z − log Σe
/// (one exp per chain and one log per question). π(a|q) = Σ_{c: ans(q,c)=a} π(c|q); likewise
/// for styles. log π(a|q) is tabulated too: the critic's prior feature reads it in every debate.
/// The dot products θ·φ use four partial sums (`Dot.product`).
///
/// With `entropies`, each question's chain, answer and style entropies (nats) are tabulated:
/// H = −Σ p log p over the entries with p > 0 (`ExactMetrics` averages them over seats).
/// - Complexity: O(Q·C·d) to build.
public struct PolicyTable: Sendable {
    /// The first question tabulated.
    public let firstQuestion: Int
    /// The number of questions tabulated Q.
    public let count: Int
    /// Chains per question C.
    public let chains: Int
    /// Answers per question A.
    public let answers: Int
    /// Styles K.
    public let styles: Int
    /// π(c|q) at [(q − first)·C + c].
    public var prob: [Double]
    /// log π(c|q), same layout.
    public var logProb: [Double]
    /// Running sums of π(c|q) over c, same layout (last entry of a question ≈ 1).
    public var cumulative: [Double]
    /// π(a|q) at [(q − first)·A + a].
    public var answerProb: [Double]
    /// log π(a|q), same layout (−∞ where π(a|q) = 0).
    public var logAnswerProb: [Double]
    /// π(k|q) at [(q − first)·K + k].
    public var styleProb: [Double]
    /// (H_chain, H_answer, H_style) of question q at [(q − first)·3 + 0…2]; empty unless built
    /// with `entropies: true`.
    public var entropy: [Double]

    /// Tabulates the policy softmax((b + θ·φ)/τ) of `bank` on `questions`, with the per-question
    /// entropies when `entropies`.
    /// - Complexity: O(Q·C·d).
    public init(bank: TaskBank, theta: [Double], temperature tau: Double, questions: Range<Int>,
                entropies: Bool = false) {
        let c = bank.chains, d = bank.dimension, a = bank.answers, k = bank.styles
        firstQuestion = questions.lowerBound; count = questions.count
        chains = c; answers = a; styles = k
        prob = [Double](repeating: 0, count: count * c)
        logProb = prob
        cumulative = prob
        answerProb = [Double](repeating: 0, count: count * a)
        logAnswerProb = answerProb
        styleProb = [Double](repeating: 0, count: count * k)
        entropy = entropies ? [Double](repeating: 0, count: count * 3) : []
        var z = [Double](repeating: 0, count: c)
        bank.features.withUnsafeBufferPointer { phi in
            bank.baseLogits.withUnsafeBufferPointer { b in
                theta.withUnsafeBufferPointer { th in
                    for (row, q) in questions.enumerated() {
                        var m = -Double.infinity
                        for ci in 0..<c {
                            let idx = q * c + ci
                            let v = (b[idx] + Dot.product(th.baseAddress!, phi.baseAddress! + idx * d, d)) / tau
                            z[ci] = v
                            if v > m { m = v }
                        }
                        var s = 0.0
                        for ci in 0..<c { z[ci] -= m; let e = exp(z[ci]); prob[row * c + ci] = e; s += e }
                        let logS = log(s)
                        var run = 0.0, hc = 0.0
                        for ci in 0..<c {
                            let o = row * c + ci
                            let p = prob[o] / s, lp = z[ci] - logS
                            logProb[o] = lp; prob[o] = p
                            if p > 0 { hc -= p * lp }
                            run += p; cumulative[o] = run
                            answerProb[row * a + Int(bank.answer[q * c + ci])] += p
                            styleProb[row * k + Int(bank.style[q * c + ci])] += p
                        }
                        var ha = 0.0
                        for ai in 0..<a {
                            let p = answerProb[row * a + ai]
                            let lp = log(p)
                            logAnswerProb[row * a + ai] = lp
                            if p > 0 { ha -= p * lp }
                        }
                        if entropies {
                            var hs = 0.0
                            for si in 0..<k { let p = styleProb[row * k + si]; if p > 0 { hs -= p * log(p) } }
                            entropy[row * 3] = hc; entropy[row * 3 + 1] = ha; entropy[row * 3 + 2] = hs
                        }
                    }
                }
            }
        }
    }

    /// Draws a chain of question q by inversion of the cumulative probabilities.
    @inline(__always)
    public func sampleChain(_ q: Int, _ u: Double) -> Int {
        let o = (q - firstQuestion) * chains
        let x = u * cumulative[o + chains - 1]
        for ci in 0..<(chains - 1) where x < cumulative[o + ci] { return ci }
        return chains - 1
    }

    /// π(c|q). O(1).
    @inline(__always) public func p(_ q: Int, _ c: Int) -> Double { prob[(q - firstQuestion) * chains + c] }
    /// log π(c|q). O(1).
    @inline(__always) public func logP(_ q: Int, _ c: Int) -> Double { logProb[(q - firstQuestion) * chains + c] }
    /// π(a|q), the answer marginal. O(1).
    @inline(__always) public func pAnswer(_ q: Int, _ a: Int) -> Double { answerProb[(q - firstQuestion) * answers + a] }
    /// log π(a|q) (−∞ where π(a|q) = 0). O(1).
    @inline(__always) public func logPAnswer(_ q: Int, _ a: Int) -> Double { logAnswerProb[(q - firstQuestion) * answers + a] }
}
