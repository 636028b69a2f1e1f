import ChorusAnalysis
import ChorusIngest
import ChorusRecords
import ChorusStats
import Foundation

/// The layout of `analysis.json` (`chorus analyze`), written through `JSONFile` (sorted keys).
/// Absent and non-finite numbers are `null`; every key is present (`ExplicitNull`). Keys are
/// snake_case; metric keys are registry names (`MetricRegistry`), as in rounds.csv.
struct AnalysisReport: Encodable {
    /// One metric of a row: a mean over `n` questions with its 95% interval, or a share with no
    /// interval (`NamedValue`).
    struct Metric: Encodable {
        var value: Double
        @ExplicitNull var lower: Double?
        @ExplicitNull var upper: Double?
        @ExplicitNull var n: Int?
        init(_ v: NamedValue) { value = v.value; lower = v.lower; upper = v.upper; n = v.n }
    }

    /// One (run, regime, seed, iteration, round) row. The seed too: rows of several seeds of
    /// one regime would be indistinguishable. `metrics` is keyed by registry name, the same
    /// names and values as the row's lines of rounds.csv (`RoundRow.namedValues`); `flips` holds
    /// the transition counts of flips.csv (`FlipCounts.kinds`), null in the first round.
    struct Row: Encodable {
        var run, regime: String
        @ExplicitNull var seed: UInt64?
        var iteration, round, questions, agents: Int
        var metrics: [String: Metric]
        @ExplicitNull var flips: [String: Int]?
    }

    struct File: Encodable {
        var file, format: String
        @ExplicitNull var task: String?
        var taskReason, run: String
        var questions, agents, rounds, responses: Int
        @ExplicitNull var agentNames: [String]?
        var skipped: Int
        var skipReasons: [String]
        var rows: [Row]
        enum CodingKeys: String, CodingKey {
            case file, format, task, taskReason = "task_reason", run, questions, agents, rounds, responses
            case agentNames = "agent_names", skipped, skipReasons = "skip_reasons", rows
        }
    }

    var tool = "chorus analyze"
    var version = ChorusVersion.string
    var bootstrapSeed: UInt64
    var outputDirectory: String
    var figures: [String]
    var files: [File]
    enum CodingKeys: String, CodingKey {
        case tool, version, bootstrapSeed = "bootstrap_seed", outputDirectory = "output_directory", figures, files
    }

    init(_ analyses: [LogAnalysis], outputDirectory: String, figures: [String], seed: UInt64) {
        bootstrapSeed = seed
        self.outputDirectory = outputDirectory
        self.figures = figures
        files = analyses.map { a in
            let r = a.ingest
            let rows = zip(a.rows, a.text).map { row, t in
                Row(run: row.run, regime: row.regime, seed: row.seed, iteration: row.iteration, round: row.round,
                    questions: row.questions, agents: row.agents,
                    metrics: Dictionary(row.namedValues(text: t).map { ($0.name, Metric($0)) }, uniquingKeysWith: { a, _ in a }),
                    flips: row.flips.map { f in Dictionary(f.kinds.map { ($0.kind, $0.count) }, uniquingKeysWith: { a, _ in a }) })
            }
            return File(file: a.file, format: r.format.rawValue, task: r.task?.rawValue, taskReason: r.taskReason, run: r.run,
                        questions: r.questions, agents: r.agents, rounds: r.rounds, responses: a.responses,
                        agentNames: r.agentNames, skipped: r.skipped, skipReasons: r.skipReasons, rows: rows)
        }
    }
}
