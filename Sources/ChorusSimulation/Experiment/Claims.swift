import Foundation
import ChorusAnalysis
import ChorusStats

/// One effect size behind a claim: a named quantity (usually a paired per-seed difference)
/// with its mean and 95% t interval over seeds.
public struct ClaimEffect: Sendable {
    /// The effect's name (e.g. `gain at iteration 1`).
    public var name: String
    /// Mean over seeds with its 95% t interval.
    public var summary: Summary
    /// An effect with this name and summary.
    public init(name: String, summary: Summary) { self.name = name; self.summary = summary }
}

/// The verdict on one of the claims (docs/model.md §10), with the figures behind it.
public struct ClaimResult: Sendable {
    /// The claim's number, 1–6 (docs/design.md §2).
    public var number: Int
    /// The claim in one sentence.
    public var statement: String
    /// The figures behind the verdict (means with 95% CIs over seeds).
    public var evidence: String
    /// Whether every comparison of the claim holds on its 95% interval.
    public var holds: Bool
    /// The effect sizes the claim is about, in a fixed order per claim (`Claims.effectNames`).
    public var effects: [ClaimEffect]

    /// The claim's margin (its primary paired effect with its 95% CI), positive when the claim's
    /// main comparison holds; nil for claims judged by ratios (2, 4). Sweeps mark a point
    /// "undecided" when the CI straddles 0. Claim 1: peak − last; 3: last − iteration 1;
    /// 5: multiagent − no-summary; 6: critics − generators scorer divergence.
    public var margin: Summary? {
        let primary = ["peak − last", "last − it1", "multiagent − no-summary", "critics − generators scorer divergence"]
        return effects.first { primary.contains($0.name) }?.summary
    }

    /// A verdict with every field given.
    public init(number: Int, statement: String, evidence: String, holds: Bool, effects: [ClaimEffect] = []) {
        self.number = number; self.statement = statement; self.evidence = evidence; self.holds = holds
        self.effects = effects
    }
}

/// Evaluates the six claims (docs/model.md §10) on summarised results.
///
/// Decision rule, the same for every comparison: "X > Y" holds when the 95% t interval of the
/// paired per-seed difference X − Y (a `contrast.*` row, see `Contrasts`) lies above 0; when
/// that row is absent (summaries not made by `Experiment.run`), when X's interval lies entirely
/// above Y's. A ratio bound "X ≥ r·Y" holds when lower(X) ≥ r·mean(Y) and "X < r·Y" when
/// upper(X) < r·mean(Y). The last iteration I plays the role of the paper's iteration 5.
/// A claim whose figures are missing fails and says which are missing. One seed has no
/// interval, so no comparison holds on one seed.
///
/// Claim 1's decline is tested against every candidate peak p ∈ 1…I−1 with a Bonferroni
/// correction (each paired interval at level 1 − 0.05/(I−1)), so that choosing the peak after
/// seeing the data does not inflate the false-positive rate; `ClaimRuleStudy` measures the
/// rules' false-positive rates on null trajectories.
public enum Claims {
    /// The six claims' statements, claim k at index k − 1.
    public static let statements: [String] = [
        "single-agent: accuracy rises at iteration 1 (paired gain over base) and then declines (last iteration below the peak, paired)",
        "single-agent: generation entropy falls every iteration, to under half of base by the last (multiagent per-agent entropy beside it)",
        "multiagent: accuracy at the last iteration > iteration 1 > base",
        "multiagent: disagreement (and embedding dissimilarity) at the last iteration >= 80% of base, single-agent's < 50%; multiagent agents diverge (JS rises from 0)",
        "iteration 1: multiagent > no-summary, multiagent > no-critic, single-agent > single-no-debate (with the iteration-0 gap of the last pair)",
        "last iteration: critics' scorer divergence from base > generators', and the multiagent society's responses more diverse than single-agent's",
    ]

    /// Judges the six claims on a run's summary rows (paired contrasts with their 95% intervals).
    /// A claim whose regimes or iterations are missing does not hold and says what is missing.
    public static func evaluate(_ summary: [SummaryRow]) -> [ClaimResult] {
        let table = Table(summary)
        return [claim1(table), claim2(table), claim3(table), claim4(table), claim5(table), claim6(table)]
    }

    struct Table {
        struct Key: Hashable { var regime: String; var iteration: Int; var metric: String }
        var map: [Key: Summary] = [:]
        var last: [String: Int] = [:]
        init(_ rows: [SummaryRow]) {
            for r in rows {
                map[Key(regime: r.regime, iteration: r.iteration, metric: r.metric)] = r.summary
                last[r.regime] = max(last[r.regime] ?? 0, r.iteration)
            }
        }
        func get(_ regime: String, _ it: Int, _ metric: String) -> Summary? {
            map[Key(regime: regime, iteration: it, metric: metric)]
        }
    }

