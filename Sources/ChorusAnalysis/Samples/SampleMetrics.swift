import Foundation
import ChorusStats
import ChorusRecords

/// Metrics of a sample file (issue 12): per iteration, per model and pooled over models, on the
/// simulator's axes (`MetricName`, `MetricName.passAtK`).
///
/// Per question, then the mean over questions with a 95% percentile bootstrap interval over
/// questions (`RoundMetrics.bootstrapMean`). For one model with n judged samples of a question,
/// c of them right:
/// - `accuracy.round1_individual`: c/n (pooled: the mean over models, as the simulator's mean
///   over seats);
/// - `pass_at.k`, k in 1, 2, 4, …, 64: Chen et al.'s unbiased estimate 1 − C(n−c, k)/C(n, k)
///   (`PassAtK.estimate`) of the simulator's exact 1 − (1 − p)^k; questions with fewer than k
///   judged samples do not enter (the `n` column counts those that do); pooled: the mean over
///   the models with ≥ k samples;
/// - `coverage` (pooled only): 1 − Π_m (1 − c_m/n_m) (`PassAtK.coverage`), the unbiased estimate
///   of the simulator's P(some model is right with one sample each);
/// - `coverage.any_sample`: 1 if any of the samples is right (Brown et al. 2024's "coverage",
///   pass@n with every sample used; grows with n, so compare equal sample counts only);
/// - `accuracy.round1_majority`: the most frequent answer of the samples is right (ties: the
///   answer seen first; self-consistency / maj@n);
/// - `sample.answer_entropy_plugin` / `_mm`: plug-in entropy (nats) of the answers given, and
///   Miller–Madow (+ (K − 1)/(2N)); `disagreement.answer`: share of sample pairs whose answers
///   differ (no answer differs from every answer); `no_answer_rate`;
/// - `text.distinct_2`, `text.tfidf_dissimilarity` (`TextDiversity`) of the response texts, on
///   at most the first `maxTexts` texts per question and group (pairwise cost);
/// - `samples_per_question`: mean number of samples.
/// Questions without any judged sample do not enter the accuracy, pass@k and coverage metrics.
public enum SampleMetrics {
    /// The model name of the rows pooled over models.
    public static let pooled = "(all)"
    /// The columns of the table, in order.
    public static let columns = ["run", "iteration", "model", "metric", "value", "lower", "upper", "n"]
    /// Texts per question and group entering the text metrics.
    public static let maxTexts = 20

    /// One row per (iteration, model, metric): models in `models` order, then the pooled rows
    /// (only with several models, or always when `alwaysPooled`).
    /// - Complexity: O(samples · k + rows · replicates · Q + Q · maxTexts² · text length).
    public static func table(_ samples: [SampleRecord], run: String, models: [String], stream: SeedStream = SeedStream(seed: 0),
                             replicates: Int = RoundMetrics.replicates) -> TidyTable {
        var t = TidyTable(columns: columns)
        let byIteration = Dictionary(grouping: samples, by: \.iteration)
        for it in byIteration.keys.sorted() {
            let byQuestion = Dictionary(grouping: byIteration[it]!, by: \.question)
            let questions = byQuestion.keys.sorted()
            let grouped = questions.map { q in Dictionary(grouping: byQuestion[q]!, by: \.model) }
            let s = stream.child(run).child(UInt64(it))
            var groups: [(String, [(String, [Double])])] = models.map { m in (m, perQuestion(grouped.compactMap { $0[m] })) }
            groups.append((pooled, pooledPerQuestion(grouped, models: models)))
            for (model, metrics) in groups {
                for (name, values) in metrics where !values.isEmpty {
                    let m = RoundMetrics.bootstrapMean(values, stream: s.child(model).child(name), replicates: replicates)
                    t.append([run, String(it), model, name, TidyTable.format(m.mean), TidyTable.format(m.lower), TidyTable.format(m.upper), String(m.n)])
                }
            }
        }
        return t
    }

    /// The pooled rows in `IterationMetrics.columns` (run, iteration, metric, …), so that
    /// `chorus compare` reads a sample-file analysis like a run analysis.
    public static func iterationTable(_ t: TidyTable) -> TidyTable {
        var out = TidyTable(columns: IterationMetrics.columns)
        for r in t.rows where r[2] == pooled { out.append([r[0], r[1], r[3], r[4], r[5], r[6], r[7]]) }
        return out
    }

    static func judged(_ s: [SampleRecord]) -> (n: Int, c: Int) {
        var n = 0, c = 0
        for x in s { if let ok = x.correct { n += 1; if ok { c += 1 } } }
        return (n, c)
    }

