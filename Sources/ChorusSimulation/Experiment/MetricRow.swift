import ChorusStats
import ChorusAnalysis
import ChorusRecords

/// One measured value: a metric of one regime, one seed, one iteration (0 = base model).
public struct MetricRow: Sendable, Equatable {
    /// The regime name.
    public var regime: String
    /// The root seed of the replicate.
    public var seed: UInt64
    /// The finetuning iteration (0 = base model).
    public var iteration: Int
    /// Metric name (see `MetricName`); never renamed once published.
    public var metric: String
    /// The measured value (NaN when undefined).
    public var value: Double

    /// A row with every field given.
    public init(regime: String, seed: UInt64, iteration: Int, metric: String, value: Double) {
        self.regime = regime; self.seed = seed; self.iteration = iteration
        self.metric = metric; self.value = value
    }
}

/// A metric of one regime at one iteration, summarised over seeds (mean and t interval).
public struct SummaryRow: Sendable {
    /// The regime name.
    public var regime: String
    /// The finetuning iteration (0 = base model).
    public var iteration: Int
    /// The metric name (see `MetricName`).
    public var metric: String
    /// Mean over seeds with a Student-t confidence interval (`Describe.tInterval`).
    public var summary: Summary

    /// A row with every field given.
    public init(regime: String, iteration: Int, metric: String, summary: Summary) {
        self.regime = regime; self.iteration = iteration; self.metric = metric; self.summary = summary
    }
}

/// Everything an experiment produced: the configuration, the long table of metric rows and
/// (for the iterations in `config.output.transcripts`) the records of the test debates.
public struct ExperimentResult: Sendable {
    /// The configuration that ran.
    public var config: SimulationConfig
    /// Sorted by (regime order in the config, seed order in the config, iteration, metric).
    public var rows: [MetricRow]
    /// The records of the test debates of the transcript iterations (empty when spooled to disk).
    public var transcripts: [ResponseRecord]
    /// The transcripts on disk, when the run was given a spool (`transcripts` is then empty).
    public var transcriptSpool: TranscriptSpool? = nil
    /// For the same iterations (but the last): every model's finetuning examples (issue 12).
    public var training: [TrainingRecord]

    /// A result with every field given.
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
        ExperimentResult.summarize(rows, parts: 1, level: level) { _ in 0 }[0]
    }

    /// `summarize` of each part of the rows at once (one pass): part(row) ∈ 0..<parts, or nil
    /// to leave the row out. The values of a key are taken in row order, so each part's
    /// summaries equal those of `summarize` on its rows alone, bit for bit (in the same order
    /// when the rows are sorted as `Experiment.run` sorts them).
    ///
    /// Rows of one regime repeat the same sequence of (iteration, metric) keys seed after seed,
    /// so each row is first compared with the key after the previous row's (three comparisons of
    /// shared strings) and hashed only when that guess fails (about once per seed and regime).
    /// - Complexity: O(rows).
    static func summarize(_ rows: [MetricRow], parts: Int, level: Double = 0.95,
                          part: (MetricRow) -> Int?) -> [[SummaryRow]] {
        struct Key: Hashable { var regime: String; var iteration: Int; var metric: String }
        var keys: [Key] = []
        var index: [Key: Int] = [:]
        var values = [[[Double]]](repeating: [], count: parts)   // [part][key] → values
        var guess = -1
        for r in rows {
            guard let p = part(r) else { continue }
            var k = guess + 1
            if !(k < keys.count && keys[k].iteration == r.iteration && keys[k].metric == r.metric && keys[k].regime == r.regime) {
                let key = Key(regime: r.regime, iteration: r.iteration, metric: r.metric)
                if let i = index[key] { k = i } else {
                    k = keys.count
                    keys.append(key); index[key] = k
                }
            }
            guess = k
            if values[p].count <= k { values[p] += [[Double]](repeating: [], count: keys.count - values[p].count) }
            values[p][k].append(r.value)
        }
        return values.map { byKey in
            var out: [SummaryRow] = []
            out.reserveCapacity(byKey.count)
            // Keys in order of first appearance in all rows (for sorted rows, as in every
            // `ExperimentResult`, the same as in the part's rows alone).
            for (k, v) in byKey.enumerated() where !v.isEmpty {
                guard let s = try? Describe.tInterval(v, level: level) else { continue }
                out.append(SummaryRow(regime: keys[k].regime, iteration: keys[k].iteration, metric: keys[k].metric, summary: s))
            }
            return out
        }
    }
}