    static func fmt(_ s: Summary) -> String {
        String(format: "%.3f [%.3f, %.3f]", s.mean, s.lower, s.upper)
    }
    /// `fmt`, followed by "(n seeds)" when the summary has another seed count than `seeds`:
    /// a contrast with a placebo twin that ran on fewer seeds (`placebo_seeds`) is paired over
    /// those seeds only.
    static func fmt(_ s: Summary, seeds: Int) -> String {
        fmt(s) + (s.n != seeds ? " (\(s.n) seeds)" : "")
    }
    static func above(_ x: Summary, _ y: Summary) -> Bool { hasInterval(x) && hasInterval(y) && x.lower > y.upper }
    /// Whether a summary has a confidence interval (≥ 2 seeds); one seed's summary is a point.
    static func hasInterval(_ s: Summary) -> Bool { s.n >= 2 }

    /// The lower end of the two-sided t interval of a summary at `level`.
    static func lower(_ s: Summary, level: Double) -> Double {
        guard s.n >= 2 else { return -.infinity }
        return s.mean - CDF.studentTQuantile(0.5 + level / 2, dof: Double(s.n - 1)) * s.se
    }

    /// "X > Y" by the paired contrast row if present, else by non-overlapping intervals; returns
    /// the verdict and its evidence text.
    static func greater(_ t: Table, _ regime: String, _ it: Int, contrast: String,
                        _ x: Summary, _ y: Summary) -> (Bool, String) {
        if let d = t.get(regime, it, contrast) {
            return (hasInterval(d) && d.lower > 0, "difference \(fmt(d))" + (hasInterval(d) ? "" : " (one seed: no interval)"))
        }
        return (above(x, y), "intervals \(fmt(x)) vs \(fmt(y))")
    }

    static func missing(_ n: Int, _ what: String) -> ClaimResult {
        ClaimResult(number: n, statement: statements[n - 1], evidence: "missing: \(what)", holds: false)
    }

    static func series(_ t: Table, _ regime: String, _ metric: String) -> [Summary]? {
        guard let last = t.last[regime] else { return nil }
        var out: [Summary] = []
        for i in 0...last { guard let s = t.get(regime, i, metric) else { return nil }; out.append(s) }
        return out
    }

    /// Appends an effect if its row exists.
    static func effect(_ t: Table, _ regime: String, _ it: Int, _ metric: String, as name: String,
                       into out: inout [ClaimEffect]) {
        if let s = t.get(regime, it, metric) { out.append(ClaimEffect(name: name, summary: s)) }
    }

    /// Whether a regime's placebo twin ran (its rows are in the table).
    static func hasTwin(_ t: Table, _ regime: String) -> Bool { t.last[Regime.placeboTwin(of: regime)] != nil }

    static func claim1(_ t: Table) -> ClaimResult {
        let r = "single-agent"
        guard let acc = series(t, r, MetricName.accuracyFinal), acc.count >= 3,
              let gain = t.get(r, 1, Contrasts.minusBase) else {
            return missing(1, "single-agent accuracy.final and its contrasts over iterations 0…≥2")
        }
        let last = acc.count - 1
        let rises = hasInterval(gain) && gain.lower > 0
        // Candidate peaks 1…I−1, Bonferroni-corrected.
        let level = 1 - 0.05 / Double(last - 1)
        var declines = false
        var peak = 1
        for p in 1..<last where acc[p].mean > acc[peak].mean { peak = p }
        for p in 1..<last {
            if let d = t.get(r, p, Contrasts.minusLast), lower(d, level: level) > 0 { declines = true }
        }
        var effects: [ClaimEffect] = [ClaimEffect(name: "it1 − base", summary: gain)]
        effect(t, r, peak, Contrasts.minusLast, as: "peak − last", into: &effects)
        if hasTwin(t, r) {
            effect(t, r, 1, Contrasts.overPlacebo(Contrasts.minusBase), as: "it1 − base over placebo", into: &effects)
            effect(t, r, peak, Contrasts.overPlacebo(Contrasts.minusLast), as: "peak − last over placebo", into: &effects)
        }
        let ev = acc.enumerated().map { "it\($0.offset) \(fmt($0.element))" }.joined(separator: "; ")
            + "; peak (1…\(last - 1)) at iteration \(peak); "
            + effects.map { "\($0.name): \(fmt($0.summary, seeds: gain.n))" }.joined(separator: "; ")
            + String(format: "; decline tested at level %.4f per candidate peak", level)
        return ClaimResult(number: 1, statement: statements[0], evidence: ev, holds: rises && declines, effects: effects)
    }

