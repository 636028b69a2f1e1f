import Foundation
import ChorusStats
import ChorusRecords
import ChorusAnalysis
import ChorusSimulation

/// Maximum-likelihood fit of the simulator's debate stage to a debate log (issue 12;
/// docs/fit.md).
///
/// Critic choice model (docs/model.md §2, summary view) with the evidence and prior terms
/// absent: P(a) ∝ exp(w_stay·[a = own] + w_support·share(a)) over the answers in view. The
/// log-likelihood of the log's critic decisions (`CriticDecisions`) is maximised with GSL's
/// multimin (`Minimize.bfgs`); 95% Wald intervals ŵ ± 1.96·√diag(I(ŵ)⁻¹) use the observed
/// information I (the negative Hessian). Base individual accuracy (round 1) and answer
/// diversity per round (plug-in entropy of the agents' answers per question) are means over
/// questions with 95% percentile bootstrap intervals over questions.
public enum DebateFit {
    /// One estimated quantity.
    public struct Estimate: Sendable {
        /// The quantity's name (e.g. `w_stay`).
        public var name: String
        /// The configuration key it maps to, if any.
        public var configKey: String?
        /// The point estimate.
        public var value: Double
        /// The lower bound of the 95% interval.
        public var lower: Double
        /// The upper bound of the 95% interval.
        public var upper: Double
        /// Standard error (NaN for bootstrap intervals).
        public var se: Double
        /// How the estimate and its interval were computed.
        public var method: String
    }

    /// A fit of one log: the estimates and what they rest on.
    public struct Result: Sendable {
        /// Every estimated quantity.
        public var estimates: [Estimate]
        /// Critic decisions in the likelihood.
        public var decisions: Int
        /// Responses whose answer was outside the critic's view (not in the likelihood).
        public var outsideView: Int
        /// Responses without an answer in view at all (not in the likelihood).
        public var emptyView: Int
        /// Agents per debate.
        public var agents: Int
        /// Rounds per debate.
        public var rounds: Int
        /// Questions in the log.
        public var questions: Int
        /// Iterations the minimiser took.
        public var iterations: Int
        /// Whether the minimiser met its gradient test.
        public var converged: Bool
        /// The maximised log-likelihood.
        public var logLikelihood: Double
        /// Things a reader must know (non-identified weights, separation, …).
        public var notes: [String]

        /// The estimate named `name`, if the fit has one.
        public func estimate(_ name: String) -> Estimate? { estimates.first { $0.name == name } }
    }

    /// Largest |w| accepted as a finite estimate: beyond it the likelihood is flat in that
    /// direction (e.g. agents that never change their answer: separation), and the weight is
    /// reported as not identified.
    public static let separationBound = 25.0

