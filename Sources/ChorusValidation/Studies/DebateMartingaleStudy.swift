import Foundation
import ChorusStats
import ChorusRecords
import ChorusAnalysis

/// Study 4: debate as a martingale (Choi, Zhu, Li, "Debate or Vote: Which Yields Better
/// Decisions in Multi-Agent Large Language Models?", arXiv 2508.17536, 2025).
///
/// m agents hold Dirichlet beliefs α_i over K answers (answer 0 correct), all with the same
/// concentration α_0 = Σ_k α_ik. In each round every agent answers y_i ∼ α_i/α_0, then updates.
/// The expected correctness of the society is E_t = mean_i α_i0/α_0 (the chance that a random
/// agent's next answer is right).
/// - *Symmetric* update (each agent adds one count for each peer's answer): for every agent
///   E[α'_i0/α'_0] = (α_0 p_i0 + Σ_{j≠i} p_j0)/(α_0 + m − 1), whose mean over i is p̄_0: E_t is a
///   martingale, so E[E_t] = E_0 for all t. Checked for every round within 4 standard errors
///   of the paired difference E_t − E_0 over debates, for m = 3 and 5.
/// - *Asymmetric* updates are nonlinear in the answers and move E_t: "conformity" (add m − 1
///   counts to the round's majority answer) and "consensus-filtered own data" (add one count to
///   your own answer only when it agrees with the majority, the generator-data rule of
///   Subramaniam et al. 2025). Both feed the majority answer, which is more often the correct
///   one here (μ₀ = 0.4 is the largest), so E_t must *rise*: checked by its sign,
///   E_T − E_0 > 4 standard errors.
/// - *Per-agent* one-round law of the symmetric update, from fixed unequal beliefs:
///   E[α'_i0/α'_0] = (α_0 p_i0 + Σ_{j≠i} p_j0)/(α_0 + m − 1) for agent i, within 4 SE.
/// - *Mutants* that the checks must catch: a self-inclusive update (each agent also counts its
///   own answer: still a martingale for the society, but the per-agent law is wrong) and
///   anti-conformity (counts go to the round's least-chosen answer: E_t moves the wrong way).
///   A mutant check passes when the corresponding check fails on the mutant.
/// Reported beside them: the majority-vote accuracy per round, which can rise under debate even
/// when E_t cannot.
public enum DebateMartingaleStudy {
    /// How an agent updates its Dirichlet belief on its peers' answers (the rules above).
    public enum Update: String, CaseIterable, Sendable {
        /// The rules under test: symmetric (a martingale), conformity, and training on consensus-agreeing own data.
        case symmetric, conformity, consensusOwnData = "consensus-own-data"
        /// Mutants (wrong implementations the checks must detect).
        case selfInclusive = "mutant-self-inclusive", antiConformity = "mutant-anti-conformity"
        static var real: [Update] { [.symmetric, .conformity, .consensusOwnData] }
    }

    static let mu = [0.4, 0.3, 0.2, 0.1]
    static let alpha0 = 4.0