    /// Per-question values of one model's samples (one element per question it answered).
    static func perQuestion(_ questions: [[SampleRecord]]) -> [(String, [Double])] {
        var acc: [Double] = [], maj: [Double] = [], any: [Double] = [], count: [Double] = []
        var pass = [[Double]](repeating: [], count: MetricName.passAtK.count)
        var common = Common()
        for s in questions {
            count.append(Double(s.count))
            let (n, c) = judged(s)
            if n > 0 {
                acc.append(Double(c) / Double(n))
                any.append(c > 0 ? 1 : 0)
                for (i, k) in MetricName.passAtK.enumerated() { if let p = PassAtK.estimate(samples: n, correct: c, k: k) { pass[i].append(p) } }
                maj.append(majorityCorrect(s))
            }
            common.add(s)
        }
        var out: [(String, [Double])] = [(MetricName.accuracyRound1Individual, acc), (MetricName.accuracyRound1Majority, maj)]
        for (i, k) in MetricName.passAtK.enumerated() { out.append((MetricName.passAt(k), pass[i])) }
        out.append((coverageAnySample, any))
        return out + common.metrics() + [(MetricName.samplesPerQuestion, count)]
    }

    /// Per-question values pooled over the models.
    static func pooledPerQuestion(_ questions: [[String: [SampleRecord]]], models: [String]) -> [(String, [Double])] {
        var acc: [Double] = [], maj: [Double] = [], any: [Double] = [], cov: [Double] = [], count: [Double] = []
        var pass = [[Double]](repeating: [], count: MetricName.passAtK.count)
        var common = Common()
        for byModel in questions {
            let all = models.flatMap { byModel[$0] ?? [] }
            count.append(Double(all.count))
            let counts = models.compactMap { byModel[$0] }.map(judged).filter { $0.n > 0 }
            if !counts.isEmpty {
                acc.append(counts.reduce(0.0) { $0 + Double($1.c) / Double($1.n) } / Double(counts.count))
                any.append(counts.contains { $0.c > 0 } ? 1 : 0)
                cov.append(PassAtK.coverage(counts.map { (samples: $0.n, correct: $0.c) })!)
                for (i, k) in MetricName.passAtK.enumerated() {
                    let ps = counts.compactMap { PassAtK.estimate(samples: $0.n, correct: $0.c, k: k) }
                    if !ps.isEmpty { pass[i].append(ps.reduce(0, +) / Double(ps.count)) }
                }
                maj.append(majorityCorrect(all))
            }
            common.add(all)
        }
        var out: [(String, [Double])] = [(MetricName.accuracyRound1Individual, acc), (MetricName.accuracyRound1Majority, maj)]
        for (i, k) in MetricName.passAtK.enumerated() { out.append((MetricName.passAt(k), pass[i])) }
        out.append((MetricName.coverage, cov))
        out.append((coverageAnySample, any))
        return out + common.metrics() + [(MetricName.samplesPerQuestion, count)]
    }

    /// Share of questions where some sample of the model is right (`MetricName.coverageAnySample`).
    public static let coverageAnySample = MetricName.coverageAnySample

    /// 1 if the most frequent answer (ties: the first seen) is right; 0 if nobody answered.
    static func majorityCorrect(_ s: [SampleRecord]) -> Double {
        var counts: [String: Int] = [:]
        var order: [String] = []
        for x in s { if let a = x.answer { if counts[a] == nil { order.append(a) }; counts[a, default: 0] += 1 } }
        guard let best = order.max(by: { counts[$0]! < counts[$1]! || (counts[$0]! == counts[$1]! && order.firstIndex(of: $0)! > order.firstIndex(of: $1)!) }) else { return 0 }
        return s.first(where: { $0.answer == best })?.correct == true ? 1 : 0
    }

    /// Answer and text diversity of a group of samples of one question.
    struct Common {
        var hp: [Double] = [], hmm: [Double] = [], dis: [Double] = [], none: [Double] = [], d2: [Double] = [], tf: [Double] = []
        var anyAnswers = false

        mutating func add(_ s: [SampleRecord]) {
            var counts: [String: Int] = [:]
            for x in s { if let a = x.answer { counts[a, default: 0] += 1 } }
            if !counts.isEmpty {
                anyAnswers = true
                let total = Double(counts.values.reduce(0, +))
                var h = 0.0
                for c in counts.values.sorted() { let p = Double(c) / total; h -= p * log(p) }
                hp.append(h); hmm.append(h + Double(counts.count - 1) / (2 * total))
            }
            if s.count >= 2 {
                // Pairs with equal answers: Σ_a C(n_a, 2); a no-answer agrees with nothing.
                let n = Double(s.count)
                let same = counts.values.reduce(0.0) { $0 + Double($1 * ($1 - 1)) / 2 }
                dis.append(1 - same / (n * (n - 1) / 2))
            }
            none.append(Double(s.filter { $0.answer == nil }.count) / Double(max(1, s.count)))
            let texts = Array(s.compactMap(\.response).prefix(SampleMetrics.maxTexts))
            if texts.count >= 2 {
                if let x = TextDiversity.distinctN(texts, n: 2) { d2.append(x) }
                if let x = TextDiversity.tfidfDissimilarity(texts) { tf.append(x) }
            }
        }

        func metrics() -> [(String, [Double])] {
            var out: [(String, [Double])] = []
            if anyAnswers {
                out += [(MetricName.sampleAnswerEntropyPlugin, hp), (MetricName.sampleAnswerEntropyMM, hmm),
                        (MetricName.disagreementAnswer, dis), (MetricName.noAnswerRate, none)]
            }
            return out + [(MetricName.textDistinct2, d2), (MetricName.textTfidfDissimilarity, tf)]
        }
    }
}
