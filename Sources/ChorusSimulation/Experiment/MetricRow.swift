import ChorusStats
import ChorusAnalysis
import ChorusRecords

/// One measured value: a metric of one regime, one seed, one iteration (0 = base model).
public struct MetricRow: Sendable, Equatable {
    public var regime: String
    public var seed: UInt64
    public var iteration: Int
    /// Metric name (see `MetricName`); never renamed once published.
    public var metric: String
    public var value: Double

    public init(regime: String, seed: UInt64, iteration: Int, metric: String, value: Double) {
        self.regime = regime; self.seed = seed; self.iteration = iteration
        self.metric = metric; self.value = value
    }
}

/// A metric of one regime at one iteration, summarised over seeds (mean and t interval).
public struct SummaryRow: Sendable {
    public var regime: String
    public var iteration: Int
    public var metric: String
    /// Mean over seeds with a Student-t confidence interval (`Describe.tInterval`).
    public var summary: Summary

    public init(regime: String, iteration: Int, metric: String, summary: Summary) {
        self.regime = regime; self.iteration = iteration; self.metric = metric; self.summary = summary
    }
}

/// Everything an experiment produced: the configuration, the long table of metric rows and
/// (for the iterations in `config.output.transcripts`) the records of the test debates.
public struct ExperimentResult: Sendable {
    public var config: SimulationConfig
    /// Sorted by (regime order in the config, seed order in the config, iteration, metric).
    public var rows: [MetricRow]
    public var transcripts: [ResponseRecord]
    /// The transcripts on disk, when the run was given a spool (`transcripts` is then empty).
    public var transcriptSpool: TranscriptSpool? = nil
    /// For the same iterations (but the last): every model's finetuning examples (issue 12).
    public var training: [TrainingRecord]

    public init(config: SimulationConfig, rows: [MetricRow], transcripts: [ResponseRecord], training: [TrainingRecord] = []) {
        self.config = config; self.rows = rows; self.transcripts = transcripts; self.training = training
    }
}

extension ExperimentResult {
    /// Mean and t confidence interval over seeds of every (regime, iteration, metric), in the
    /// order of first appearance in `rows` (regime order, iteration, metric).
    ///
    /// With one seed the interval collapses to the point (`Describe.tInterval`'s convention).
    /// - Complexity: O(rows).
    public func summarize(level: Double = 0.95) -> [SummaryRow] {
        struct Key: Hashable { var regime: String; var iteration: Int; var metric: String }
        var order: [Key] = []
        var values: [Key: [Double]] = [:]
        for r in rows {
            let k = Key(regime: r.regime, iteration: r.iteration, metric: r.metric)
            if values[k] == nil { order.append(k); values[k] = [] }
            values[k]!.append(r.value)
        }
        var out: [SummaryRow] = []
        out.reserveCapacity(order.count)
        for k in order {
            let v = values[k]!
            guard let s = try? Describe.tInterval(v, level: level) else { continue }
            out.append(SummaryRow(regime: k.regime, iteration: k.iteration, metric: k.metric, summary: s))
        }
        return out
    }
}
