import ChorusStats
import ChorusAnalysis
/// Paired contrasts: differences of a metric between two iterations of one replicate, or between
/// two regimes on the same seed, computed per seed so that their confidence intervals reflect
/// the paired design (docs/design.md §2's comparisons are all of this kind).
///
/// Regimes share their random streams (common random numbers, see `RegimeRun`), so two regimes
/// that behave identically up to some point produce identical results up to that point, and a
/// paired difference measures the effect of the mechanism that differs, not sampling luck.
///
/// Rows (under the regime named first):
/// - `contrast.accuracy.final.minus_base` = acc_t − acc_0; `…minus_iteration1` = acc_t − acc_1;
///   `…minus_last` = acc_t − acc_I (I = last iteration);
/// - `contrast.accuracy.round1_individual.minus_base` = the round-1 individual accuracy's change
///   from base (with the final one's, what the ablation figure draws from summary.csv);
/// - `contrast.accuracy.final.minus.<B>` = acc_A,t − acc_B,t for the pairs in `regimePairs`;
/// - `contrast.kl_base.critic_minus_generator` = kl_base.critic − kl_base.generator;
/// - `contrast.kl_base.generator.minus.single-agent` = kl_base.generator(A) − kl_base(single-agent);
/// - `contrast.divergence.scorer.critic_minus_generator` = divergence.scorer.critic − .generator;
/// - `contrast.<metric>.minus.single-agent` under `multiagent` for the diversity metrics in
///   `diversityMetrics` (sampled embedding dissimilarity, exact answer disagreement);
/// - `<accuracy contrast>.over_placebo` under a regime R whose twin R-placebo ran on the same seed:
///   R's minus_base | minus_iteration1 | minus_last minus the twin's (a difference in
///   differences: the gain beyond what the same dynamics produce with no correctness signal).
public enum Contrasts {
    /// `accuracy.final` at each iteration minus at base, paired per seed.
    public static let minusBase = "contrast.accuracy.final.minus_base"
    /// `accuracy.final` at each iteration minus at iteration 1, paired per seed.
    public static let minusIteration1 = "contrast.accuracy.final.minus_iteration1"
    /// `accuracy.final` at each iteration minus at the last, paired per seed.
    public static let minusLast = "contrast.accuracy.final.minus_last"
    /// `accuracy.round1_individual` at each iteration minus at base, paired per seed.
    public static let individualMinusBase = "contrast.accuracy.round1_individual.minus_base"
    /// `kl_base.critic` minus `kl_base.generator` of one regime and iteration.
    public static let criticMinusGenerator = "contrast.kl_base.critic_minus_generator"
    /// `accuracy.final` of the row's regime minus that of `regime`, same seed and iteration.
    public static func accuracyMinus(_ regime: String) -> String { "contrast.accuracy.final.minus.\(regime)" }
    /// `kl_base.generator` of the row's regime minus `kl_base` of `regime` (its one model), same
    /// seed and iteration.
    public static func generatorKLMinus(_ regime: String) -> String { "contrast.kl_base.generator.minus.\(regime)" }
    /// `divergence.scorer.critic` minus `divergence.scorer.generator` of one regime and iteration.
    public static let scorerCriticMinusGenerator = "contrast.divergence.scorer.critic_minus_generator"
    /// `contrast.<metric>.minus.<regime>` for a metric other than accuracy.
    public static func metricMinus(_ metric: String, _ regime: String) -> String { "contrast.\(metric).minus.\(regime)" }
    /// The placebo-corrected version of an accuracy contrast.
    public static func overPlacebo(_ contrast: String) -> String { contrast + ".over_placebo" }
    /// Diversity metrics contrasted between multiagent and single-agent at every iteration.
    public static let diversityMetrics = [MetricName.sampleEmbeddingDissimilarity, MetricName.disagreementAnswer]

    /// Regime pairs (A, B) whose final accuracies are contrasted when both ran.
    public static let regimePairs: [(String, String)] = [
        ("multiagent", "no-summary"), ("multiagent", "no-critic"),
        ("single-agent", "single-no-debate"), ("multiagent", "single-agent"),
        ("multiagent", "majority-ft"), ("single-agent", "star"),
        ("single-agent-matched", "single-no-debate"), ("multiagent", "single-agent-matched"),
    ]

