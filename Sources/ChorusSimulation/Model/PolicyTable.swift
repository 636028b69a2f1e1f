import Foundation

/// A model's generation policy tabulated over a range of questions: chain probabilities and
/// log-probabilities, answer and style marginals, and cumulative chain probabilities for
/// sampling by inversion. Recomputed once per model and iteration (after finetuning).
///
/// log π(c|q) = z_c − logsumexp(z), z_c = (b(q,c) + θ·φ(q,c))/τ, computed with the maximum
/// factored out. π(a|q) = Σ_{c: ans(q,c)=a} π(c|q); likewise for styles.
/// - Complexity: O(Q·C·d) to build.
public struct PolicyTable: Sendable {
    public let firstQuestion: Int
    public let count: Int
    public let chains: Int
    public let answers: Int
    public let styles: Int
    /// π(c|q) at [(q − first)·C + c].
    public var prob: [Double]
    /// log π(c|q), same layout.
    public var logProb: [Double]
    /// Running sums of π(c|q) over c, same layout (last entry of a question ≈ 1).
    public var cumulative: [Double]
    /// π(a|q) at [(q − first)·A + a].
    public var answerProb: [Double]
    /// π(k|q) at [(q − first)·K + k].
    public var styleProb: [Double]

    public init(bank: TaskBank, theta: [Double], temperature tau: Double, questions: Range<Int>) {
        let c = bank.chains, d = bank.dimension, a = bank.answers, k = bank.styles
        firstQuestion = questions.lowerBound; count = questions.count
        chains = c; answers = a; styles = k
        prob = [Double](repeating: 0, count: count * c)
        logProb = prob
        cumulative = prob
        answerProb = [Double](repeating: 0, count: count * a)
        styleProb = [Double](repeating: 0, count: count * k)
        var z = [Double](repeating: 0, count: c)
        bank.features.withUnsafeBufferPointer { phi in
            bank.baseLogits.withUnsafeBufferPointer { b in
                theta.withUnsafeBufferPointer { th in
                    for (row, q) in questions.enumerated() {
                        var m = -Double.infinity
                        for ci in 0..<c {
                            let idx = q * c + ci
                            var dot = 0.0
                            let f = idx * d
                            for j in 0..<d { dot += th[j] * phi[f + j] }
                            let v = (b[idx] + dot) / tau
                            z[ci] = v
                            if v > m { m = v }
                        }
                        var s = 0.0
                        for ci in 0..<c { s += exp(z[ci] - m) }
                        let lse = m + log(s)
                        var run = 0.0
                        for ci in 0..<c {
                            let lp = z[ci] - lse
                            let p = exp(lp)
                            let o = row * c + ci
                            logProb[o] = lp; prob[o] = p
                            run += p; cumulative[o] = run
                            answerProb[row * a + Int(bank.answer[q * c + ci])] += p
                            styleProb[row * k + Int(bank.style[q * c + ci])] += p
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

    @inline(__always) public func p(_ q: Int, _ c: Int) -> Double { prob[(q - firstQuestion) * chains + c] }
    @inline(__always) public func logP(_ q: Int, _ c: Int) -> Double { logProb[(q - firstQuestion) * chains + c] }
    @inline(__always) public func pAnswer(_ q: Int, _ a: Int) -> Double { answerProb[(q - firstQuestion) * answers + a] }
}
