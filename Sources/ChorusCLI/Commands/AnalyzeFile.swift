import ChorusAnalysis
import ChorusIngest
import ChorusRecords
import ChorusStats
import Foundation

/// One log's summaries: what was read, and every per-round, per-agent and text metric. It
/// holds no record: the records go through `RoundAccumulator` (and the streamed outputs
/// answers.csv and records.jsonl) while the log is read.
struct LogAnalysis {
    var file: String
    /// What was read (its `records` are empty: see `responses`).
    var ingest: IngestResult
    /// The records kept (responses analysed).
    var responses: Int
    /// Whether the log was streamed one debate at a time (JSON Lines grouped by debate).
    var streamed: Bool
    var rows: [RoundRow]
    /// Per row: mean over questions of distinct-2, self-BLEU (only with `--self-bleu`) and the
    /// Vendi score (TF-IDF kernel) of the agents' texts; nil when no question has two texts.
    var text: [RoundAccumulator.TextRow]
    /// Accuracy per agent and round (`AgentAccuracy`).
    var agentRows: [AgentAccuracy.Row]
    /// Fact coverage per round (with `--facts`).
    var factRows: [AnalyzeFacts.Row]

    var name: String { (file as NSString).lastPathComponent }

    /// Whether answers were extracted (not the free-text task), so answer metrics mean something.
    var hasAnswers: Bool { ingest.task != .free }

    /// Whether several runs/iterations are mixed (JSON Lines), so rows need a group label.
    var hasGroups: Bool { Set(rows.map { "\($0.run)|\($0.regime)|\($0.iteration)|\($0.seed.map(String.init) ?? "")" }).count > 1 }
}

/// Reads and analyses one log of `chorus analyze` (issue 10, bounded memory).
///
/// A JSON Lines log whose debates are contiguous is streamed (`JSONLDebateStream`): memory is
/// one debate's records plus the per-question numbers of `RoundAccumulator`, whatever the
/// file's size. A JSON Lines log with a debate split across the file is read in two passes
/// over an index of its lines (`JSONLDebateStream.readIndexed`: 20 bytes a record more), and
/// gives the tables of the same log with each debate's lines together. The whole-document
/// formats (Du et al., LLM-Agora), and any log with `--in-memory`, are read whole
/// (`LogReader.read`) and fed to the same accumulator, so every path gives the same tables bit
/// for bit (AnalyzeStreamingTests).
/// answers.csv and records.jsonl rows are written as the debates are read; a file that fails
/// half-way takes its rows back (`LineWriter.rewind`).
enum AnalyzeFile {
    struct Options {
        var format: LogFormat?
        var task: AnswerTask?
        var strict: Bool
        var seed: UInt64
        var selfBLEU: Bool
        var facts: [String: [String]]?
        /// Read JSON Lines whole, as before streaming (`--in-memory`: for comparison and benchmarks).
        var inMemory = false
    }

    /// The columns of answers.csv.
    static let answerColumns = ["file", "run", "regime", "seed", "iteration", "question", "agent", "round", "answer", "correct", "truth"]

    static func answerRow(_ file: String, _ rec: ResponseRecord) -> String {
        TidyTable.csvLine([file, rec.run, rec.regime, rec.seed.map(String.init) ?? "NA", "\(rec.iteration)", rec.question, "\(rec.agent)", "\(rec.round)",
                           rec.answer ?? "NA", rec.correct.map { $0 ? "true" : "false" } ?? "NA", rec.truth ?? "NA"])
    }