    static func claim2(_ t: Table) -> ClaimResult {
        guard let h = series(t, "single-agent", MetricName.entropyChain), h.count >= 2 else {
            return missing(2, "single-agent entropy.chain over iterations")
        }
        var falls = true
        for i in 1..<h.count where !(h[i].mean < h[i - 1].mean) { falls = false }
        let last = h.count - 1
        let holds = falls && hasInterval(h[last]) && h[last].upper < 0.5 * h[0].mean
        var effects = [ClaimEffect(name: "single-agent entropy last", summary: h[last])]
        var ev = h.enumerated().map { "it\($0.offset) \(fmt($0.element))" }.joined(separator: "; ")
            + String(format: "; last/base = %.2f", h[last].mean / h[0].mean)
        if let m = series(t, "multiagent", MetricName.entropyChainGenerator), m.count == h.count {
            effects.append(ClaimEffect(name: "multiagent per-generator entropy last", summary: m[last]))
            ev += String(format: "; multiagent per-generator entropy %@ → %@ (last/base = %.2f)",
                         fmt(m[0]), fmt(m[last]), m[last].mean / m[0].mean)
        }
        return ClaimResult(number: 2, statement: statements[1], evidence: ev, holds: holds, effects: effects)
    }

    static func claim3(_ t: Table) -> ClaimResult {
        let r = "multiagent"
        guard let acc = series(t, r, MetricName.accuracyFinal), acc.count >= 2 else {
            return missing(3, "multiagent accuracy.final over iterations")
        }
        let last = acc.count - 1
        let (g1, e1) = greater(t, r, last, contrast: Contrasts.minusIteration1, acc[last], acc[1])
        let (g0, e0) = greater(t, r, 1, contrast: Contrasts.minusBase, acc[1], acc[0])
        var effects: [ClaimEffect] = []
        effect(t, r, 1, Contrasts.minusBase, as: "it1 − base", into: &effects)
        effect(t, r, last, Contrasts.minusIteration1, as: "last − it1", into: &effects)
        if hasTwin(t, r) {
            effect(t, r, 1, Contrasts.overPlacebo(Contrasts.minusBase), as: "it1 − base over placebo", into: &effects)
            effect(t, r, last, Contrasts.overPlacebo(Contrasts.minusIteration1), as: "last − it1 over placebo", into: &effects)
        }
        effect(t, r, last, Contrasts.accuracyMinus("single-agent"), as: "multiagent − single-agent at last", into: &effects)
        effect(t, r, last, Contrasts.accuracyMinus("single-agent-matched"), as: "multiagent − matched single-agent at last", into: &effects)
        let ev = "base \(fmt(acc[0])); it1 \(fmt(acc[1])); it\(last) \(fmt(acc[last])); it\(last) − it1: \(e1); it1 − base: \(e0); "
            + effects.dropFirst(2).map { "\($0.name): \(fmt($0.summary, seeds: acc[last].n))" }.joined(separator: "; ")
        return ClaimResult(number: 3, statement: statements[2], evidence: ev, holds: g1 && g0, effects: effects)
    }

    static func claim4(_ t: Table) -> ClaimResult {
        guard let dm = series(t, "multiagent", MetricName.disagreementChain),
              let em = series(t, "multiagent", MetricName.sampleEmbeddingDissimilarity),
              let js = series(t, "multiagent", MetricName.jsChain),
              let ds = series(t, "single-agent", MetricName.disagreementChain),
              let es = series(t, "single-agent", MetricName.sampleEmbeddingDissimilarity),
              dm.count >= 2, ds.count >= 2 else {
            return missing(4, "multiagent and single-agent disagreement.chain, sample.embedding_dissimilarity, js.chain")
        }
        let lm = dm.count - 1, ls = ds.count - 1
        let okM = hasInterval(dm[lm]) && dm[lm].lower >= 0.8 * dm[0].mean
        let okE = hasInterval(em[lm]) && em[lm].lower >= 0.8 * em[0].mean
        let okS = hasInterval(ds[ls]) && ds[ls].upper < 0.5 * ds[0].mean
        let okJ = above(js[lm], js[0])
        let effects = [ClaimEffect(name: "multiagent disagreement last", summary: dm[lm]),
                       ClaimEffect(name: "single-agent disagreement last", summary: ds[ls]),
                       ClaimEffect(name: "multiagent embedding dissimilarity last", summary: em[lm]),
                       ClaimEffect(name: "single-agent embedding dissimilarity last", summary: es[ls])]
        let ev = String(format: "disagreement it%d/base: multiagent %.2f (%@ vs %@), single-agent %.2f (%@); embedding dissimilarity it%d/base: multiagent %.2f (%@ vs %@), single-agent %.2f (%@); multiagent JS %@ -> %@",
                        lm, dm[lm].mean / dm[0].mean, fmt(dm[lm]), fmt(dm[0]), ds[ls].mean / ds[0].mean, fmt(ds[ls]),
                        lm, em[lm].mean / em[0].mean, fmt(em[lm]), fmt(em[0]), es[ls].mean / es[0].mean, fmt(es[ls]),
                        fmt(js[0]), fmt(js[lm]))
        return ClaimResult(number: 4, statement: statements[3], evidence: ev, holds: okM && okE && okS && okJ, effects: effects)
    }

