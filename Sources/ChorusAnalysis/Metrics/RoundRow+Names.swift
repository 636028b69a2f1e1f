import ChorusStats
import ChorusRecords

/// One value of a per-round table under its registry name (`MetricName`, `MetricRegistry`):
/// a mean over `n` questions with its 95% bootstrap interval, or a single value (a share of
/// the round's responses or transitions) whose interval is absent.
public struct NamedValue: Sendable, Equatable {
    /// The registry name (`accuracy.individual`, `flips.right_wrong`, …).
    public var name: String
    /// The mean over questions, or the value; always finite.
    public var value: Double
    /// The 95% interval, when the value is a mean over questions.
    public var lower: Double?
    /// The upper bound of the value's 95% bootstrap interval; nil for a value without one.
    public var upper: Double?
    /// What the value is over: questions for a mean, transitions for a flip share; nil for a
    /// share of the round's responses.
    public var n: Int?
}

extension NamedValue {
    /// The value's cells of a long table: metric, value, lower, upper, n (`NA` where absent),
    /// numbers in `TidyTable.format`'s exact form; `rounds.csv` writes these after its key.
    public var cells: [String] {
        [name, TidyTable.format(value), lower.map(TidyTable.format) ?? "NA", upper.map(TidyTable.format) ?? "NA",
         n.map(String.init) ?? "NA"]
    }
}

extension RoundRow {
    /// The row's metrics under their registry names, in table order. This one list is what
    /// `rounds.csv` (of `chorus analyze` and of `chorus analyze --run`) and the `metrics` of
    /// `analysis.json` contain, so the three never name a quantity differently.
    ///
    /// Left out: a summary over no question (undefined everywhere), a non-finite value, the
    /// text metrics without texts, and flips in the first round present. The flip shares are
    /// `FlipCounts.kinds` (all but the total) over the total, with n = the total.
    /// - Parameter text: the row's distinct-2, self-BLEU and Vendi means, when computed.
    public func namedValues(text: RoundAccumulator.TextRow? = nil) -> [NamedValue] {
        var out: [NamedValue] = []
        func summary(_ name: String, _ s: Summary?) {
            guard let s, s.n > 0, s.mean.isFinite else { return }
            out.append(NamedValue(name: name, value: s.mean, lower: s.lower.isFinite ? s.lower : nil,
                                  upper: s.upper.isFinite ? s.upper : nil, n: s.n))
        }
        func value(_ name: String, _ x: Double?, n: Int? = nil) {
            if let x, x.isFinite { out.append(NamedValue(name: name, value: x, lower: nil, upper: nil, n: n)) }
        }
        summary(MetricName.accuracyIndividual, individualAccuracy)
        summary(MetricName.accuracyMajority, majorityAccuracy)
        summary(MetricName.accuracyOracle, oracleAccuracy)
        summary(MetricName.unanimity, unanimity)
        summary(MetricName.consensus, consensus)
        value(MetricName.noAnswerRate, noAnswerRate)
        summary(MetricName.answerEntropy(.plugIn), answerEntropy)
        value(MetricName.textTfidfDissimilarity, textDiversity)
        if let text {
            value(MetricName.textDistinct2, text.distinct2)
            value(MetricName.textSelfBLEU, text.selfBLEU)
            value(MetricName.textVendi, text.vendi)
        }
        if let f = flips, f.total > 0 {
            for (kind, c) in f.kinds.dropLast() {
                value(MetricName.flips(kind), Double(c) / Double(f.total), n: f.total)
            }
        }
        return out
    }
}
