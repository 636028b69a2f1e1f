import Foundation
import ChorusStats

/// The questions, their candidate reasoning chains and everything a chain carries
/// (DESIGN §2 "Task bank"), stored as flat struct-of-arrays for speed.
///
/// Question q ∈ 0..<Q (train questions first, then test questions); chain c ∈ 0..<C;
/// answer a ∈ 0..<A with a = 0 the correct answer and 1…W the recurring wrong ones.
///
/// Construction (all draws from one `SeedStream`):
/// - chain c has style k(c) = c mod K (each style owns C/K chains of every question);
/// - style competence: l(q,k) = (g_q + h·ε_{q,k}) / √(1 + h²) with g, ε ~ N(0,1) and
///   h = `styleHeterogeneity`, so two styles' competences correlate with ρ = 1/(1 + h²):
///   h = 0 makes styles interchangeable, large h makes their errors independent; chains of one
///   style share l(q,k), so its errors are correlated;
/// - chain c is correct iff l(q,k(c)) + ν·η_c > 0 (ν = `chainSlip`, η ~ N(0,1));
/// - a wrong chain gives its style's preferred wrong answer with probability `styleLoyalty`,
///   otherwise one drawn from the question's wrong-answer popularity (weights 2^−j over a
///   random order of the W wrong answers): errors are systematic and recur;
/// - features φ(q,c) = μ_{k(c)} + σ_φ·ξ + λ·u·[correct], with style centres μ_k ~ N(0, I_d),
///   noise ξ ~ N(0, I_d), σ_φ = `featureNoise`, a unit "soundness" direction u, and
///   λ = `learnability`;
/// - evidence e(q,c) = v·[correct] + N(0,1) with v = `verifiability`;
/// - base logits b(q,c) = s·(α_{q,k(c)} + β_{q,c})/√2 + δ·[correct], α, β ~ N(0,1),
///   s = `baseLogitScale`, and δ solved by bisection so that the base model's mean round-1
///   accuracy over all questions equals `baseAccuracy` (or comes as close as the bank allows).
public struct TaskBank: Sendable {
    public let trainCount: Int
    public let testCount: Int
    public var questionCount: Int { trainCount + testCount }
    /// Chains per question C.
    public let chains: Int
    /// Answers per question A = wrong answers + 1 (answer 0 is correct).
    public let answers: Int
    /// Styles K.
    public let styles: Int
    /// Feature dimension d.
    public let dimension: Int

    /// ans(q, c) at [q·C + c].
    public let answer: [Int32]
    /// k(q, c) at [q·C + c].
    public let style: [Int32]
    /// φ(q, c) at [(q·C + c)·d ..< (q·C + c + 1)·d].
    public let features: [Double]
    /// e(q, c) at [q·C + c].
    public let evidence: [Double]
    /// b(q, c) at [q·C + c] (the correctness offset δ included).
    public let baseLogits: [Double]
    /// Style centres μ_k at [k·d ..< (k+1)·d].
    public let styleCentres: [Double]
    /// The unit soundness direction u.
    public let soundness: [Double]
    /// The base-logit offset δ of correct chains found by calibration.
    public let correctOffset: Double

    /// Index of the first test question.
    public var testStart: Int { trainCount }

    /// Chain-level noise ν of correctness within a style.
    public static let chainSlip = 0.35
    /// Probability that a wrong chain gives its style's preferred wrong answer.
    public static let styleLoyalty = 0.75
    /// Standard deviation σ_φ of a chain's feature noise around its style centre.
    public static let featureNoise = 0.5

