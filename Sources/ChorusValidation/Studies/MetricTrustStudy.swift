import Foundation
import ChorusStats
import ChorusRecords
import ChorusAnalysis
import ChorusSimulation

/// Study 5: which sample diversity metric to trust, with how many agents and questions.
///
/// The simulator knows the exact diversity of its society: `disagreement.answer`, the
/// probability that two different agents give different answers to a question (and
/// `disagreement.chain` for reasoning chains), averaged over agent pairs and the test questions
/// (ChorusSimulation's exact metrics). A sweep of settings — sampling temperature × regime
/// (single-agent, multiagent, single-no-debate) × seed × finetuning iteration 0…3 — gives societies whose exact
/// diversity ranges from collapsed to diverse. For each, the sample metrics a researcher would
/// compute from the round-1 transcript of Q test questions with N agents are compared with the
/// exact value:
/// - Spearman's ρ between metric and exact diversity across the sweep's conditions;
/// - pairwise concordance: the share of condition pairs the metric orders like the truth;
/// - calibrated error: exact regressed on a quadratic in the metric across the sweep, ± twice
///   the residual sd — "trust X to within ±Y" (in units of the exact disagreement);
/// - resolution: the smallest exact difference from which bins of 30 condition pairs are all
///   ordered correctly ≥ 90% of the time ("—" when never);
/// - regime rank agreement: how often the metric orders the regimes (single-agent, multiagent,
///   single-no-debate; same temperature, seed, iteration ≥ 1) as the exact value does.
/// Metrics that fall with diversity (consensus, Fleiss' κ) are negated first. Answer metrics are
/// judged against `disagreement.answer`, chain metrics (embedding dissimilarity, NLL) against
/// `disagreement.chain`. One analytic check: the sample pairwise disagreement of the round-1
/// answers is an unbiased estimator of `disagreement.answer` (each pair of different agents'
/// answers is a draw from their two policies), so its mean error over the sweep is 0 within
/// 4 standard errors. The task uses 10 answers per question so the simulator's exact round-1
/// majority enumeration (A^N profiles) is skipped for N ≥ 5 and the sweep stays fast.
public enum MetricTrustStudy {
    /// A sample metric: name, the exact target it estimates ("answer"/"chain"), orientation.
    struct Spec: Sendable { var name: String; var target: String; var sign: Double }

    static let specs: [Spec] = [
        Spec(name: MetricName.disagreementAnswer, target: "answer", sign: 1),
        Spec(name: MetricName.sampleConsensus, target: "answer", sign: -1),
        Spec(name: MetricName.fleissKappa, target: "answer", sign: -1),
        Spec(name: MetricName.sampleAnswerEntropyPlugin, target: "answer", sign: 1),
        Spec(name: MetricName.sampleAnswerEntropyMM, target: "answer", sign: 1),
        Spec(name: MetricName.answerEntropy(.chaoShen), target: "answer", sign: 1),
        Spec(name: MetricName.answerEntropy(.grassberger), target: "answer", sign: 1),
        Spec(name: MetricName.sampleEmbeddingDissimilarity, target: "chain", sign: 1),
        Spec(name: MetricName.sampleCrossNLL, target: "chain", sign: 1),
        Spec(name: MetricName.nllSelf, target: "chain", sign: 1),
    ]

    /// The regimes of the sweep (iteration 0 is the shared base model: kept once).
    static let regimes = ["single-agent", "multiagent", "single-no-debate"]

    struct Condition: Sendable {
        var agents: Int, questions: Int, temperature: Double, seed: UInt64, regime: String, iteration: Int
        var exactAnswer: Double, exactChain: Double
        var metrics: [String: Double]
    }

