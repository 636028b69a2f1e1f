import ChorusAnalysis
import ChorusIngest
import ChorusRecords
import ChorusStats
import Foundation

/// The layout of `analysis.json` (`chorus analyze`), written through `JSONFile` (sorted keys).
/// Absent and non-finite numbers are `null`; every key is present (`ExplicitNull`), as the
/// hand-written writer it replaces had them.
struct AnalysisReport: Encodable {
    /// A mean with its interval over n items.
    struct Estimate: Encodable {
        @ExplicitNull var mean: Double?
        @ExplicitNull var lower: Double?
        @ExplicitNull var upper: Double?
        var n: Int
        /// nil for an empty summary (written as `null`).
        static func of(_ s: Summary?) -> Estimate? {
            guard let s, s.n > 0 else { return nil }
            return Estimate(mean: JSONFile.finite(s.mean), lower: JSONFile.finite(s.lower), upper: JSONFile.finite(s.upper), n: s.n)
        }
    }

    struct Flips: Encodable {
        var rightRight, rightWrong, wrongRight, wrongSameWrong, wrongOtherWrong, unjudged, switches, toPlurality, total: Int
        init(_ f: FlipCounts) {
            rightRight = f.rightRight; rightWrong = f.rightWrong; wrongRight = f.wrongRight; wrongSameWrong = f.wrongSameWrong
            wrongOtherWrong = f.wrongOtherWrong; unjudged = f.unjudged; switches = f.switches; toPlurality = f.toPlurality; total = f.total
        }
    }

    struct Text: Encodable {
        @ExplicitNull var tfidfDissimilarity: Double?
        @ExplicitNull var distinct2: Double?
        @ExplicitNull var selfBLEU: Double?
        @ExplicitNull var vendi: Double?
    }

    /// One (run, regime, seed, iteration, round) row. The seed too: rows of several seeds of
    /// one regime would be indistinguishable.
    struct Row: Encodable {
        var run, regime: String
        @ExplicitNull var seed: UInt64?
        var iteration, round, questions, agents: Int
        @ExplicitNull var individualAccuracy: Estimate?
        @ExplicitNull var majorityAccuracy: Estimate?
        @ExplicitNull var oracleAccuracy: Estimate?
        @ExplicitNull var unanimity: Estimate?
        @ExplicitNull var consensus: Estimate?
        @ExplicitNull var noAnswerRate: Double?
        @ExplicitNull var answerEntropy: Estimate?
        @ExplicitNull var flips: Flips?
        var text: Text
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
    }

    var tool = "chorus analyze"
    var version = ChorusVersion.string
    var bootstrapSeed: UInt64
    var outputDirectory: String
    var figures: [String]
    var files: [File]

    init(_ analyses: [LogAnalysis], outputDirectory: String, figures: [String], seed: UInt64) {
        bootstrapSeed = seed
        self.outputDirectory = outputDirectory
        self.figures = figures
        files = analyses.map { a in
            let r = a.ingest
            let rows = zip(a.rows, a.text).map { row, t in
                Row(run: row.run, regime: row.regime, seed: row.seed, iteration: row.iteration, round: row.round,
                    questions: row.questions, agents: row.agents,
                    individualAccuracy: .of(row.individualAccuracy), majorityAccuracy: .of(row.majorityAccuracy),
                    oracleAccuracy: .of(row.oracleAccuracy), unanimity: .of(row.unanimity), consensus: .of(row.consensus),
                    noAnswerRate: JSONFile.finite(row.noAnswerRate), answerEntropy: .of(row.answerEntropy),
                    flips: row.flips.map(Flips.init),
                    text: Text(tfidfDissimilarity: JSONFile.finite(row.textDiversity), distinct2: JSONFile.finite(t.distinct2),
                               selfBLEU: JSONFile.finite(t.selfBLEU), vendi: JSONFile.finite(t.vendi)))
            }
            return File(file: a.file, format: r.format.rawValue, task: r.task?.rawValue, taskReason: r.taskReason, run: r.run,
                        questions: r.questions, agents: r.agents, rounds: r.rounds, responses: a.responses,
                        agentNames: r.agentNames, skipped: r.skipped, skipReasons: r.skipReasons, rows: rows)
        }
    }
}
