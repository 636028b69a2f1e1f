import Foundation
import ChorusStats
import ChorusRecords
import ChorusAnalysis

/// Study 7: `chorus fit` on synthetic truth (issue 12; docs/fit.md, docs/validation.md).
///
/// Debate logs are simulated from known parameters by a generator written apart from the
/// likelihood: Q questions, N agents, R rounds; in round 1 each agent is right with
/// probability p, else gives one of K wrong answers uniformly; in rounds ≥ 2 each agent
/// chooses among the answers in view with P(a) ∝ exp(w_stay·[a = own] + w_support·share(a)).
/// Each log is written as records and fitted by `DebateFit` through the same path as a real log.
/// Checks:
/// - coverage: the 95% intervals of w_stay, w_support and the base accuracy cover the truth in
///   90–99% of the replicates (≥ 200; quick: 60, band 95% ± 3 binomial standard errors);
/// - consistency: the RMSE of each weight falls with Q; from Q to 16·Q it must fall by more
///   than a factor 2 (theory: 4, as 1/√Q).
public enum FitCoverageStudy {
    /// The true parameters of the simulated logs: w_stay, w_support and the base accuracy p.
    public static let truth = (stay: 1.0, support: 2.0, accuracy: 0.45)
    /// The shape of the simulated logs: agents N, rounds R and wrong answers K.
    public static let agents = 3, rounds = 3, wrongAnswers = 3

    /// One synthetic log as records.
    public static func syntheticLog(questions: Int, stay: Double, support: Double, accuracy p: Double,
                                    agents n: Int = agents, rounds: Int = rounds, wrong: Int = wrongAnswers,
                                    g: inout Xoshiro256) -> [ResponseRecord] {
        var out: [ResponseRecord] = []
        out.reserveCapacity(questions * n * rounds)
        for q in 0..<questions {
            let qid = "q\(q)"
            var prev = (0..<n).map { _ -> Int in g.nextUnit() < p ? 0 : 1 + min(wrong - 1, Int(g.nextUnit() * Double(wrong))) }
            for r in 1...rounds {
                var now = prev
                if r > 1 {
                    for i in 0..<n {
                        var view: [Int] = [prev[i]]
                        for j in 0..<n where j != i && !view.contains(prev[j]) { view.append(prev[j]) }
                        let scores = view.map { a -> Double in
                            let share = Double((0..<n).filter { $0 != i && prev[$0] == a }.count) / Double(n - 1)
                            return exp((a == prev[i] ? stay : 0) + support * share)
                        }
                        var u = g.nextUnit() * scores.reduce(0, +)
                        now[i] = view.last!
                        for (k, s) in scores.enumerated() { u -= s; if u < 0 { now[i] = view[k]; break } }
                    }
                }
                for i in 0..<n {
                    out.append(ResponseRecord(run: "synthetic", regime: "log", iteration: 0, question: qid, agent: i,
                                              role: r == 1 ? .generator : .critic, round: r, answer: String(now[i]),
                                              correct: now[i] == 0, truth: "0"))
                }
                prev = now
            }
        }
        return out
    }

    struct Replicate: Sendable { var est: [Double]; var covered: [Bool] }

    static func replicate(questions: Int, stream: SeedStream, bootstrap: Int) -> Replicate {
        var g = stream.generator()
        let recs = syntheticLog(questions: questions, stay: truth.stay, support: truth.support, accuracy: truth.accuracy, g: &g)
        let index = DebateIndex(recs)
        guard let r = try? DebateFit.fit(index.debates(index.groups[0]), stream: stream.child("fit"), replicates: bootstrap, diversity: false) else {
            return Replicate(est: [.nan, .nan, .nan], covered: [false, false, false])
        }
        let names = ["critic.weight.stay", "critic.weight.support", "accuracy.round1_individual"]
        let t = [truth.stay, truth.support, truth.accuracy]
        var est: [Double] = [], cov: [Bool] = []
        for (k, n) in names.enumerated() {
            let e = r.estimate(n)!
            est.append(e.value); cov.append(e.lower <= t[k] && t[k] <= e.upper)
        }
        return Replicate(est: est, covered: cov)
    }