    /// Runs study 5: its tables, figure data, checks and summary.
    public static func run(_ o: ValidationOptions) throws -> StudyResult {
        var r = StudyResult(number: 5, title: "Which diversity metric to trust")
        let agentCounts = o.quick ? [3, 7] : [3, 5, 7]
        let questionCounts = o.quick ? [20, 200] : [20, 100, 1000]
        let temperatures = o.quick ? [0.6, 1.6] : [0.6, 1.0, 1.6]
        let seeds: [UInt64] = [o.seed % 1_000_000 + 1, o.seed % 1_000_000 + 2]
        var jobs: [(n: Int, q: Int, t: Double, s: UInt64)] = []
        for n in agentCounts { for q in questionCounts { for t in temperatures { for s in seeds { jobs.append((n, q, t, s)) } } } }
        let jobList = jobs
        let quick = o.quick
        let results = Parallel.map(count: jobList.count, threads: o.threads) { i -> Result<[Condition], Error> in
            Result { try conditions(n: jobList[i].n, q: jobList[i].q, temperature: jobList[i].t, seed: jobList[i].s, quick: quick) }
        }
        var all: [Condition] = []
        for x in results { all += try x.get() }

        var condTable = TidyTable(columns: ["agents", "questions", "temperature", "seed", "regime", "iteration", "exact_disagreement_answer", "exact_disagreement_chain"] + specs.map(\.name))
        for c in all {
            condTable.append([String(c.agents), String(c.questions), TidyTable.format(c.temperature), String(c.seed), c.regime, String(c.iteration),
                              TidyTable.format(c.exactAnswer), TidyTable.format(c.exactChain)] + specs.map { TidyTable.format(c.metrics[$0.name] ?? .nan) })
        }
        r.tables.append(("study5_conditions.csv", condTable))

        // The unbiasedness check of the pairwise disagreement, per agent count.
        for n in agentCounts {
            let errs = all.filter { $0.agents == n }.compactMap { c in c.metrics[MetricName.disagreementAnswer].map { $0 - c.exactAnswer } }
            let m = meanSE(errs)
            r.checks.append(.analytic(5, "sample pairwise disagreement is unbiased for exact disagreement.answer, N=\(n)",
                                      measured: m.mean, expected: 0, tolerance: 4 * m.se,
                                      detail: "mean error over \(errs.count) conditions, 4 SE"))
        }

        var trust = TidyTable(columns: ["agents", "questions", "metric", "target", "spearman", "concordance", "resolution", "calibrated_error_95", "exact_range", "regime_agreement", "mean_abs_error"])
        struct Row { var n: Int; var q: Int; var spec: Spec; var rho: Double; var conc: Double; var y: Double; var err: Double; var regime: Double; var pairs: Int }
        var rows: [Row] = []
        for n in agentCounts {
            for q in questionCounts {
                let cs = all.filter { $0.agents == n && $0.questions == q }
                for s in specs {
                    let pairs = cs.compactMap { c -> (Double, Double)? in
                        guard let v = c.metrics[s.name], v.isFinite else { return nil }
                        return (s.target == "answer" ? c.exactAnswer : c.exactChain, s.sign * v)
                    }
                    guard pairs.count >= 3 else { continue }
                    let exact = pairs.map(\.0), metric = pairs.map(\.1)
                    let rho = try Correlation.spearman(exact, metric)
                    let (conc, y) = resolution(exact: exact, metric: metric)
                    let range = (exact.max()! - exact.min()!)
                    let reg = regimeAgreement(cs, spec: s)
                    let err = calibratedError(exact: exact, metric: metric)
                    let mae = s.name == MetricName.disagreementAnswer ? pairs.reduce(0) { $0 + abs($1.0 - $1.1) } / Double(pairs.count) : Double.nan
                    trust.append([String(n), String(q), s.name, "disagreement.\(s.target)", TidyTable.format(rho), TidyTable.format(conc),
                                  TidyTable.format(y), TidyTable.format(err), TidyTable.format(range), TidyTable.format(reg), TidyTable.format(mae)])
                    rows.append(Row(n: n, q: q, spec: s, rho: rho, conc: conc, y: y, err: err, regime: reg, pairs: pairs.count))
                }
            }
        }
        r.tables.append(("study5_trust.csv", trust))

        // Recommendation table: per target, the metric with the smallest calibrated error
        // (metrics within 10% of it are listed as tied: they are near-monotone transforms of
        // each other at fixed N and differ by noise).
        var rec = TidyTable(columns: ["agents", "questions", "target", "recommended_metric", "calibrated_error_95", "spearman", "resolution",
                                      "regime_agreement", "tied_within_10pct", "least_reliable", "least_reliable_error_95"])
        r.summary.append("recommendation (± = 95% calibrated error in units of the exact disagreement; ρ = Spearman; resolution = smallest exact difference ordered right ≥ 90%)")
        for n in agentCounts {
            for q in questionCounts {
                for target in ["answer", "chain"] {
                    let rs = rows.filter { $0.n == n && $0.q == q && $0.spec.target == target && $0.err.isFinite }.sorted { $0.err < $1.err }
                    guard let best = rs.first, let worst = rs.last else { continue }
                    let tied = rs.dropFirst().filter { $0.err <= 1.1 * best.err }.map(\.spec.name)
                    rec.append([String(n), String(q), "disagreement.\(target)", best.spec.name, TidyTable.format(best.err), TidyTable.format(best.rho),
                                TidyTable.format(best.y), TidyTable.format(best.regime), tied.joined(separator: " "), worst.spec.name, TidyTable.format(worst.err)])
                    r.summary.append("  N=\(n) Q=\(q) \(target): trust \(best.spec.name) to within ±\(fmt(best.err, 2)) (ρ = \(fmt(best.rho, 3)), resolution \(best.y.isFinite ? fmt(best.y, 2) : "—"), regimes ordered right \(fmt(100 * best.regime, 3))%)"
                                     + (tied.isEmpty ? "" : "; tied: " + tied.joined(separator: ", "))
                                     + "; least: \(worst.spec.name) ±\(fmt(worst.err, 2)) (ρ = \(fmt(worst.rho, 3)))")
                }
            }
        }
        r.tables.append(("study5_recommendations.csv", rec))
        r.summary.append("per-metric ρ by (N, Q): study5_trust.csv")
        for s in specs {
            let line = agentCounts.flatMap { n in questionCounts.map { q in rows.first { $0.n == n && $0.q == q && $0.spec.name == s.name }.map { fmt($0.rho, 2) } ?? "NA" } }
            r.summary.append("  ρ \(s.name.padding(toLength: 32, withPad: " ", startingAt: 0)) " + line.joined(separator: " "))
        }

        // Figure: Spearman ρ against Q, one panel per N.
        // Answer metrics and chain metrics form two groups (solid and dashed lines).
        var trustCurves = StudyCurves("study5_metric_trust", study: 5, options: o)
        for n in agentCounts {
            for s in specs {
                let found = questionCounts.map { q in rows.first { $0.n == n && $0.q == q && $0.spec.name == s.name } }
                // A ρ is over the conditions of its (N, Q) cell; a cell without one is NA with 1 replicate.
                for (q, row) in zip(questionCounts, found) {
                    trustCurves.add(panel: "N = \(n) agents", series: s.name, group: s.target, x: [Double(q)], y: [row?.rho ?? .nan],
                                    replicates: max(1, row?.pairs ?? 1))
                }
            }
        }
        r.curves.append(trustCurves)
        // Scatter of the best and a poor metric against the truth at the smallest Q: one condition a point.
        let n0 = agentCounts.first!, q0 = questionCounts.first!
        let cs = all.filter { $0.agents == n0 && $0.questions == q0 }
        var scatter = StudyCurves("study5_scatter", study: 5, options: o)
        let panel = "N = \(n0), Q = \(q0): sample metric vs exact disagreement.answer"
        scatter.add(panel: panel, series: "pairwise disagreement", kind: .points, x: cs.map(\.exactAnswer),
                    y: cs.map { $0.metrics[MetricName.disagreementAnswer] ?? .nan }, replicates: 1)
        scatter.add(panel: panel, series: "1 − consensus", kind: .points, x: cs.map(\.exactAnswer),
                    y: cs.map { 1 - ($0.metrics[MetricName.sampleConsensus] ?? .nan) }, replicates: 1)
        scatter.add(panel: panel, series: "plug-in answer entropy / ln N", kind: .points, x: cs.map(\.exactAnswer),
                    y: cs.map { ($0.metrics[MetricName.sampleAnswerEntropyPlugin] ?? .nan) / log(Double(n0)) }, replicates: 1)
        r.curves.append(scatter)
        return r
    }

