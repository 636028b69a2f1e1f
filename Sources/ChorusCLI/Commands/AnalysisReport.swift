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
        var rows: Rows
        enum CodingKeys: String, CodingKey {
            case file, format, task, taskReason = "task_reason", run, questions, agents, rounds, responses
            case agentNames = "agent_names", skipped, skipReasons = "skip_reasons", rows
        }
    }

    /// A file's rows: in the value, or a `JSONSplice` point where `write` streams them one by
    /// one (the per-round table of a large log has tens of thousands of rows).
    enum Rows: Encodable {
        case inline([Row])
        case spliced(JSONSplice.Point)
        func encode(to encoder: any Encoder) throws {
            switch self {
            case .inline(let rows): try rows.encode(to: encoder)
            case .spliced(let point): try point.encode(to: encoder)
            }
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

    /// The report with every row inline, or, with `splice`, file k's rows as `splice.point(k)`.
    init(_ analyses: [LogAnalysis], outputDirectory: String, figures: [String], seed: UInt64, splice: JSONSplice? = nil) {
        bootstrapSeed = seed
        self.outputDirectory = outputDirectory
        self.figures = figures
        files = analyses.enumerated().map { k, a in
            let r = a.ingest
            let rows: Rows = splice.map { .spliced($0.point(k)) } ?? .inline(zip(a.rows, a.text).map(Self.row))
            return File(file: a.file, format: r.format.rawValue, task: r.task?.rawValue, taskReason: r.taskReason, run: r.run,
                        questions: r.questions, agents: r.agents, rounds: r.rounds, responses: a.responses,
                        agentNames: r.agentNames, skipped: r.skipped, skipReasons: r.skipReasons, rows: rows)
        }
    }

    /// One row of the per-round table.
    static func row(_ row: RoundRow, _ t: RoundAccumulator.TextRow) -> Row {
        Row(run: row.run, regime: row.regime, seed: row.seed, iteration: row.iteration, round: row.round,
            questions: row.questions, agents: row.agents,
            metrics: Dictionary(row.namedValues(text: t).map { ($0.name, Metric($0)) }, uniquingKeysWith: { a, _ in a }),
            flips: row.flips.map { f in Dictionary(f.kinds.map { ($0.kind, $0.count) }, uniquingKeysWith: { a, _ in a }) })
    }

    /// Writes analysis.json to `url` atomically, row by row (`JSONSplice`): the same bytes as
    /// `JSONFile.text` of the report with every row inline, without holding the document or
    /// its rows (issue 10: this was the end-of-run peak of `chorus analyze` on a 1 GB log).
    /// - Complexity: memory O(one row + the report without its rows).
    static func write(_ analyses: [LogAnalysis], outputDirectory: String, figures: [String], seed: UInt64, to url: URL) throws {
        let splice = JSONSplice()
        let report = AnalysisReport(analyses, outputDirectory: outputDirectory, figures: figures, seed: seed, splice: splice)
        try splice.write(report, to: url) { k, emit in
            for (r, t) in zip(analyses[k].rows, analyses[k].text) { try emit(row(r, t)) }
        }
    }
}
