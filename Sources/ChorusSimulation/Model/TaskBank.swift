import Foundation
import ChorusStats

/// The questions, their candidate reasoning chains and everything a chain carries
/// (docs/model.md §1), stored as flat struct-of-arrays for speed.
///
/// Question q ∈ 0..<Q (train questions first, then test questions); chain c ∈ 0..<C;
/// answer a ∈ 0..<A with a = 0 the correct answer and 1…W the recurring wrong ones.
///
/// Construction (all draws from one `SeedStream`):
/// - chain c has style k(c) = c mod K (each style owns C/K chains of every question);
/// - style competence: l(q,k) = m₀ + (g_q + h·ε_{q,k}) / √(1 + h²) with g, ε ~ N(0,1) and
///   h = `styleHeterogeneity`, so two styles' competences correlate with ρ = 1/(1 + h²):
///   h = 0 makes styles interchangeable, large h makes their errors independent; chains of one
///   style share l(q,k), so its errors are correlated;
/// - chain c is correct iff l(q,k(c)) + ν·η_c > 0 (ν = `chainSlip`, η ~ N(0,1)), so
///   P(correct) = Φ(m₀ / √(1 + ν²)); the offset m₀ = √(1 + ν²)·Φ⁻¹(`baseAccuracy`) makes the
///   expected share of correct chains equal `baseAccuracy` (closed form, GSL's normal quantile);
/// - a wrong chain gives its style's preferred wrong answer with probability `styleLoyalty`,
///   otherwise one drawn from the question's wrong-answer popularity (weights 2^−j over a
///   random order of the W wrong answers): errors are systematic and recur;
/// - features φ(q,c) = μ_{k(c)} + σ_φ·ξ + λ·u·[correct], with style centres μ_k ~ N(0, I_d),
///   noise ξ ~ N(0, I_d), σ_φ = `featureNoise`, a unit "soundness" direction u, and
///   λ = `learnability`;
/// - evidence e(q,c) = v·[correct] + N(0,1) with v = `verifiability`;
/// - base logits b(q,c) = s·(α_{q,k(c)} + β_{q,c})/√2, α, β ~ N(0,1), s = `baseLogitScale`,
///   drawn independently of correctness.
///
/// **No drift artefact.** Everything a correctness-blind process can see of a chain — its base
/// logit, style, feature centre and noise, evidence noise — is drawn independently of whether it
/// is correct, and correctness is exchangeable across the chains of a question. So for any
/// policy π that is a function of those quantities only (the base model at any temperature, any
/// sharpening, tempering or reshuffling of it, any θ orthogonal to u), the expected accuracy is
/// E[Σ_c π(c|q)·[correct]] = Σ_c π(c|q)·P(correct) = `baseAccuracy`. Accuracy can move only
/// through a correctness signal: the soundness direction (λ), the evidence (v) and the
/// agreement of chains on the one correct answer (docs/model.md §1 has the proof; `TaskBankTests`
/// checks it by enumeration and by Monte Carlo). An earlier bank reached its base accuracy by a
/// base-logit offset against correct chains, which let any sharpening drift accuracy towards
/// the share of correct chains.
///
/// **Placebo bank** (`placebo: true`): the same draws, with every correctness signal removed —
/// every chain's answer comes from the wrong-answer process over all A answers (so the correct
/// answer 0 is exchangeable with the others), features carry no soundness component and
/// evidence no gap. Every policy then has expected accuracy exactly 1/A, before and after any
/// amount of training: a regime that "gains" there gains from an artefact.
public struct TaskBank: Sendable {
    /// Training questions (indices 0..<trainCount).
    public let trainCount: Int
    /// Held-out test questions (indices trainCount..<questionCount).
    public let testCount: Int
    /// All questions.
    public var questionCount: Int { trainCount + testCount }
    /// Chains per question C.
    public let chains: Int
    /// Answers per question A = wrong answers + 1 (answer 0 is correct).
    public let answers: Int
    /// Styles K.
    public let styles: Int
    /// Feature dimension d.
    public let dimension: Int
    /// Whether this is a placebo bank (no correctness signal anywhere).
    public let placebo: Bool

    /// ans(q, c) at [q·C + c].
    public let answer: [Int32]
    /// k(q, c) at [q·C + c].
    public let style: [Int32]
    /// φ(q, c) at [(q·C + c)·d ..< (q·C + c + 1)·d].
    public let features: [Double]
    /// e(q, c) at [q·C + c].
    public let evidence: [Double]
    /// b(q, c) at [q·C + c], independent of correctness.
    public let baseLogits: [Double]
    /// Style centres μ_k at [k·d ..< (k+1)·d].
    public let styleCentres: [Double]
    /// The unit soundness direction u.
    public let soundness: [Double]
    /// The competence offset m₀ = √(1 + ν²)·Φ⁻¹(base accuracy).
    public let competenceOffset: Double
    /// The label of answer a of question q at [q·A + a]: a uniformly random permutation of
    /// 0..<A per question, drawn from the bank's own stream (`"labels"`), the same in a seed's
    /// real and placebo banks. Labels are what a log would show as answer strings: transcripts
    /// write answer a as `answerLabel(q, a)`, and the vote's one tie rule (`AnswerKernels`: a
    /// tie goes to the largest label) reads them, so that given the bank ties are decided as in
    /// a log, and over banks a tie among k answers goes to the correct one with probability 1/k.
    public let label: [Int32]
    /// The answer with label l of question q at [q·A + l] (the inverse permutation).
    public let answerOfLabel: [Int32]

    /// Index of the first test question.
    public var testStart: Int { trainCount }