    /// The conditions of one (N, Q, temperature, seed) experiment.
    static func conditions(n: Int, q: Int, temperature: Double, seed: UInt64, quick: Bool) throws -> [Condition] {
        var c = SimulationConfig()
        c.name = "trust"
        c.seeds = [seed]
        c.regimes = regimes
        c.iterations = 3
        c.task.trainQuestions = quick ? 60 : 100
        c.task.testQuestions = q
        c.task.wrongAnswers = 9
        c.agents.count = n
        c.agents.temperature = temperature
        c.output.transcripts = Array(0...3)
        let result = try Experiment(config: c).run(threads: 1)
        var exact: [String: Double] = [:], sampled: [String: [String: Double]] = [:]
        for row in result.rows {
            let key = "\(row.regime)/\(row.iteration)"
            if row.metric == "disagreement.answer" { exact[key + "/answer"] = row.value }
            if row.metric == "disagreement.chain" { exact[key + "/chain"] = row.value }
            if row.metric.hasPrefix("sample.") { sampled[key, default: [:]][row.metric] = row.value }
        }
        let index = DebateIndex(result.transcripts)
        var out: [Condition] = []
        for g in index.groups {
            // Iteration 0 is the same base model in both regimes (common random numbers): keep one.
            if g.iteration == 0 && g.regime != "single-agent" { continue }
            let key = "\(g.regime)/\(g.iteration)"
            guard let ea = exact[key + "/answer"], let ec = exact[key + "/chain"] else { continue }
            let debates = index.debates(g)
            var m = sampled[key] ?? [:]
            let am = Agreement.matrix(debates, round: 1).values
            var dis = 0.0, pairs = 0
            for i in am.indices { for j in am.indices where j > i && !am[i][j].isNaN { dis += 1 - am[i][j]; pairs += 1 } }
            if pairs > 0 { m[MetricName.disagreementAnswer] = dis / Double(pairs) }
            if let k = Agreement.fleissKappa(debates, round: 1) { m[MetricName.fleissKappa] = k }
            for e in [EntropyEstimator.chaoShen, .grassberger] {
                let name = MetricName.answerEntropy(e)
                let v = debates.compactMap { QuestionMetrics.answerEntropy($0, round: 1, estimator: e) }
                if !v.isEmpty { m[name] = v.reduce(0, +) / Double(v.count) }
            }
            if let s = CrossAgentNLL.selfNLL(debates.flatMap { $0.round(1) }) { m[MetricName.nllSelf] = s }
            out.append(Condition(agents: n, questions: q, temperature: temperature, seed: seed, regime: g.regime, iteration: g.iteration,
                                 exactAnswer: ea, exactChain: ec, metrics: m))
        }
        return out
    }

