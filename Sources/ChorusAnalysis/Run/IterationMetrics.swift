import Foundation
import ChorusStats
import ChorusRecords

/// The simulator's per-iteration metrics (`MetricName`), computed from transcripts of a run,
/// so that a real run and a simulated one are read on the same axes (issue 12).
///
/// Per question, then the mean over questions with a 95% percentile bootstrap interval over
/// questions (`RoundMetrics.bootstrapMean`). With R the last round and N the agents answering:
/// - `accuracy.round1_individual`: fraction of round-1 answers right;
/// - `accuracy.round1_majority`: round-1 majority right (ties to the largest answer string);
/// - `accuracy.final`: last-round majority right;
/// - `sample.consensus`: share of the answering agents of the last round whose answer is the
///   last-round plurality answer (questions where nobody answered are left out);
/// - `sample.answer_entropy_plugin` / `_mm`: plug-in entropy of the round-1 answers, and
///   Miller–Madow (plug-in + (k − 1)/(2m), k distinct answers, m answering agents);
/// - `sample.flip_wrong_right` / `_right_wrong`: share of agents wrong in round 1 and right in
///   round R / right then wrong (only with R ≥ 2);
/// - `disagreement.answer`: share of agent pairs whose round-1 answers differ (the unbiased
///   estimate of the simulator's exact P(two seats answer differently); a missing answer
///   differs from every answer);
/// - `sample.embedding_dissimilarity`: mean over round-1 pairs of 1 − cosine of the records'
///   embeddings (only questions whose round-1 records all carry one).
/// Every value comes from `AnswerKernels`; ties of the vote go to the largest answer string.
/// Questions without ground truth do not enter the accuracy and flip metrics.
public enum IterationMetrics {
    /// The columns of the table, in order.
    public static let columns = ["run", "iteration", "metric", "value", "lower", "upper", "n"]

    /// One row per (run, iteration, metric), iterations ascending. The records of a run are one
    /// society (one regime and seed): `chorus analyze --run` refuses logs that mix several, which
    /// this table would pool.
    /// - Complexity: O(n + iterations · metrics · replicates · Q).
    public static func table(_ records: [ResponseRecord], stream: SeedStream = SeedStream(seed: 0),
                             replicates: Int = RoundMetrics.replicates) -> TidyTable {
        let index = DebateIndex(records)
        var t = TidyTable(columns: columns)
        for run in index.runs {
            for it in index.iterations(run: run) {
                let debates = index.debates(run: run, iteration: it)   // in the transcript's order, as the simulator sums
                let s = stream.child(run).child(UInt64(bitPattern: Int64(it)))
                for (name, values) in perQuestion(debates) where !values.isEmpty {
                    let m = RoundMetrics.bootstrapMean(values, stream: s.child(name), replicates: replicates)
                    t.append([run, String(it), name, TidyTable.format(m.mean), TidyTable.format(m.lower), TidyTable.format(m.upper), String(m.n)])
                }
            }
        }
        return t
    }

    /// Per-question values of every metric, in a fixed metric order, each from the shared
    /// kernels (`AnswerKernels`) on the debate's coded answers (`AnswerCoding`): on a simulator's
    /// transcripts they give the simulator's own `sample.*` values to the bit (the simulator
    /// calls the same kernels on the same codes, in the same order).
    public static func perQuestion(_ debates: [DebateIndex.Debate]) -> [(String, [Double])] {
        var ind: [Double] = [], maj1: [Double] = [], fin: [Double] = [], cons: [Double] = []
        var hp: [Double] = [], hmm: [Double] = [], wr: [Double] = [], rw: [Double] = [], dis: [Double] = []
        var emb: [Double] = []
        for d in debates {
            let rounds = d.rounds
            guard let first = rounds.first, let last = rounds.last else { continue }
            let r1 = d.round(first), rL = d.round(last)
            let coding = d.coding
            let c1 = r1.map { coding.code($0.answer) }, cL = rL.map { coding.code($0.answer) }
            let truth = d.hasTruth(round: first)
            if truth {
                ind.append(Double(r1.filter { QuestionMetrics.judge($0, in: d) == true }.count) / Double(r1.count))
                maj1.append(d.isCorrect(coding.answer(AnswerKernels.plurality(c1, alphabet: coding.alphabet)), round: first) ? 1 : 0)
            }
            let yL = AnswerKernels.plurality(cL, alphabet: coding.alphabet)
            if d.hasTruth(round: last) { fin.append(d.isCorrect(coding.answer(yL), round: last) ? 1 : 0) }
            if let c = AnswerKernels.consensus(cL, plurality: yL) { cons.append(c) }
            if let h = AnswerKernels.entropy(c1, alphabet: coding.alphabet) { hp.append(h.plugIn); hmm.append(h.millerMadow) }
            if let x = AnswerKernels.disagreement(c1) { dis.append(x) }
            let vectors = r1.compactMap(\.embedding)
            if vectors.count == r1.count, let e = AnswerKernels.embeddingDissimilarity(vectors) { emb.append(e) }
            if last != first, truth {
                let byAgent = Dictionary(rL.map { ($0.agent, $0) }, uniquingKeysWith: { x, _ in x })
                let right1 = r1.map { QuestionMetrics.judge($0, in: d) == true }
                // An agent absent from the last round counts as unchanged (no flip).
                let rightL = r1.indices.map { i in byAgent[r1[i].agent].map { QuestionMetrics.judge($0, in: d) == true } ?? right1[i] }
                let f = AnswerKernels.flips(firstCorrect: right1, lastCorrect: rightL)
                wr.append(f.wrongRight); rw.append(f.rightWrong)
            }
        }
        return [(MetricName.accuracyRound1Individual, ind), (MetricName.accuracyRound1Majority, maj1),
                (MetricName.accuracyFinal, fin), (MetricName.sampleConsensus, cons),
                (MetricName.sampleAnswerEntropyPlugin, hp), (MetricName.sampleAnswerEntropyMM, hmm),
                (MetricName.sampleFlipWrongRight, wr), (MetricName.sampleFlipRightWrong, rw),
                (MetricName.disagreementAnswer, dis), (MetricName.sampleEmbeddingDissimilarity, emb)]
    }
}