    /// Chain-level noise ν of correctness within a style.
    public static let chainSlip = 0.35
    /// Probability that a wrong chain gives its style's preferred wrong answer.
    public static let styleLoyalty = 0.75
    /// Standard deviation σ_φ of a chain's feature noise around its style centre.
    public static let featureNoise = 0.5

    /// m₀ such that P(l + ν·η > 0) = p for l ~ N(m₀, 1), η ~ N(0, 1): m₀ = √(1 + ν²)·Φ⁻¹(p).
    public static func competenceOffset(baseAccuracy p: Double) -> Double {
        (1 + chainSlip * chainSlip).squareRoot() * CDF.normalQuantile(p)
    }

    /// Builds a bank from the task parameters and a stream. A placebo bank makes exactly the
    /// same draws, so it shares styles, base logits, feature noise and evidence noise with the
    /// real bank of the same stream (common random numbers).
    /// - Complexity: O(Q·C·d).
    public init(parameters p: TaskBankParameters, placebo: Bool = false, stream: SeedStream) {
        let q = p.trainQuestions + p.testQuestions
        let c = p.chainsPerQuestion, a = p.wrongAnswers + 1, k = p.styles, d = p.featureDimension
        trainCount = p.trainQuestions; testCount = p.testQuestions
        chains = c; answers = a; styles = k; dimension = d
        self.placebo = placebo
        let m0 = TaskBank.competenceOffset(baseAccuracy: p.baseAccuracy)

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

        let h = p.styleHeterogeneity
        let norm2 = (1 + h * h).squareRoot()
        let lambda = placebo ? 0 : p.learnability
        let v = placebo ? 0 : p.verifiability
        var gq = stream.child("questions").generator()
        var competence = [Double](repeating: 0, count: k)
        var styleEffect = [Double](repeating: 0, count: k)
        // Wrong-answer process: the real bank spreads wrong chains over answers 1…W; the placebo
        // spreads every chain over all answers 0…W.
        let first = placebo ? 0 : 1
        let pool = a - first
        var preferred = [Int](repeating: first, count: k)
        var popularity = [Double](repeating: 0, count: max(1, pool))
        // The shuffle runs over all A answers in both banks (the same draws); the real bank
        // then drops answer 0 from the order.
        var fullOrder = Array(0..<a)
        var order = Array(first..<max(first + 1, a))
        for j in 0..<max(1, pool) { popularity[j] = pow(0.5, Double(j)) }
        let popTotal = popularity.reduce(0, +)
        for j in popularity.indices { popularity[j] /= popTotal }
        for qi in 0..<q {
            let difficulty = gq.nextGaussian()
            for s in 0..<k {
                competence[s] = m0 + (difficulty + h * gq.nextGaussian()) / norm2
                styleEffect[s] = gq.nextGaussian()
            }
            if pool >= 1 {
                for i in stride(from: fullOrder.count - 1, to: 0, by: -1) {
                    let j = gq.nextInt(below: i + 1); fullOrder.swapAt(i, j)
                }
                var o = 0
                for x in fullOrder where x >= first { order[o] = x; o += 1 }
                for s in 0..<k { preferred[s] = TaskBank.drawWrong(popularity, order, &gq) }
            }
            for ci in 0..<c {
                let idx = qi * c + ci
                let s = ci % k
                sty[idx] = Int32(s)
                let isCorrect = competence[s] + TaskBank.chainSlip * gq.nextGaussian() > 0 || a == 1
                let loyal = gq.nextUnit() < TaskBank.styleLoyalty
                let other = TaskBank.drawWrong(popularity, order, &gq)
                if placebo {
                    ans[idx] = Int32(loyal ? preferred[s] : other)
                } else {
                    ans[idx] = isCorrect ? 0 : Int32(loyal ? preferred[s] : other)
                }
                let f = idx * d
                for j in 0..<d {
                    phi[f + j] = centres[s * d + j] + TaskBank.featureNoise * gq.nextGaussian()
                        + (isCorrect ? lambda * u[j] : 0)
                }
                ev[idx] = (isCorrect ? v : 0) + gq.nextGaussian()
                b0[idx] = p.baseLogitScale * (styleEffect[s] + gq.nextGaussian()) / 2.0.squareRoot()
            }
        }
        answer = ans; style = sty; features = phi; evidence = ev; baseLogits = b0
        styleCentres = centres; soundness = u; competenceOffset = m0
        var gl = stream.child("labels").generator()
        var lab = [Int32](repeating: 0, count: q * a), inv = [Int32](repeating: 0, count: q * a)
        var perm = Array(0..<a)
        for qi in 0..<q {
            for i in 0..<a { perm[i] = i }
            for i in stride(from: a - 1, to: 0, by: -1) { perm.swapAt(i, gl.nextInt(below: i + 1)) }
            for ai in 0..<a { lab[qi * a + ai] = Int32(perm[ai]); inv[qi * a + perm[ai]] = Int32(ai) }
        }
        label = lab; answerOfLabel = inv
    }

    /// The labels of question q's answers (`label[q·A ..< (q+1)·A]`).
    @inline(__always) public func labels(of q: Int) -> ArraySlice<Int32> { label[(q * answers)..<((q + 1) * answers)] }

    /// Answer a of question q as a transcript writes it: "A" and its label, zero-padded to the
    /// width of the largest label, so that string order is label order (and the analysis's
    /// `AnswerCoding` gives back the labels' order).
    public func answerLabel(_ q: Int, _ a: Int) -> String {
        let width = String(answers - 1).count
        let l = String(label[q * answers + a])
        return "A" + String(repeating: "0", count: width - l.count) + l
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

    /// Whether chain c of question q is correct.
    @inline(__always) public func isCorrect(_ q: Int, _ c: Int) -> Bool { answer[q * chains + c] == 0 }
}
