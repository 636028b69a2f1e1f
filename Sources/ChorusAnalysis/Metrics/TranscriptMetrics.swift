import Foundation
import ChorusStats
import ChorusRecords

/// Every transcript metric of a run in one tidy (long) table: one row per
/// (run, regime, seed, iteration, round, metric) with the value and, for means over questions,
/// a 95% percentile bootstrap interval over questions.
///
/// Metrics (names in the `metric` column; definitions in docs/metrics.md and the doc comments
/// of the functions named):
/// - accuracy.individual / accuracy.majority / accuracy.oracle, no_answer_rate (`QuestionMetrics`)
/// - consensus, unanimity, fleiss_kappa, agreement.mean_pairwise (`Agreement`)
/// - answer_entropy.<estimator> for every `EntropyEstimator` (per question, mean)
/// - flips.{kind} (every `FlipCounts.kinds` but the total, as shares of it) and conformity (rounds ≥ 2, `FlipCounts`); switch.* (`SwitchAttribution`, when
///   evidence is recorded)
/// - js.plugin / js.corrected (`AnswerDivergence.perQuestion`); js.style.plugin / corrected
///   (`AnswerDivergence.amongAgents` over the simulator's chain styles, pooled over questions);
///   nll.self (`CrossAgentNLL`)
/// - text.distinct_1 / distinct_2, text.jaccard_2, text.tfidf_dissimilarity, text.self_bleu,
///   text.vendi (q = 1, TF-IDF kernel), when at least two responses of a question have text
/// - embedding.dissimilarity, embedding.vendi, when embeddings are present
public enum TranscriptMetrics {
    /// The columns of the table, in order.
    public static let columns = ["run", "regime", "seed", "iteration", "round", "metric", "value", "lower", "upper", "n"]