    /// One debate: E_t and the majority-vote correctness per round t = 0...rounds.
    static func debate(m: Int, rounds: Int, update: Update, g: inout Xoshiro256) throws -> (belief: [Double], majority: [Double]) {
        var alpha = try (0..<m).map { _ in try Sample.dirichlet(mu.map { $0 * 10 }, using: &g).map { $0 * alpha0 } }
        var belief: [Double] = [], majority: [Double] = []
        // The answers' labels in this debate: a random permutation, voted by the shared kernel
        // (a tie to the largest label), as the simulator labels a question's answers, so that
        // ties favour no answer in expectation.
        let k = alpha[0].count
        var label = Array(0..<k)
        for i in stride(from: k - 1, to: 0, by: -1) { label.swapAt(i, g.nextInt(below: i + 1)) }
        var answerOf = label
        for a in 0..<k { answerOf[label[a]] = a }
        func record() { belief.append(alpha.reduce(0) { $0 + $1[0] / $1.reduce(0, +) } / Double(m)) }
        record()
        majority.append(.nan)
        for _ in 0..<rounds {
            let answers = alpha.map { a -> Int in
                let tot = a.reduce(0, +); let u = g.nextUnit() * tot; var acc = 0.0
                for k in a.indices { acc += a[k]; if u < acc { return k } }
                return a.count - 1
            }
            let maj = answerOf[AnswerKernels.plurality(answers.map { label[$0] }, alphabet: k)]
            majority.append(maj == 0 ? 1 : 0)
            for i in 0..<m {
                switch update {
                case .symmetric:
                    for j in 0..<m where j != i { alpha[i][answers[j]] += 1 }
                case .conformity:
                    alpha[i][maj] += Double(m - 1)
                case .consensusOwnData:
                    if answers[i] == maj { alpha[i][maj] += 1 }
                case .selfInclusive:
                    for j in 0..<m { alpha[i][answers[j]] += 1 }
                case .antiConformity:
                    var counts = [Int](repeating: 0, count: alpha[i].count)
                    for y in answers { counts[y] += 1 }
                    let least = counts.indices.min { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 < $1) }!
                    alpha[i][least] += Double(m - 1)
                }
            }
            record()
        }
        return (belief, majority)
    }

    /// Runs study 4: its table, figure data, checks and summary.
    public static func run(_ o: ValidationOptions) throws -> StudyResult {
        var r = StudyResult(number: 4, title: "Debate as a martingale")
        let root = SeedStream(seed: o.seed).child("study4")
        let reps = o.quick ? 4000 : 20000, rounds = 8
        var table = TidyTable(columns: ["agents", "update", "round", "expected_correctness", "se_change_from_round0", "majority_accuracy"])
        var curves = StudyCurves("study4_debate_martingale", study: 4, options: o)
        r.summary.append("agents  update               E_0      E_\(rounds)     E_\(rounds) − E_0 (SE)       majority acc. round 1 → \(rounds)")
        for m in [3, 5] {
            for u in Update.real where m == 3 || u == .symmetric {
                let runs = try Parallel.map(count: reps, threads: o.threads) { i -> ([Double], [Double])? in
                    var g = root.child(UInt64(m)).child(u.rawValue).child(UInt64(i)).generator()
                    return try? debate(m: m, rounds: rounds, update: u, g: &g)
                }.map { (x: ([Double], [Double])?) -> ([Double], [Double]) in
                    guard let x else { throw AnalysisError.numerical("Dirichlet sampler failed") }
                    return x
                }
                var means: [Double] = [], lo: [Double] = [], hi: [Double] = []
                for t in 0...rounds {
                    let e = meanSE(runs.map { $0.0[t] })
                    let d = meanSE(runs.map { $0.0[t] - $0.0[0] })
                    let maj = t == 0 ? Double.nan : meanSE(runs.map { $0.1[t] }).mean
                    table.append([String(m), u.rawValue, String(t), TidyTable.format(e.mean), TidyTable.format(d.se), TidyTable.format(maj)])
                    means.append(e.mean); lo.append(e.mean - 1.96 * e.se); hi.append(e.mean + 1.96 * e.se)
                    if u == .symmetric && t > 0 {
                        r.checks.append(.analytic(4, "symmetric debate, m=\(m): E[correctness] at round \(t) = round 0", measured: e.mean, expected: means[0],
                                                  tolerance: 4 * d.se, detail: "\(reps) debates; 4 SE of the paired change"))
                    }
                    if u != .symmetric && t == rounds {
                        r.checks.append(.direction(4, "\(u.rawValue) update, m=\(m): E[correctness] rises by round \(t) (towards the majority answer)",
                                                   measured: d.mean, reference: 0, margin: 4 * d.se,
                                                   detail: "change \(fmt(d.mean)); \(reps) debates; 4 SE"))
                    }
                }
                let d = meanSE(runs.map { $0.0[rounds] - $0.0[0] })
                let maj1 = meanSE(runs.map { $0.1[1] }).mean, majT = meanSE(runs.map { $0.1[rounds] }).mean
                r.summary.append("\(String(m).padding(toLength: 8, withPad: " ", startingAt: 0))\(u.rawValue.padding(toLength: 21, withPad: " ", startingAt: 0))\(fmt(means[0]).padding(toLength: 9, withPad: " ", startingAt: 0))\(fmt(means[rounds]).padding(toLength: 9, withPad: " ", startingAt: 0))\((fmt(d.mean) + " (" + fmt(d.se, 2) + ")").padding(toLength: 24, withPad: " ", startingAt: 0))\(fmt(maj1, 3)) → \(fmt(majT, 3))")
                let xs = (0...rounds).map(Double.init)
                curves.add(panel: "Dirichlet-belief agents (\(reps) debates, 95% band)", series: "\(u.rawValue), m = \(m)",
                           x: xs, y: means, lower: lo, upper: hi, replicates: reps)
            }
        }
        try mutants(o, root: root, reps: reps, into: &r)
        r.tables.append(("study4_debate_martingale.csv", table))
        r.curves.append(curves)
        return r
    }

    /// Agent 0's expected belief after one round from fixed unequal beliefs, measured and by the
    /// symmetric update's law.
    static func oneRound(_ update: Update, reps: Int, root: SeedStream, threads: Int?) -> (measured: Double, se: Double, law: Double) {
        let start: [[Double]] = [[2.4, 0.8, 0.4, 0.4], [0.4, 2.0, 1.2, 0.4], [1.2, 1.2, 0.8, 0.8]]
        let m = start.count
        let p = start.map { $0[0] / $0.reduce(0, +) }
        let law = (alpha0 * p[0] + p[1] + p[2]) / (alpha0 + Double(m - 1))
        let values = Parallel.map(count: reps, threads: threads) { i -> Double in
            var g = root.child("one-round").child(update.rawValue).child(UInt64(i)).generator()
            var alpha = start
            let answers = alpha.map { a -> Int in
                let u = g.nextUnit() * a.reduce(0, +); var acc = 0.0
                for k in a.indices { acc += a[k]; if u < acc { return k } }
                return a.count - 1
            }
            for j in 0..<m where update == .selfInclusive || j != 0 { alpha[0][answers[j]] += 1 }
            return alpha[0][0] / alpha[0].reduce(0, +)
        }
        let s = meanSE(values)
        return (s.mean, s.se, law)
    }

    /// The per-agent law for the symmetric update, and the mutants each check must catch.
    static func mutants(_ o: ValidationOptions, root: SeedStream, reps: Int, into r: inout StudyResult) throws {
        let sym = oneRound(.symmetric, reps: reps * 4, root: root, threads: o.threads)
        r.checks.append(.analytic(4, "symmetric update: agent 0's one-round expected belief follows the per-agent law",
                                  measured: sym.measured, expected: sym.law, tolerance: 4 * sym.se,
                                  detail: "\(reps * 4) rounds from fixed unequal beliefs; 4 SE"))
        let mut = oneRound(.selfInclusive, reps: reps * 4, root: root, threads: o.threads)
        let caught = abs(mut.measured - mut.law) > 4 * mut.se
        r.checks.append(Check(study: 4, name: "mutant (self-inclusive update) is caught by the per-agent law", kind: .direction,
                              measured: abs(mut.measured - mut.law), expected: 0, tolerance: 4 * mut.se, passed: caught,
                              detail: "the mutant's agent-0 belief \(fmt(mut.measured)) vs the law \(fmt(mut.law)); must differ by > 4 SE"))
        let runs = try (0..<reps).map { i -> [Double] in
            var g = root.child("anti").child(UInt64(i)).generator()
            return try debate(m: 3, rounds: 8, update: .antiConformity, g: &g).belief
        }
        let d = meanSE(runs.map { $0[8] - $0[0] })
        let rises = d.mean > 4 * d.se
        r.checks.append(Check(study: 4, name: "mutant (anti-conformity) fails the 'E[correctness] rises' check", kind: .direction,
                              measured: d.mean, expected: 0, tolerance: 4 * d.se, passed: !rises,
                              detail: "the mutant's change \(fmt(d.mean)) must not exceed 4 SE"))
        r.summary.append("per-agent law: symmetric \(fmt(sym.measured)) vs \(fmt(sym.law)); self-inclusive mutant \(fmt(mut.measured)); anti-conformity change \(fmt(d.mean))")
    }
}