    /// The contrast rows of one seed, given that seed's rows of all regimes.
    static func rows(seed: UInt64, iterations last: Int, values: [String: [Int: [String: Double]]]) -> [MetricRow] {
        var out: [MetricRow] = []
        let acc = MetricName.accuracyFinal
        for (regime, byIt) in values {
            for t in 0...last {
                guard let a = byIt[t]?[acc] else { continue }
                if let b = byIt[0]?[acc] { out.append(MetricRow(regime: regime, seed: seed, iteration: t, metric: minusBase, value: a - b)) }
                if let x = byIt[t]?[MetricName.accuracyRound1Individual], let b = byIt[0]?[MetricName.accuracyRound1Individual] {
                    out.append(MetricRow(regime: regime, seed: seed, iteration: t, metric: individualMinusBase, value: x - b))
                }
                if last >= 1, let b = byIt[1]?[acc] { out.append(MetricRow(regime: regime, seed: seed, iteration: t, metric: minusIteration1, value: a - b)) }
                if let b = byIt[last]?[acc] { out.append(MetricRow(regime: regime, seed: seed, iteration: t, metric: minusLast, value: a - b)) }
                if let kc = byIt[t]?[MetricName.klBaseCritic], let kg = byIt[t]?[MetricName.klBaseGenerator] {
                    out.append(MetricRow(regime: regime, seed: seed, iteration: t, metric: criticMinusGenerator, value: kc - kg))
                }
                if let dc = byIt[t]?[MetricName.divergenceScorerCritic], let dg = byIt[t]?[MetricName.divergenceScorerGenerator] {
                    out.append(MetricRow(regime: regime, seed: seed, iteration: t, metric: scorerCriticMinusGenerator, value: dc - dg))
                }
                // Gains over the placebo twin: R's change minus the twin's change, same seed.
                if let twin = values[Regime.placeboTwin(of: regime)], let pa = twin[t]?[acc] {
                    if let b = byIt[0]?[acc], let pb = twin[0]?[acc] {
                        out.append(MetricRow(regime: regime, seed: seed, iteration: t, metric: overPlacebo(minusBase), value: (a - b) - (pa - pb)))
                    }
                    if last >= 1, let b = byIt[1]?[acc], let pb = twin[1]?[acc] {
                        out.append(MetricRow(regime: regime, seed: seed, iteration: t, metric: overPlacebo(minusIteration1), value: (a - b) - (pa - pb)))
                    }
                    if let b = byIt[last]?[acc], let pb = twin[last]?[acc] {
                        out.append(MetricRow(regime: regime, seed: seed, iteration: t, metric: overPlacebo(minusLast), value: (a - b) - (pa - pb)))
                    }
                }
            }
        }
        for (a, b) in regimePairs {
            guard let va = values[a], let vb = values[b] else { continue }
            for t in 0...last {
                if let x = va[t]?[acc], let y = vb[t]?[acc] {
                    out.append(MetricRow(regime: a, seed: seed, iteration: t, metric: accuracyMinus(b), value: x - y))
                }
            }
        }
        if let multi = values["multiagent"], let single = values["single-agent"] {
            for t in 0...last {
                for metric in diversityMetrics {
                    if let x = multi[t]?[metric], let y = single[t]?[metric] {
                        out.append(MetricRow(regime: "multiagent", seed: seed, iteration: t,
                                             metric: metricMinus(metric, "single-agent"), value: x - y))
                    }
                }
            }
        }
        if let single = values["single-agent"] {
            for (regime, byIt) in values where regime != "single-agent" {
                for t in 0...last {
                    if let g = byIt[t]?[MetricName.klBaseGenerator], let s = single[t]?[MetricName.klBase] {
                        out.append(MetricRow(regime: regime, seed: seed, iteration: t, metric: generatorKLMinus("single-agent"), value: g - s))
                    }
                }
            }
        }
        return out
    }

    /// `rows` with the contrast rows of every seed merged in, sorted by (regime order, seed order,
    /// iteration, metric).
    static func merge(_ rows: [MetricRow], regimes: [String], seeds: [UInt64], iterations: Int) -> [MetricRow] {
        let regimeOrder = Dictionary(uniqueKeysWithValues: regimes.enumerated().map { ($1, $0) })
        let seedOrder = Dictionary(uniqueKeysWithValues: seeds.enumerated().map { ($1, $0) })
        var pairs = [[MetricRow]](repeating: [], count: regimes.count * seeds.count)
        for r in rows { pairs[regimeOrder[r.regime]! * seeds.count + seedOrder[r.seed]!].append(r) }
        return merge(pairs: pairs, regimes: regimes, seeds: seeds, iterations: iterations)
    }

    /// The rows of every (regime, seed) pair (pair t = regime index · seeds + seed index) with the
    /// contrast rows of every seed merged in, sorted by (regime order, seed order, iteration,
    /// metric): the same rows in the same order as a sort of all rows by that key, made seed by
    /// seed on `threads` threads (the contrasts of a seed need only that seed's rows) and with
    /// small sorts (one pair's rows at a time) instead of one sort of millions of rows.
    /// - Complexity: O(rows · log(rows per pair)).
    static func merge(pairs: [[MetricRow]], regimes: [String], seeds: [UInt64], iterations: Int,
                      threads: Int = 1) -> [MetricRow] {
        let regimeOrder = Dictionary(uniqueKeysWithValues: regimes.enumerated().map { ($1, $0) })
        let sorted = Parallel.Slots<[[MetricRow]]>(count: seeds.count)   // per seed: rows per regime
        Parallel.forEach(count: seeds.count, threads: threads) { s in
            var values: [String: [Int: [String: Double]]] = [:]
            for r in 0..<regimes.count {
                for row in pairs[r * seeds.count + s] {
                    values[row.regime, default: [:]][row.iteration, default: [:]][row.metric] = row.value
                }
            }
            var byRegime = (0..<regimes.count).map { pairs[$0 * seeds.count + s] }
            for row in Contrasts.rows(seed: seeds[s], iterations: iterations, values: values) {
                byRegime[regimeOrder[row.regime]!].append(row)
            }
            for r in byRegime.indices {
                byRegime[r].sort { $0.iteration != $1.iteration ? $0.iteration < $1.iteration : $0.metric < $1.metric }
            }
            sorted.set(s, byRegime)
        }
        let bySeed = sorted.values()
        var all: [MetricRow] = []
        all.reserveCapacity(bySeed.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } })
        for r in regimes.indices { for s in seeds.indices { all += bySeed[s][r] } }
        return all
    }
}