    static func claim5(_ t: Table) -> ClaimResult {
        let m = MetricName.accuracyFinal
        guard let ma = t.get("multiagent", 1, m), let ns = t.get("no-summary", 1, m),
              let nc = t.get("no-critic", 1, m), let sa = t.get("single-agent", 1, m),
              let sn = t.get("single-no-debate", 1, m) else {
            return missing(5, "accuracy.final at iteration 1 of multiagent, no-summary, no-critic, single-agent, single-no-debate")
        }
        let (a, ea) = greater(t, "multiagent", 1, contrast: Contrasts.accuracyMinus("no-summary"), ma, ns)
        let (b, eb) = greater(t, "multiagent", 1, contrast: Contrasts.accuracyMinus("no-critic"), ma, nc)
        let (c, ec) = greater(t, "single-agent", 1, contrast: Contrasts.accuracyMinus("single-no-debate"), sa, sn)
        var effects: [ClaimEffect] = []
        effect(t, "multiagent", 1, Contrasts.accuracyMinus("no-summary"), as: "multiagent − no-summary", into: &effects)
        effect(t, "multiagent", 1, Contrasts.accuracyMinus("no-critic"), as: "multiagent − no-critic", into: &effects)
        effect(t, "single-agent", 1, Contrasts.accuracyMinus("single-no-debate"), as: "single-agent − single-no-debate", into: &effects)
        effect(t, "single-agent", 0, Contrasts.accuracyMinus("single-no-debate"), as: "same at iteration 0 (test-time debate)", into: &effects)
        let ev = "multiagent \(fmt(ma)); no-summary \(fmt(ns)); no-critic \(fmt(nc)); single-agent \(fmt(sa)); single-no-debate \(fmt(sn)); multiagent − no-summary: \(ea); multiagent − no-critic: \(eb); single-agent − single-no-debate: \(ec)"
            + (effects.count == 4 ? "; at iteration 0 (before any training): \(fmt(effects[3].summary))" : "")
        return ClaimResult(number: 5, statement: statements[4], evidence: ev, holds: a && b && c, effects: effects)
    }

    static func claim6(_ t: Table) -> ClaimResult {
        guard let last = t.last["multiagent"], t.last["single-agent"] != nil,
              let dc = t.get("multiagent", last, MetricName.divergenceScorerCritic),
              let dg = t.get("multiagent", last, MetricName.divergenceScorerGenerator),
              let em = t.get("multiagent", last, MetricName.sampleEmbeddingDissimilarity),
              let es = t.get("single-agent", last, MetricName.sampleEmbeddingDissimilarity) else {
            return missing(6, "divergence.scorer.critic/.generator of multiagent and sample.embedding_dissimilarity of multiagent and single-agent")
        }
        let embed = Contrasts.metricMinus(MetricName.sampleEmbeddingDissimilarity, "single-agent")
        let (a, ea) = greater(t, "multiagent", last, contrast: Contrasts.scorerCriticMinusGenerator, dc, dg)
        let (b, eb) = greater(t, "multiagent", last, contrast: embed, em, es)
        var effects: [ClaimEffect] = []
        effect(t, "multiagent", last, Contrasts.scorerCriticMinusGenerator, as: "critics − generators scorer divergence", into: &effects)
        effect(t, "multiagent", last, embed, as: "multiagent − single-agent embedding dissimilarity", into: &effects)
        var ev = "scorer divergence (W1, nats) at it\(last): critics \(fmt(dc)), generators \(fmt(dg)), critics − generators: \(ea); embedding dissimilarity multiagent \(fmt(em)) vs single-agent \(fmt(es)): \(eb)"
        if let k = t.get("multiagent", last, Contrasts.criticMinusGenerator),
           let ks = t.get("multiagent", last, Contrasts.generatorKLMinus("single-agent")) {
            ev += "; policy KL (a different quantity): critics − generators \(fmt(k)), generators − single-agent \(fmt(ks))"
        }
        return ClaimResult(number: 6, statement: statements[5], evidence: ev, holds: a && b, effects: effects)
    }
}