    /// Fits the debates (any number of groups pooled).
    /// - Throws: `AnalysisError.insufficientData` when the log has no critic decision with a
    ///   choice (fewer than two rounds, or every view a single answer), `.numerical` when the
    ///   minimiser fails.
    /// - Complexity: O(iterations · decisions) for the fit plus O(replicates · Q) for the intervals.
    /// `diversity: false` skips the answer-entropy rows (the coverage study does not use them).
    public static func fit(_ debates: [DebateIndex.Debate], stream: SeedStream = SeedStream(seed: 0),
                           replicates: Int = 1000, diversity: Bool = true) throws -> Result {
        let sorted = debates.sorted { ($0.group.description, $0.question) < ($1.group.description, $1.question) }
        let data = CriticDecisions.from(sorted)
        let informative = (0..<data.decisions).filter { data.count[$0] > 1 }.count
        guard informative > 0 else {
            throw AnalysisError.insufficientData("no critic decision with a choice: the log needs ≥ 2 rounds and some questions where agents disagree (\(data.decisions) decisions, all with one answer in view)")
        }
        let F = CriticDecisions.featureCount
        let scale = 1.0 / Double(max(1, data.decisions))
        let objective: Minimize.Objective = { w, g in
            var grad = [Double](repeating: 0, count: F)
            var info = [[Double]](repeating: [Double](repeating: 0, count: F), count: F)
            let ll = data.logLikelihood(w, gradient: &grad, information: &info)
            for j in 0..<F { g[j] = -grad[j] * scale }
            return -ll * scale
        }
        let m: Minimize.Result
        do { m = try Minimize.bfgs(objective, start: [0, 0], step: 0.5, gradientTolerance: 1e-7, maxIterations: 1000) } catch {
            throw AnalysisError.numerical("critic-weight fit: \(error)")
        }
        var grad = [0.0, 0.0]
        var info = [[0.0, 0.0], [0.0, 0.0]]
        let ll = data.logLikelihood(m.x, gradient: &grad, information: &info)
        var notes: [String] = []
        let cov = inverse(info)
        var estimates: [Estimate] = []
        for (j, (name, key)) in [("critic.weight.stay", "debate.stay_weight"), ("critic.weight.support", "debate.support_weight")].enumerated() {
            let se = cov.map { $0[j][j] > 0 ? $0[j][j].squareRoot() : .nan } ?? .nan
            var e = Estimate(name: name, configKey: key, value: m.x[j], lower: m.x[j] - 1.959963984540054 * se,
                             upper: m.x[j] + 1.959963984540054 * se, se: se, method: "MLE, Wald 95% CI from observed information")
            if abs(m.x[j]) > separationBound || !se.isFinite {
                notes.append("\(name) is not identified by this log (estimate \(String(format: "%.3g", m.x[j])), likelihood flat: e.g. agents never or always keep their answer); its interval is unbounded")
                e.lower = -.infinity; e.upper = .infinity
            }
            estimates.append(e)
        }
        // Base accuracy and diversity per round.
        var rounds = Set<Int>()
        for d in sorted { rounds.formUnion(d.rounds) }
        let roundList = rounds.sorted()
        if let first = roundList.first {
            let acc = sorted.compactMap { QuestionMetrics.individualAccuracy($0, round: first) }
            if !acc.isEmpty {
                let s = RoundMetrics.bootstrapMean(acc, stream: stream.child("accuracy"), replicates: replicates)
                estimates.append(Estimate(name: "accuracy.round1_individual", configKey: "task.base_accuracy", value: s.mean,
                                          lower: s.lower, upper: s.upper, se: .nan, method: "mean over questions, 95% bootstrap CI"))
            } else { notes.append("no ground truth: base accuracy is not estimated") }
        }
        for r in roundList where diversity {
            let h = sorted.compactMap { QuestionMetrics.answerEntropy($0, round: r) }
            guard !h.isEmpty else { continue }
            let s = RoundMetrics.bootstrapMean(h, stream: stream.child("entropy").child(UInt64(r)), replicates: replicates)
            estimates.append(Estimate(name: "answer_entropy.round\(r)", configKey: nil, value: s.mean, lower: s.lower, upper: s.upper,
                                      se: .nan, method: "plug-in entropy (nats) per question, mean, 95% bootstrap CI"))
        }
        if data.outsideView > 0 {
            let total = data.decisions + data.outsideView + data.emptyView
            notes.append("\(data.outsideView) of \(total) critic responses give an answer outside their view (a new answer or none); the simulator's critic cannot, so they are left out of the likelihood")
        }
        notes.append("not identified by a log, fixed by assumption: debate.evidence_weight (no evidence read is recorded) and debate.prior_weight (no log-probabilities of the answers in view); both are 0 in the fitted model and in the configuration fragment")
        let agents = Set(sorted.flatMap { $0.responses.values.flatMap(\.keys) }).count
        return Result(estimates: estimates, decisions: data.decisions, outsideView: data.outsideView, emptyView: data.emptyView,
                      agents: agents, rounds: roundList.count, questions: sorted.count, iterations: m.iterations,
                      converged: m.converged, logLikelihood: ll, notes: notes)
    }

    /// The inverse of a symmetric positive-definite matrix by its eigen-decomposition
    /// (`SymmetricEigen`); nil when it is not positive definite (a direction without information).
    static func inverse(_ a: [[Double]]) -> [[Double]]? {
        guard a.allSatisfy({ $0.allSatisfy(\.isFinite) }), let e = try? SymmetricEigen.decompose(matrix: a, symmetryTolerance: 1e-8) else { return nil }
        let maxEig = e.values.max() ?? 0
        guard maxEig > 0, e.values.allSatisfy({ $0 > maxEig * 1e-12 }) else { return nil }
        let n = a.count
        var out = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for (k, lambda) in e.values.enumerated() {
            let v = e.vectors[k]
            for i in 0..<n { for j in 0..<n { out[i][j] += v[i] * v[j] / lambda } }
        }
        return out
    }

    /// A configuration fragment for `chorus simulate --config`: the fitted weights, the base
    /// accuracy, the log's agents and rounds, the summary view, and the non-identified weights
    /// at 0 (the fit's assumption). Non-identified fitted weights are left out (defaults apply)
    /// and named in a comment.
    public static func configFragment(_ r: Result, source: String) -> String {
        var lines = ["# Fitted by `chorus fit` to \(source) (docs/fit.md).",
                     "# Critic weights: maximum likelihood; base accuracy: round-1 individual accuracy.",
                     "# evidence_weight and prior_weight are not identified by a log: 0 is the fit's assumption."]
        var debate: [String] = ["  rounds: \(max(1, r.rounds))", "  summarize: true"]
        for e in r.estimates where e.configKey?.hasPrefix("debate.") == true {
            let key = String(e.configKey!.dropFirst("debate.".count))
            if e.lower.isFinite && e.upper.isFinite { debate.append("  \(key): \(TidyTable.format(e.value))") }
            else { lines.append("# \(e.configKey!) not identified by this log: left at its default") }
        }
        debate += ["  evidence_weight: 0", "  prior_weight: 0"]
        var out = lines
        if let a = r.estimate("accuracy.round1_individual"), a.value > 0, a.value < 1 {
            out += ["task:", "  base_accuracy: \(TidyTable.format(a.value))"]
        } else { out.append("# task.base_accuracy: the log's accuracy is 0, 1 or unknown: left at its default") }
        out += ["agents:", "  count: \(min(64, max(1, r.agents)))", "debate:"] + debate
        return out.joined(separator: "\n") + "\n"
    }
}
