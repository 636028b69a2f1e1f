import Foundation
import ChorusStats
import ChorusRecords

/// The simulator's per-iteration metrics (`MetricName`), computed from transcripts of a run,
/// so that a real run and a simulated one are read on the same axes (issue 12).
///
/// Per question, then the mean over questions with a 95% percentile bootstrap interval over
/// questions (`RoundMetrics.bootstrapMean`). With R the last round and N the agents answering:
/// - `accuracy.round1_individual`: fraction of round-1 answers right;
/// - `accuracy.round1_majority`: round-1 majority right (ties: `Vote.majority`'s rule);
/// - `accuracy.final`: last-round majority right;
/// - `sample.consensus`: share of the N last-round answers equal to the last-round majority
///   (as `SampledMetrics`; a missing answer never agrees);
/// - `sample.answer_entropy_plugin` / `_mm`: plug-in entropy of the round-1 answers, and
///   Miller–Madow (plug-in + (m − 1)/(2N), m distinct answers);
/// - `sample.flip_wrong_right` / `_right_wrong`: share of agents wrong in round 1 and right in
///   round R / right then wrong (only with R ≥ 2);
/// - `disagreement.answer`: share of agent pairs whose round-1 answers differ (the unbiased
///   estimate of the simulator's exact P(two seats answer differently); a missing answer
///   differs from every answer).
/// Questions without ground truth do not enter the accuracy and flip metrics.
public enum IterationMetrics {
    public static let columns = ["run", "iteration", "metric", "value", "lower", "upper", "n"]

    /// One row per (run, iteration, metric), iterations ascending.
    /// - Complexity: O(n + iterations · metrics · replicates · Q).
    public static func table(_ records: [ResponseRecord], stream: SeedStream = SeedStream(seed: 0),
                             replicates: Int = RoundMetrics.replicates) -> TidyTable {
        let index = DebateIndex(records)
        var t = TidyTable(columns: columns)
        for run in index.runs {
            for it in index.iterations(run: run) {
                let debates = index.debates(run: run, iteration: it).sorted { $0.question < $1.question }
                let s = stream.child(run).child(UInt64(bitPattern: Int64(it)))
                for (name, values) in perQuestion(debates) where !values.isEmpty {
                    let m = RoundMetrics.bootstrapMean(values, stream: s.child(name), replicates: replicates)
                    t.append([run, String(it), name, TidyTable.format(m.mean), TidyTable.format(m.lower), TidyTable.format(m.upper), String(m.n)])
                }
            }
        }
        return t
    }

    /// Per-question values of every metric, in a fixed metric order.
    public static func perQuestion(_ debates: [DebateIndex.Debate]) -> [(String, [Double])] {
        var ind: [Double] = [], maj1: [Double] = [], fin: [Double] = [], cons: [Double] = []
        var hp: [Double] = [], hmm: [Double] = [], wr: [Double] = [], rw: [Double] = [], dis: [Double] = []
        for d in debates {
            let rounds = d.rounds
            guard let first = rounds.first, let last = rounds.last else { continue }
            let r1 = d.round(first), rL = d.round(last)
            let truth = d.hasTruth(round: first)
            if truth {
                ind.append(Double(r1.filter { QuestionMetrics.judge($0, in: d) == true }.count) / Double(r1.count))
                maj1.append(d.isCorrect(d.majority(round: first), round: first) ? 1 : 0)
            }
            if d.hasTruth(round: last) { fin.append(d.isCorrect(d.majority(round: last), round: last) ? 1 : 0) }
            if let m = d.majority(round: last) {
                cons.append(Double(rL.filter { $0.answer == m }.count) / Double(rL.count))
            } else { cons.append(0) }
            let counts = QuestionMetrics.answerCounts(d, round: first)
            let n = Double(r1.count)
            if !counts.isEmpty {
                let answered = Double(counts.reduce(0, +))
                var h = 0.0
                for c in counts { let p = Double(c) / answered; h -= p * log(p) }
                hp.append(h); hmm.append(h + Double(counts.count - 1) / (2 * answered))
            }
            if r1.count >= 2 {
                var differ = 0.0, pairs = 0.0
                for i in 0..<r1.count { for j in (i + 1)..<r1.count {
                    pairs += 1
                    if r1[i].answer == nil || r1[i].answer != r1[j].answer { differ += 1 }
                } }
                dis.append(differ / pairs)
            }
            if last != first, truth {
                var a = 0.0, b = 0.0
                let byAgent = Dictionary(rL.map { ($0.agent, $0) }, uniquingKeysWith: { x, _ in x })
                for r in r1 {
                    guard let e = byAgent[r.agent] else { continue }
                    let c1 = QuestionMetrics.judge(r, in: d) == true, cL = QuestionMetrics.judge(e, in: d) == true
                    if !c1 && cL { a += 1 }
                    if c1 && !cL { b += 1 }
                }
                wr.append(a / n); rw.append(b / n)
            }
        }
        return [(MetricName.accuracyRound1Individual, ind), (MetricName.accuracyRound1Majority, maj1),
                (MetricName.accuracyFinal, fin), (MetricName.sampleConsensus, cons),
                (MetricName.sampleAnswerEntropyPlugin, hp), (MetricName.sampleAnswerEntropyMM, hmm),
                (MetricName.sampleFlipWrongRight, wr), (MetricName.sampleFlipRightWrong, rw),
                (MetricName.disagreementAnswer, dis)]
    }
}