    /// Pairwise concordance over all pairs with different exact values, and the resolution:
    /// pairs are sorted by their exact difference |Δ| and cut into consecutive bins of
    /// `binSize`; the resolution is the smallest |Δ| of the lowest bin from which this and every
    /// larger-|Δ| bin orders at least `level` of its pairs correctly (+∞ when even the largest
    /// bin does not). Bins make it a local property: easy, far-apart pairs do not vouch for
    /// close ones.
    public static func resolution(exact: [Double], metric: [Double], level: Double = 0.9, binSize: Int = 30) -> (concordance: Double, resolution: Double) {
        var pairs: [(d: Double, ok: Bool)] = []
        for i in exact.indices {
            for j in exact.indices where j > i && exact[i] != exact[j] {
                let ok = (metric[i] - metric[j]) * (exact[i] - exact[j]) > 0
                pairs.append((abs(exact[i] - exact[j]), ok))
            }
        }
        guard !pairs.isEmpty else { return (.nan, .infinity) }
        let conc = Double(pairs.filter(\.ok).count) / Double(pairs.count)
        pairs.sort { $0.d > $1.d }
        var y = Double.infinity
        var start = 0
        while start < pairs.count {
            let end = min(start + binSize, pairs.count)
            if end - start < binSize && start > 0 { break }   // a short last bin of the closest pairs: too few to judge
            let bin = pairs[start..<end]
            if Double(bin.filter(\.ok).count) / Double(bin.count) >= level { y = bin.last!.d } else { break }
            start = end
        }
        return (conc, y)
    }

    /// Calibrated error: least squares of the exact value on a quadratic in the metric across the
    /// sweep (a monotone but curved relation, e.g. NLL against disagreement, is not penalised as
    /// a linear fit would), and twice the residual standard deviation with n − 3 degrees of
    /// freedom (≈ a 95% prediction half-width, in exact units).
    public static func calibratedError(exact: [Double], metric: [Double]) -> Double {
        let n = exact.count
        guard n >= 4 else { return .nan }
        // Standardise x for conditioning; GSL's SVD least squares (`LinearModel`) does the rest.
        let mx = metric.reduce(0, +) / Double(n)
        let sx = (metric.reduce(0) { $0 + ($1 - mx) * ($1 - mx) } / Double(n)).squareRoot()
        guard sx > 0, let fit = try? LinearModel.polynomial(x: metric.map { ($0 - mx) / sx }, y: exact, degree: 2) else { return .nan }
        return 2 * fit.residualSD
    }

    /// Regime rank agreement: over (temperature, seed, iteration ≥ 1) groups, the share of
    /// regime pairs that the metric orders as the exact target does (pairs with equal exact
    /// values skipped); (1 + Kendall's τ)/2 pooled over groups.
    static func regimeAgreement(_ cs: [Condition], spec s: Spec) -> Double {
        var agree = 0, total = 0
        var groups: [String: [Condition]] = [:]
        for c in cs where c.iteration >= 1 { groups["\(c.temperature)/\(c.seed)/\(c.iteration)", default: []].append(c) }
        for (_, g) in groups {
            for i in g.indices {
                for j in g.indices where j > i {
                    guard let a = g[i].metrics[s.name], let b = g[j].metrics[s.name] else { continue }
                    let ea = s.target == "answer" ? g[i].exactAnswer : g[i].exactChain
                    let eb = s.target == "answer" ? g[j].exactAnswer : g[j].exactChain
                    guard ea != eb else { continue }
                    total += 1
                    if (s.sign * (a - b)) * (ea - eb) > 0 { agree += 1 }
                }
            }
        }
        return total > 0 ? Double(agree) / Double(total) : .nan
    }
}