    /// Builds a bank from the task parameters and a stream.
    /// - Complexity: O(Q·C·d) draws plus O(60·Q·C) for the calibration of δ.
    public init(parameters p: TaskBankParameters, temperature tau: Double, stream: SeedStream) {
        let q = p.trainQuestions + p.testQuestions
        let c = p.chainsPerQuestion, a = p.wrongAnswers + 1, k = p.styles, d = p.featureDimension
        trainCount = p.trainQuestions; testCount = p.testQuestions
        chains = c; answers = a; styles = k; dimension = d

        var g = stream.child("geometry").generator()
        var centres = [Double](repeating: 0, count: k * d)
        for i in 0..<(k * d) { centres[i] = g.nextGaussian() }
        var u = [Double](repeating: 0, count: d)
        var norm = 0.0
        for i in 0..<d { u[i] = g.nextGaussian(); norm += u[i] * u[i] }
        norm = norm.squareRoot()
        for i in 0..<d { u[i] /= norm }

        var ans = [Int32](repeating: 0, count: q * c)
        var sty = [Int32](repeating: 0, count: q * c)
        var phi = [Double](repeating: 0, count: q * c * d)
        var ev = [Double](repeating: 0, count: q * c)
        var b0 = [Double](repeating: 0, count: q * c)
        var correct = [Bool](repeating: false, count: q * c)

        let h = p.styleHeterogeneity
        let norm2 = (1 + h * h).squareRoot()
        var gq = stream.child("questions").generator()
        var competence = [Double](repeating: 0, count: k)
        var preferredWrong = [Int](repeating: 1, count: k)
        var styleEffect = [Double](repeating: 0, count: k)
        var popularity = [Double](repeating: 0, count: max(1, a - 1))
        var order = Array(1..<max(2, a))
        for qi in 0..<q {
            let difficulty = gq.nextGaussian()
            for s in 0..<k {
                competence[s] = (difficulty + h * gq.nextGaussian()) / norm2
                styleEffect[s] = gq.nextGaussian()
            }
            // Wrong-answer popularity: weights 2^-j over a random order of the wrong answers.
            if a > 1 {
                for i in stride(from: order.count - 1, to: 0, by: -1) {
                    let j = gq.nextInt(below: i + 1); order.swapAt(i, j)
                }
                var total = 0.0
                for j in 0..<(a - 1) { popularity[j] = pow(0.5, Double(j)); total += popularity[j] }
                for j in 0..<(a - 1) { popularity[j] /= total }
                for s in 0..<k { preferredWrong[s] = TaskBank.drawWrong(popularity, order, &gq) }
            }
            for ci in 0..<c {
                let idx = qi * c + ci
                let s = ci % k
                sty[idx] = Int32(s)
                let isCorrect = competence[s] + TaskBank.chainSlip * gq.nextGaussian() > 0 || a == 1
                correct[idx] = isCorrect
                if isCorrect {
                    ans[idx] = 0
                } else {
                    ans[idx] = Int32(gq.nextUnit() < TaskBank.styleLoyalty
                        ? preferredWrong[s] : TaskBank.drawWrong(popularity, order, &gq))
                }
                let f = idx * d
                for j in 0..<d {
                    phi[f + j] = centres[s * d + j] + TaskBank.featureNoise * gq.nextGaussian()
                        + (isCorrect ? p.learnability * u[j] : 0)
                }
                ev[idx] = (isCorrect ? p.verifiability : 0) + gq.nextGaussian()
                b0[idx] = p.baseLogitScale * (styleEffect[s] + gq.nextGaussian()) / 2.0.squareRoot()
            }
        }
        let delta = TaskBank.calibrateOffset(b0: b0, correct: correct, questions: q, chains: c,
                                             temperature: tau, target: p.baseAccuracy)
        for i in 0..<(q * c) where correct[i] { b0[i] += delta }

        answer = ans; style = sty; features = phi; evidence = ev; baseLogits = b0
        styleCentres = centres; soundness = u; correctOffset = delta
    }

    @inline(__always)
    private static func drawWrong(_ popularity: [Double], _ order: [Int], _ g: inout Xoshiro256) -> Int {
        var x = g.nextUnit()
        for j in 0..<popularity.count {
            x -= popularity[j]
            if x < 0 { return order[j] }
        }
        return order[popularity.count - 1]
    }

    /// The offset δ with mean_q Σ_{c correct} softmax((b + δ·[correct])/τ)_c = target, by
    /// bisection on [−30, 30] (accuracy is increasing in δ); clamps to the interval's end when
    /// the target lies outside what the bank can reach.
    static func calibrateOffset(b0: [Double], correct: [Bool], questions q: Int, chains c: Int,
                                temperature tau: Double, target: Double) -> Double {
        func accuracy(_ delta: Double) -> Double {
            var total = 0.0
            for qi in 0..<q {
                var m = -Double.infinity
                for ci in 0..<c {
                    let z = (b0[qi * c + ci] + (correct[qi * c + ci] ? delta : 0)) / tau
                    if z > m { m = z }
                }
                var s = 0.0, sc = 0.0
                for ci in 0..<c {
                    let e = exp((b0[qi * c + ci] + (correct[qi * c + ci] ? delta : 0)) / tau - m)
                    s += e
                    if correct[qi * c + ci] { sc += e }
                }
                total += sc / s
            }
            return total / Double(max(1, q))
        }
        var lo = -30.0, hi = 30.0
        for _ in 0..<60 {
            let mid = (lo + hi) / 2
            if accuracy(mid) < target { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }

    /// Whether chain c of question q is correct.
    @inline(__always) public func isCorrect(_ q: Int, _ c: Int) -> Bool { answer[q * chains + c] == 0 }
}
