import Foundation
import ChorusStats
import ChorusAnalysis

/// Runs debates one question at a time into preallocated buffers (no allocation per debate).
///
/// Round 1: generator seat n samples a chain from its model's π(c|q).
/// Round m ≥ 2: critic seat n sees its own previous answer and its peers' previous responses
/// (its *view*, see `readView`), chooses an answer a among those in view with
/// P(a) ∝ exp(w·f(a)), f(a) = ([a = own], peer share of a, evidence of a as read,
/// log π_critic(a|q)), and writes a chain for a from its own generation policy restricted to
/// chains with answer a. The final answer is the plurality vote of the last round
/// (`AnswerKernels.plurality` over the answers' labels, `TaskBank.label`: a tie goes to the
/// largest label, the one tie rule of every vote in Chorus).
public struct DebateRunner {
    /// Seats per round N.
    public let agents: Int
    /// Rounds per debate.
    public let rounds: Int
    /// Answers per question A.
    public let answers: Int
    /// answer of seat n in round m (0-based m) at [m·N + n].
    public var answer: [Int]
    /// chain of seat n in round m at [m·N + n].
    public var chain: [Int]
    /// evidence of the chosen answer as the critic read it (rounds ≥ 2; 0 in round 1).
    public var readEvidence: [Double]
    /// The final majority answer of the last debate run.
    public var final: Int = 0
    /// Critic decision of seat n in the last round: number of answers in view.
    public var viewCount: [Int]
    /// Features of each answer in view at [(n·maxView + i)·F + j].
    public var viewFeatures: [Double]
    /// Answers in view at [n·maxView + i].
    public var viewAnswers: [Int]
    /// Index (into the view) of the chosen answer of seat n.
    public var chosen: [Int]
    /// P(seat n's final answer = a | the rounds before the last) at [n·A + a]: the critic's
    /// choice probabilities over the answers in its view in the last round, or a point mass on
    /// its answer when the debate has one round. `RegimeRun` feeds them to `MajorityAccuracy`
    /// for the exact probability that the final majority is correct (a Rao–Blackwellised
    /// `accuracy.final`: the same mean as the sampled indicator, never a larger variance).
    public var finalAnswerProb: [Double]

    /// The largest number of answers a critic can have in view (N: its own and its peers').
    public var maxView: Int { agents }
    private var counts: [Int]
    private var scratchAnswers: [Int]
    private var reads: [Double]
    private var scores: [Double]

    /// A runner with buffers for debates of `agents` seats, `rounds` rounds and `answers` answers.
    public init(agents: Int, rounds: Int, answers: Int) {
        self.agents = agents; self.rounds = rounds; self.answers = answers
        answer = [Int](repeating: 0, count: rounds * agents)
        chain = answer
        readEvidence = [Double](repeating: 0, count: rounds * agents)
        viewCount = [Int](repeating: 0, count: agents)
        viewFeatures = [Double](repeating: 0, count: agents * agents * AgentModel.criticFeatureCount)
        viewAnswers = [Int](repeating: 0, count: agents * agents)
        chosen = [Int](repeating: 0, count: agents)
        finalAnswerProb = [Double](repeating: 0, count: agents * answers)
        counts = [Int](repeating: 0, count: answers)
        scratchAnswers = [Int](repeating: 0, count: agents)
        reads = [Double](repeating: 0, count: agents)
        scores = [Double](repeating: 0, count: agents)
    }

    /// Debates question q. Draws: N uniforms for round 1; then per critic the evidence-reading
    /// noise, one uniform for the answer and one for the chain; the final vote draws nothing.
    public mutating func run(_ q: Int, bank: TaskBank, society s: Society, using g: inout Xoshiro256) {
        let n = agents
        let cc = bank.chains
        for seat in 0..<n {
            let c = s.tables[s.generatorSeats[seat]].sampleChain(q, g.nextUnit())
            chain[seat] = c
            answer[seat] = Int(bank.answer[q * cc + c])
            readEvidence[seat] = 0
        }
        if rounds >= 2 {
            for m in 1..<rounds {
                for seat in 0..<n {
                    critic(seat: seat, round: m, q: q, bank: bank, society: s, using: &g)
                }
            }
        }
        if rounds == 1 {
            for ai in 0..<(n * answers) { finalAnswerProb[ai] = 0 }
            for seat in 0..<n { finalAnswerProb[seat * answers + answer[seat]] = 1 }
        }
        final = plurality(round: rounds - 1, question: q, bank: bank)
    }

    /// The plurality answer of round m (0-based) of the last debate run: the answers' labels are
    /// tallied and voted by the shared kernel (a tie to the largest label), and the winning label
    /// mapped back. Uses the runner's scratch buffers: no allocation.
    @inline(__always)
    public mutating func plurality(round m: Int, question q: Int, bank: TaskBank) -> Int {
        let first = m * agents, a = answers
        for seat in 0..<agents { scratchAnswers[seat] = Int(bank.label[q * a + answer[first + seat]]) }
        let winner = scratchAnswers.withUnsafeBufferPointer { s in
            counts.withUnsafeMutableBufferPointer { c in
                _ = AnswerKernels.tally(s, into: c)
                return AnswerKernels.plurality(UnsafeBufferPointer(c))
            }
        }
        return Int(bank.answerOfLabel[q * a + winner])
    }

