import ChorusRecords

/// Round-to-round transitions of individual agents between round r − 1 and round r.
///
/// Each (question, agent) present in both rounds is one transition. When the question has
/// ground truth it falls in exactly one of right→right, right→wrong, wrong→right,
/// wrong→same wrong (same answer, or no answer twice) and wrong→other wrong; otherwise it is
/// `unjudged`. Independently of truth, a transition is a *switch* when the answer changed, and a
/// switch *to the plurality* when the new answer equals the previous round's majority vote
/// (`Vote.majority` over all agents, the agent's own previous answer included). Conformity is
/// toPlurality / switches. Known bias: a switch towards the plurality is not necessarily peer
/// pressure — when the plurality is right, evidence and support point the same way (only the
/// simulator's `evidence` field separates them, see `SwitchAttribution`).
public struct FlipCounts: Sendable, Equatable {
    /// Transitions right in both rounds.
    public var rightRight = 0
    /// Transitions right in round r − 1 and wrong in round r.
    public var rightWrong = 0
    /// Transitions wrong in round r − 1 and right in round r.
    public var wrongRight = 0
    /// Transitions wrong in both rounds with the same answer (or no answer twice).
    public var wrongSameWrong = 0
    /// Transitions wrong in both rounds with different answers.
    public var wrongOtherWrong = 0
    /// Transitions without ground truth.
    public var unjudged = 0
    /// Transitions whose answer changed.
    public var switches = 0
    /// Switches to the previous round's plurality answer.
    public var toPlurality = 0
    /// All transitions.
    public var total = 0

    /// All counts at 0.
    public init() {}

    /// Conformity: the fraction of switches that went to the previous round's plurality; nil
    /// when nobody switched.
    public var conformity: Double? { switches > 0 ? Double(toPlurality) / Double(switches) : nil }

    /// The counts under their table names, in table order: `flips.csv`'s `kind` column and the
    /// `flips.{kind}` metrics (each a share of `total`). `total` itself is the last entry.
    public var kinds: [(kind: String, count: Int)] {
        [("right_right", rightRight), ("right_wrong", rightWrong), ("wrong_right", wrongRight),
         ("wrong_same_wrong", wrongSameWrong), ("wrong_other_wrong", wrongOtherWrong), ("unjudged", unjudged),
         ("switches", switches), ("to_plurality", toPlurality), ("total", total)]
    }

    /// Adds another table's counts.
    public mutating func add(_ o: FlipCounts) {
        rightRight += o.rightRight; rightWrong += o.rightWrong; wrongRight += o.wrongRight
        wrongSameWrong += o.wrongSameWrong; wrongOtherWrong += o.wrongOtherWrong
        unjudged += o.unjudged; switches += o.switches; toPlurality += o.toPlurality; total += o.total
    }

    /// The transitions of one debate from round `to − 1` to round `to`.
    public static func count(_ d: DebateIndex.Debate, to r: Int) -> FlipCounts {
        var f = FlipCounts()
        guard let prev = d.responses[r - 1], let cur = d.responses[r] else { return f }
        let plurality = d.majority(round: r - 1)
        let truthKnown = d.hasTruth(round: r - 1) && d.hasTruth(round: r)
        for agent in cur.keys.sorted() {
            guard let a = prev[agent], let b = cur[agent] else { continue }
            f.total += 1
            if a.answer != b.answer {
                f.switches += 1
                if let p = plurality, b.answer == p { f.toPlurality += 1 }
            }
            guard truthKnown, let ra = QuestionMetrics.judge(a, in: d), let rb = QuestionMetrics.judge(b, in: d) else {
                f.unjudged += 1; continue
            }
            switch (ra, rb) {
            case (true, true): f.rightRight += 1
            case (true, false): f.rightWrong += 1
            case (false, true): f.wrongRight += 1
            case (false, false):
                if a.answer == b.answer { f.wrongSameWrong += 1 } else { f.wrongOtherWrong += 1 }
            }
        }
        return f
    }
}
