import ChorusRecords

/// A hand-built 3-agent, 3-question, 2-round debate whose metrics are worked out by hand in
/// the analysis and fit tests (truths: q1 "4", q2 "7", q3 "1").
///
///        round 1            round 2
///   q1   4  5  6            4  4  5
///   q2   8  8  7            8  8  8
///   q3   –  1  1            1  1  1      (– = no answer)
public enum Fixture {
    public static let table: [(String, String, [[String?]])] = [
        ("q1", "4", [["4", "5", "6"], ["4", "4", "5"]]),
        ("q2", "7", [["8", "8", "7"], ["8", "8", "8"]]),
        ("q3", "1", [[nil, "1", "1"], ["1", "1", "1"]]),
    ]

    /// The debate as records. withCorrect: set `correct`; withTruth: set `truth`.
    public static func records(run: String = "t", withCorrect: Bool = true, withTruth: Bool = true) -> [ResponseRecord] {
        var out: [ResponseRecord] = []
        for (q, truth, rounds) in table {
            for (ri, answers) in rounds.enumerated() {
                for (agent, a) in answers.enumerated() {
                    out.append(ResponseRecord(
                        run: run, regime: "log", iteration: 0, question: q, agent: agent,
                        role: ri == 0 ? .generator : .critic, round: ri + 1, answer: a,
                        correct: withCorrect ? (a == truth) : nil, truth: withTruth ? truth : nil))
                }
            }
        }
        return out
    }
}