    /// Builds seat `seat`'s view of round m − 1, scores the answers in view, samples one and a
    /// chain for it.
    ///
    /// Summary view: support(a) = share of the N − 1 peers answering a; evidence(a) = mean true
    /// evidence of all responses (own and peers) with answer a, plus one N(0, summaryNoise²) read.
    /// Raw view (no summary, as the official code without summarisation: the peers' full
    /// responses are pasted into the context): the critic reads its own response and the next
    /// min(contextBudget, N − 1) peers in seat order (n+1, n+2, … mod N; the official code
    /// passes up to 5); each response's evidence is read with its own N(0, σ_raw²·m) error,
    /// where m = 1 + peers read is the number of responses in the context: attention is split
    /// across m full responses, so the reading noise of each grows with the context
    /// (variance ∝ m). evidence(a) = mean of the reads of responses with answer a;
    /// support(a) = share of the read peers answering a. A summary instead reads each distinct
    /// answer's pooled evidence once with the small noise σ_summary: that, and nothing that
    /// hides peers, is what summaries buy.
    @inline(__always)
    private mutating func critic(seat: Int, round m: Int, q: Int, bank: TaskBank, society s: Society,
                                 using g: inout Xoshiro256) {
        let n = agents
        let cc = bank.chains
        let prev = (m - 1) * n
        let model = s.criticSeats[seat]
        // The four critic weights (F = AgentModel.criticFeatureCount = 4), read once.
        let w0 = s.criticWeights[model][0], w1 = s.criticWeights[model][1]
        let w2 = s.criticWeights[model][2], w3 = s.criticWeights[model][3]
        let F = AgentModel.criticFeatureCount
        let visiblePeers = s.summarize ? n - 1 : min(s.contextBudget, n - 1)
        // Distinct answers in view: own first, then peers in seat order.
        var k = 0
        let own = answer[prev + seat]
        viewAnswers[seat * n] = own; k = 1
        for j in 1...max(1, visiblePeers) where j <= visiblePeers {
            let a = answer[prev + (seat + j) % n]
            var found = false
            for i in 0..<k where viewAnswers[seat * n + i] == a { found = true; break }
            if !found { viewAnswers[seat * n + k] = a; k += 1 }
        }
        // Evidence reads (raw view: one noisy read per response).
        if !s.summarize {
            let sd = s.rawNoise * Double(visiblePeers + 1).squareRoot()
            for j in 0...visiblePeers {
                let r = (seat + j) % n
                reads[j] = bank.evidence[q * cc + chain[prev + r]] + sd * g.nextGaussian()
            }
        }
        var maxScore = -Double.infinity
        for i in 0..<k {
            let a = viewAnswers[seat * n + i]
            var support = 0.0, evSum = 0.0, evCount = 0.0
            for j in 0...visiblePeers {
                let r = (seat + j) % n
                guard answer[prev + r] == a else { continue }
                if j > 0 { support += 1 }
                evSum += s.summarize ? bank.evidence[q * cc + chain[prev + r]] : reads[j]
                evCount += 1
            }
            var ev = evSum / evCount
            if s.summarize { ev += s.summaryNoise * g.nextGaussian() }
            let share = visiblePeers > 0 ? support / Double(visiblePeers) : 0
            let pa = s.tables[model].pAnswer(q, a)
            let logPrior = pa > 1e-300 ? s.tables[model].logPAnswer(q, a) : -690.0
            let o = (seat * n + i) * F
            viewFeatures[o] = a == own ? 1 : 0
            viewFeatures[o + 1] = share
            viewFeatures[o + 2] = ev
            viewFeatures[o + 3] = logPrior
            let sc = w0 * viewFeatures[o] + w1 * viewFeatures[o + 1]
                + w2 * viewFeatures[o + 2] + w3 * viewFeatures[o + 3]
            scores[i] = sc
            if sc > maxScore { maxScore = sc }
        }
        var total = 0.0
        for i in 0..<k { scores[i] = exp(scores[i] - maxScore); total += scores[i] }
        if m == rounds - 1 {
            let row = seat * answers
            for ai in 0..<answers { finalAnswerProb[row + ai] = 0 }
            for i in 0..<k { finalAnswerProb[row + viewAnswers[seat * n + i]] = scores[i] / total }
        }
        var x = g.nextUnit() * total
        var pick = k - 1
        for i in 0..<k { x -= scores[i]; if x < 0 { pick = i; break } }
        let a = viewAnswers[seat * n + pick]
        viewCount[seat] = k
        chosen[seat] = pick
        // A chain for answer a from the critic's own policy restricted to chains with answer a.
        let pa = s.tables[model].pAnswer(q, a)
        var y = g.nextUnit() * pa
        var c = -1, lastMatch = 0
        for ci in 0..<cc where Int(bank.answer[q * cc + ci]) == a {
            lastMatch = ci
            y -= s.tables[model].p(q, ci)
            if y < 0 { c = ci; break }
        }
        if c < 0 { c = lastMatch }
        let cur = m * n + seat
        answer[cur] = a
        chain[cur] = c
        readEvidence[cur] = viewFeatures[(seat * n + pick) * F + 2]
    }
}