    /// The long table of `records`. `alphabetSize` is NSB's K for answers (e.g. 4 for A–D;
    /// default: the distinct answers of each question).
    /// - Complexity: O(rows · metrics · replicates · Q) for the intervals; pass fewer
    ///   `replicates` for large simulated transcripts.
    public static func table(_ records: [ResponseRecord], alphabetSize: Int? = nil,
                             stream: SeedStream = SeedStream(seed: 0), replicates: Int = 1000) -> TidyTable {
        let index = DebateIndex(records)
        var t = TidyTable(columns: columns)
        for g in index.groups {
            let debates = index.debates(g).sorted { $0.question < $1.question }
            let gs = stream.child(g.run).child(g.regime).child(g.seed ?? UInt64.max, UInt64(bitPattern: Int64(g.iteration)))
            for r in index.rounds(g) {
                let inRound = debates.filter { $0.responses[r] != nil }
                let rs = gs.child(UInt64(r))
                func emit(_ metric: String, _ value: Double, _ lower: Double = .nan, _ upper: Double = .nan, n: Int) {
                    t.append([g.run, g.regime, g.seed.map(String.init) ?? "", String(g.iteration), String(r), metric,
                              TidyTable.format(value), TidyTable.format(lower), TidyTable.format(upper), String(n)])
                }
                func mean(_ metric: String, _ f: (DebateIndex.Debate) -> Double?) {
                    let v = inRound.compactMap(f)
                    guard !v.isEmpty else { return }
                    let s = RoundMetrics.bootstrapMean(v, stream: rs.child(metric), replicates: replicates)
                    emit(metric, s.mean, s.lower, s.upper, n: s.n)
                }
                mean(MetricName.accuracyIndividual) { QuestionMetrics.individualAccuracy($0, round: r) }
                mean(MetricName.accuracyMajority) { QuestionMetrics.majorityCorrect($0, round: r) }
                mean(MetricName.accuracyOracle) { QuestionMetrics.oracleCorrect($0, round: r) }
                mean(MetricName.noAnswerRate) { QuestionMetrics.noAnswerFraction($0, round: r) }
                mean(MetricName.consensus) { QuestionMetrics.consensus($0, round: r) }
                mean(MetricName.unanimity) { QuestionMetrics.unanimous($0, round: r) }
                if let k = Agreement.fleissKappa(inRound, round: r) { emit(MetricName.fleissKappa, k, n: inRound.count) }
                let am = Agreement.matrix(inRound, round: r).values
                let off = am.indices.flatMap { i in am.indices.filter { $0 > i }.map { am[i][$0] } }.filter { !$0.isNaN }
                if !off.isEmpty { emit(MetricName.agreementMeanPairwise, off.reduce(0, +) / Double(off.count), n: off.count) }
                for e in EntropyEstimator.allCases {
                    mean(MetricName.answerEntropy(e)) { QuestionMetrics.answerEntropy($0, round: r, estimator: e, alphabetSize: alphabetSize) }
                }
                if let js = AnswerDivergence.perQuestion(inRound, round: r) {
                    emit(MetricName.jsPlugin, js.plugIn, n: js.questions); emit(MetricName.jsCorrected, js.corrected, n: js.questions)
                }
                if let js = AnswerDivergence.amongAgents(inRound, round: r, category: { $0.style.map(String.init) }) {
                    emit(MetricName.jsStylePlugin, js.plugIn, n: js.samples); emit(MetricName.jsStyleCorrected, js.corrected, n: js.samples)
                }
                let recs = inRound.flatMap { $0.round(r) }
                if let nll = CrossAgentNLL.selfNLL(recs) { emit(MetricName.nllSelf, nll, n: recs.count) }
                if r > index.rounds(g).first! {
                    var f = FlipCounts(), sa = SwitchAttribution()
                    for d in inRound { f.add(FlipCounts.count(d, to: r)); sa.add(SwitchAttribution.count(d, to: r)) }
                    let tot = max(1, f.total)
                    for (kind, v) in f.kinds.dropLast() {   // every kind but the total, as a share of it
                        emit(MetricName.flips(kind), Double(v) / Double(tot), n: f.total)
                    }
                    if let c = f.conformity { emit(MetricName.conformity, c, n: f.switches) }
                    if sa.attributed > 0 {
                        emit(MetricName.switchEvidenceShare, sa.evidenceShare!, n: sa.attributed)
                        emit(MetricName.switchSupportOnlyShare, sa.supportOnlyShare!, n: sa.attributed)
                    }
                }
                // Text and embeddings: per question, then mean over questions.
                func texts(_ d: DebateIndex.Debate) -> [String]? {
                    let t = d.round(r).compactMap(\.text); return t.count >= 2 ? t : nil
                }
                mean(MetricName.textDistinct1) { texts($0).flatMap { TextDiversity.distinctN($0, n: 1) } }
                mean(MetricName.textDistinct2) { texts($0).flatMap { TextDiversity.distinctN($0, n: 2) } }
                mean(MetricName.textJaccard2) { texts($0).flatMap { TextDiversity.ngramJaccard($0, n: 2) } }
                mean(MetricName.textTfidfDissimilarity) { texts($0).flatMap { TextDiversity.tfidfDissimilarity($0) } }
                mean(MetricName.textSelfBLEU) { texts($0).flatMap { TextDiversity.selfBLEU($0) } }
                mean(MetricName.textVendi) { texts($0).flatMap { try? Vendi.score(texts: $0) } }
                func embeddings(_ d: DebateIndex.Debate) -> [[Double]]? {
                    let e = d.round(r).compactMap(\.embedding); return e.count >= 2 ? e : nil
                }
                mean(MetricName.embeddingDissimilarity) { embeddings($0).flatMap { try? TextDiversity.embeddingDissimilarity($0) } }
                mean(MetricName.embeddingVendi) { embeddings($0).flatMap { try? Vendi.score(embeddings: $0) } }
            }
        }
        return t
    }
}
