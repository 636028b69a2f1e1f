import Foundation
import ChorusStats

/// The verdict on one of DESIGN §2's claims, with the figures behind it.
public struct ClaimResult: Sendable {
    public var number: Int
    public var statement: String
    /// The figures behind the verdict (means with 95% CIs over seeds).
    public var evidence: String
    public var holds: Bool
    /// The claim's margin (effect size) with its 95% CI, when the rule states one: positive
    /// when the claim holds. Sweeps mark a point "undecided" when the CI straddles 0.
    public var margin: Summary?

    public init(number: Int, statement: String, evidence: String, holds: Bool, margin: Summary? = nil) {
        self.number = number; self.statement = statement; self.evidence = evidence; self.holds = holds
        self.margin = margin
    }
}

/// Evaluates DESIGN §2's six claims on summarised results.
///
/// Decision rule, the same for every comparison: "X > Y" holds when the confidence interval of
/// the paired per-seed difference X − Y (a `contrast.*` row, see `Contrasts`) lies above 0; when
/// that row is absent (summaries not made by `Experiment.run`), when X's interval lies entirely
/// above Y's. A ratio bound "X ≥ r·Y" holds when lower(X) ≥ r·mean(Y) and "X < r·Y" when
/// upper(X) < r·mean(Y). Claims need the regimes they mention and iterations
/// 0…I with I ≥ 2 (claim 1) or ≥ 1; the last iteration I plays the role of the paper's
/// iteration 5. A claim whose figures are missing fails and says which are missing.
/// With one seed there is no interval (a one-seed summary's "interval" is the point), so no
/// comparison holds: the claims need at least two seeds to be decided. With one
/// seed there is no interval (the summary's "interval" is the point), so no comparison holds.
public enum Claims {
    public static let statements: [String] = [
        "single-agent: held-out accuracy peaks by iteration 2 and then declines",
        "single-agent: generation entropy falls every iteration, to under half of base by the last",
        "multiagent: accuracy at the last iteration > iteration 1 > base",
        "multiagent: disagreement (and embedding dissimilarity) at the last iteration >= 80% of base, single-agent's < 50%; multiagent agents diverge (JS rises from 0)",
        "iteration 1: multiagent > no-summary, multiagent > no-critic, single-agent > single-no-debate",
        "KL from base at iteration 1: critics > generators > single-agent",
    ]

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
    static func above(_ x: Summary, _ y: Summary) -> Bool { hasInterval(x) && hasInterval(y) && x.lower > y.upper }
    /// Whether a summary has a confidence interval (≥ 2 seeds); one seed's summary is a point.
    static func hasInterval(_ s: Summary) -> Bool { s.n >= 2 }

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

    static func claim1(_ t: Table) -> ClaimResult {
        guard let acc = series(t, "single-agent", MetricName.accuracyFinal), acc.count >= 3 else {
            return missing(1, "single-agent accuracy.final over iterations 0…≥2")
        }
        let peak = acc.indices.max { acc[$0].mean < acc[$1].mean }!
        let last = acc.count - 1
        let (declines, dev) = greater(t, "single-agent", peak, contrast: Contrasts.minusLast, acc[peak], acc[last])
        let holds = (peak == 1 || peak == 2) && declines
        let ev = acc.enumerated().map { "it\($0.offset) \(fmt($0.element))" }.joined(separator: "; ")
            + "; peak at iteration \(peak); peak − it\(last): \(dev)"
        return ClaimResult(number: 1, statement: statements[0], evidence: ev, holds: holds)
    }

    static func claim2(_ t: Table) -> ClaimResult {
        guard let h = series(t, "single-agent", MetricName.entropyChain), h.count >= 2 else {
            return missing(2, "single-agent entropy.chain over iterations")
        }
        var falls = true
        for i in 1..<h.count where !(h[i].mean < h[i - 1].mean) { falls = false }
        let last = h.count - 1
        let ratio = h[last].mean / h[0].mean
        let holds = falls && hasInterval(h[last]) && h[last].upper < 0.5 * h[0].mean
        let ev = h.enumerated().map { "it\($0.offset) \(fmt($0.element))" }.joined(separator: "; ")
            + String(format: "; last/base = %.2f", ratio)
        return ClaimResult(number: 2, statement: statements[1], evidence: ev, holds: holds)
    }