    static func analyze(_ file: String, _ o: Options, answers: LineWriter, records: LineWriter?) throws -> LogAnalysis {
        let url = URL(fileURLWithPath: file)
        let name = (file as NSString).lastPathComponent
        let answersMark = answers.mark(), recordsMark = records?.mark()
        do {
            if !o.inMemory, try LogReader.inspect(url, format: o.format).format == .jsonl {
                do {
                    var a = try streamed(url, name: name, o, answers: answers, records: records, indexed: false)
                    a.file = file
                    return a
                } catch let e as JSONLDebateStream.NotGrouped {
                    try answers.rewind(to: answersMark)
                    if let records, let recordsMark { try records.rewind(to: recordsMark) }
                    Console.current.note("\(e); reading \(file) by an index of its lines (20 bytes a record)")
                    var a = try streamed(url, name: name, o, answers: answers, records: records, indexed: true)
                    a.file = file
                    return a
                }
            }
            var a = try whole(url, name: name, o, answers: answers, records: records)
            a.file = file
            return a
        } catch {
            try answers.rewind(to: answersMark)
            if let records, let recordsMark { try records.rewind(to: recordsMark) }
            throw error
        }
    }

    /// The streamed path: one pass (`JSONLDebateStream.read`), or, for a file whose debates are
    /// split, two passes over an index of its lines (`readIndexed`), with the same debates in
    /// the same order, so the same tables.
    private static func streamed(_ url: URL, name: String, _ o: Options, answers: LineWriter, records: LineWriter?,
                                 indexed: Bool) throws -> LogAnalysis {
        var acc = RoundAccumulator(textExtras: true, selfBLEU: o.selfBLEU, agentAccuracy: true)
        var facts = o.facts.map { AnalyzeFacts.Accumulator(facts: $0, texts: [:]) }
        var duplicates = 0
        func write(_ r: ResponseRecord) throws {
            try answers.write(answerRow(name, r))
            if let records { try records.write(RecordsJSONL.encodeLine(r) + "\n") }
        }
        func add(_ recs: [ResponseRecord]) {
            let r0 = recs[0]
            let d = DebateIndex.Debate(group: DebateIndex.Group(run: r0.run, regime: r0.regime, seed: r0.seed, iteration: r0.iteration),
                                       question: r0.question, records: recs, duplicates: &duplicates)
            acc.add(d)
            facts?.add(d)
        }
        // answers.csv and records.jsonl in file order, as the whole path writes them: as the
        // debates come when they are together, from a last pass when they are not.
        let summary = indexed
            ? try JSONLDebateStream.readIndexed(url, task: o.task, strict: o.strict, { add($0) }, inFileOrder: write)
            : try JSONLDebateStream.read(url, task: o.task, strict: o.strict) { recs in
                add(recs)
                for r in recs { try write(r) }
            }
        return finish(url.path, name: name, summary.result, responses: summary.responses, streamed: true, acc, facts, o)
    }

    private static func whole(_ url: URL, name: String, _ o: Options, answers: LineWriter, records: LineWriter?) throws -> LogAnalysis {
        var result = try LogReader.read(url, format: o.format, task: o.task, strict: o.strict)
        let index = DebateIndex(result.records)
        let acc = RoundMetrics.accumulate(index, textExtras: true, selfBLEU: o.selfBLEU, agentAccuracy: true)
        var facts = o.facts.map { AnalyzeFacts.Accumulator(facts: $0, texts: result.questionTexts) }
        if facts != nil { for g in index.groups { for d in index.debates(g) { facts!.add(d) } } }
        for r in result.records {
            try answers.write(answerRow(name, r))
            if let records { try records.write(RecordsJSONL.encodeLine(r) + "\n") }
        }
        let n = result.records.count
        result.records = []
        return finish(url.path, name: name, result, responses: n, streamed: false, acc, facts, o)
    }

    private static func finish(_ path: String, name: String, _ result: IngestResult, responses: Int, streamed: Bool,
                               _ acc: RoundAccumulator, _ facts: AnalyzeFacts.Accumulator?, _ o: Options) -> LogAnalysis {
        LogAnalysis(file: path, ingest: result, responses: responses, streamed: streamed,
                    rows: acc.rows(stream: SeedStream(seed: o.seed).child("analyze")),
                    text: acc.textRows(),
                    agentRows: acc.agentRows(stream: SeedStream(seed: o.seed).child("agents").child(name)),
                    factRows: facts?.rows(file: name, rounds: acc.allRounds, seed: o.seed) ?? [])
    }
}