    /// Runs study 7: its tables, checks and summary.
    public static func run(_ o: ValidationOptions) throws -> StudyResult {
        var result = StudyResult(number: 7, title: "chorus fit: coverage and consistency on synthetic truth")
        let root = SeedStream(seed: o.seed).child("fit-coverage")
        let reps = o.quick ? 60 : 240
        let q = o.quick ? 100 : 200
        let runs = Parallel.map(count: reps, threads: o.threads) { i in replicate(questions: q, stream: root.child("coverage").child(UInt64(i)), bootstrap: o.quick ? 200 : 1000) }
        let names = ["w_stay", "w_support", "base accuracy"]
        let truthValues = [truth.stay, truth.support, truth.accuracy]
        var table = TidyTable(columns: ["parameter", "truth", "replicates", "questions", "coverage", "mean_estimate", "rmse"])
        let se = (0.95 * 0.05 / Double(reps)).squareRoot()
        for k in 0..<3 {
            let c = Double(runs.filter { $0.covered[k] }.count) / Double(reps)
            let e = runs.map { $0.est[k] }.filter(\.isFinite)
            let mean = e.reduce(0, +) / Double(max(1, e.count))
            let rmse = (e.map { ($0 - truthValues[k]) * ($0 - truthValues[k]) }.reduce(0, +) / Double(max(1, e.count))).squareRoot()
            table.append([names[k], TidyTable.format(truthValues[k]), String(reps), String(q), TidyTable.format(c), TidyTable.format(mean), TidyTable.format(rmse)])
            let (lo, hi) = o.quick ? (0.95 - 3 * se, min(1.0, 0.95 + 3 * se)) : (0.90, 0.99)
            result.checks.append(Check(study: 7, name: "95% CI coverage of \(names[k])", kind: .analytic, measured: c, expected: (lo + hi) / 2,
                                       tolerance: (hi - lo) / 2, passed: c >= lo && c <= hi,
                                       detail: "\(reps) synthetic logs of \(q) questions × \(agents) agents × \(rounds) rounds; pass band [\(fmt(lo)), \(fmt(hi))]"))
            result.summary.append("\(names[k]): truth \(fmt(truthValues[k])), mean estimate \(fmt(mean)), RMSE \(fmt(rmse)), coverage \(fmt(c))")
        }
        // Consistency: RMSE against Q.
        let sizes = o.quick ? [50, 800] : [50, 200, 800]
        let per = o.quick ? 16 : 60
        var rmses: [[Double]] = [[], []]
        var cons = TidyTable(columns: ["questions", "parameter", "replicates", "rmse"])
        for (si, n) in sizes.enumerated() {
            let rs = Parallel.map(count: per, threads: o.threads) { i in replicate(questions: n, stream: root.child("consistency").child(UInt64(si), UInt64(i)), bootstrap: 20) }
            for k in 0..<2 {
                let e = rs.map { $0.est[k] }.filter(\.isFinite)
                let rmse = (e.map { ($0 - truthValues[k]) * ($0 - truthValues[k]) }.reduce(0, +) / Double(max(1, e.count))).squareRoot()
                rmses[k].append(rmse)
                cons.append([String(n), names[k], String(per), TidyTable.format(rmse)])
            }
        }
        for k in 0..<2 {
            let ratio = rmses[k].first! / rmses[k].last!
            result.checks.append(.direction(7, "RMSE of \(names[k]) falls with questions (Q \(sizes.first!) → \(sizes.last!))",
                                            measured: ratio, reference: 2, margin: 0,
                                            detail: "ratio RMSE(Q=\(sizes.first!))/RMSE(Q=\(sizes.last!)); 1/√Q predicts 4; \(per) replicates each"))
            result.summary.append("RMSE of \(names[k]) by Q \(sizes.map(String.init).joined(separator: ", ")): \(rmses[k].map { fmt($0) }.joined(separator: ", "))")
        }
        result.tables = [("fit-coverage.csv", table), ("fit-consistency.csv", cons)]
        var curves = StudyCurves("study7_fit_consistency", study: 7, options: o)
        let qs = sizes.map(Double.init), panel = "RMSE against Q (log-log)"
        curves.add(panel: panel, series: "w_stay", x: qs, y: rmses[0], replicates: per)
        curves.add(panel: panel, series: "w_support", x: qs, y: rmses[1], replicates: per)
        curves.add(panel: panel, series: "1/√Q (through the first w_support point)", kind: .theory, x: qs,
                   y: sizes.map { rmses[1][0] * (Double(sizes[0]) / Double($0)).squareRoot() }, replicates: 1)
        result.curves = [curves]
        return result
    }
}