    static func claim3(_ t: Table) -> ClaimResult {
        guard let acc = series(t, "multiagent", MetricName.accuracyFinal), acc.count >= 2 else {
            return missing(3, "multiagent accuracy.final over iterations")
        }
        let last = acc.count - 1
        let (g1, e1) = greater(t, "multiagent", last, contrast: Contrasts.minusIteration1, acc[last], acc[1])
        let (g0, e0) = greater(t, "multiagent", 1, contrast: Contrasts.minusBase, acc[1], acc[0])
        let holds = g1 && g0
        let ev = "base \(fmt(acc[0])); it1 \(fmt(acc[1])); it\(last) \(fmt(acc[last])); it\(last) − it1: \(e1); it1 − base: \(e0)"
        return ClaimResult(number: 3, statement: statements[2], evidence: ev, holds: holds)
    }

    static func claim4(_ t: Table) -> ClaimResult {
        guard let dm = series(t, "multiagent", MetricName.disagreementChain),
              let em = series(t, "multiagent", MetricName.sampleEmbeddingDissimilarity),
              let js = series(t, "multiagent", MetricName.jsChain),
              let ds = series(t, "single-agent", MetricName.disagreementChain), dm.count >= 2, ds.count >= 2 else {
            return missing(4, "multiagent and single-agent disagreement.chain, sample.embedding_dissimilarity, js.chain")
        }
        let lm = dm.count - 1, ls = ds.count - 1
        let okM = hasInterval(dm[lm]) && dm[lm].lower >= 0.8 * dm[0].mean
        let okE = hasInterval(em[lm]) && em[lm].lower >= 0.8 * em[0].mean
        let okS = hasInterval(ds[ls]) && ds[ls].upper < 0.5 * ds[0].mean
        let okJ = above(js[lm], js[0])
        let ev = String(format: "multiagent disagreement it%d/base = %.2f (%@ vs %@); embedding dissimilarity it%d/base = %.2f (%@ vs %@); single-agent disagreement it%d/base = %.2f (%@ vs %@); multiagent JS %@ -> %@",
                        lm, dm[lm].mean / dm[0].mean, fmt(dm[lm]), fmt(dm[0]),
                        lm, em[lm].mean / em[0].mean, fmt(em[lm]), fmt(em[0]),
                        ls, ds[ls].mean / ds[0].mean, fmt(ds[ls]), fmt(ds[0]), fmt(js[0]), fmt(js[lm]))
        return ClaimResult(number: 4, statement: statements[3], evidence: ev, holds: okM && okE && okS && okJ)
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
        let holds = a && b && c
        let ev = "multiagent \(fmt(ma)); no-summary \(fmt(ns)); no-critic \(fmt(nc)); single-agent \(fmt(sa)); single-no-debate \(fmt(sn)); multiagent − no-summary: \(ea); multiagent − no-critic: \(eb); single-agent − single-no-debate: \(ec)"
        return ClaimResult(number: 5, statement: statements[4], evidence: ev, holds: holds)
    }

    static func claim6(_ t: Table) -> ClaimResult {
        guard let kc = t.get("multiagent", 1, MetricName.klBaseCritic),
              let kg = t.get("multiagent", 1, MetricName.klBaseGenerator),
              let ks = t.get("single-agent", 1, MetricName.klBase) else {
            return missing(6, "kl_base.critic and kl_base.generator of multiagent, kl_base of single-agent at iteration 1")
        }
        let (a, ea) = greater(t, "multiagent", 1, contrast: Contrasts.criticMinusGenerator, kc, kg)
        let (b, eb) = greater(t, "multiagent", 1, contrast: Contrasts.generatorKLMinus("single-agent"), kg, ks)
        let holds = a && b
        let ev = "critics \(fmt(kc)); generators \(fmt(kg)); single-agent \(fmt(ks)); critics − generators: \(ea); generators − single-agent: \(eb)"
        return ClaimResult(number: 6, statement: statements[5], evidence: ev, holds: holds)
    }
}
