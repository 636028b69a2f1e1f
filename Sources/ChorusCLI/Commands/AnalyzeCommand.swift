import ArgumentParser
import ChorusAnalysis
import ChorusIngest
import ChorusRecords
import ChorusStats
import Foundation

/// `chorus analyze FILE...`: reads real debate logs (Du et al., LLM-Agora, canonical JSON
/// Lines), extracts the answers, and prints and writes the per-round analysis of each
/// (issue 5): individual and majority accuracy with bootstrap CIs, unanimity, consensus,
/// no-answer rate, answer entropy, flips from the previous round and text diversity.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Analyse real debate logs (Du et al. JSON, LLM-Agora JSON, canonical JSON Lines), finetuning runs (--run) or sample files (--map).",
        discussion: """
        Each FILE is read (format auto-detected, or --format), answers are extracted from the \
        replies (--task, or picked from the ground truths: a letter → choice, '####' → numeric, \
        \\boxed → math, none → free) and a table per round is printed: individual and majority \
        accuracy with 95% bootstrap intervals over questions, unanimity, consensus, no-answer \
        rate, answer entropy (nats), flips from the previous round, and text diversity. Several \
        files also give a side-by-side comparison. Tidy CSVs (files, rounds, flips, answers, \
        skipped), analysis.json and figures (accuracy and consensus by round, flips) go to --out. \
        See docs/formats.md for the formats and the extraction rules. \
        With --run, a finetuning run (a manifest or {iteration} pattern): the simulator's metrics \
        per iteration and the agents' training data. With --map, sample files without debate \
        rounds (JSON Lines, CSV, TSV; e.g. --map question=problem,response=solution,truth=answer,agent=model, \
        or response=*.solution for one column or object per model): accuracy, pass@k, coverage, \
        answer and text diversity per model and iteration (samples.csv, iterations.csv, pass-at-k.png).
        """)

    @Argument(help: "Debate log files.")
    var files: [String] = []

    @Option(help: "Answer task: numeric, choice, math or free (default: picked per file from its ground truths).")
    var task: String?

    @Option(help: "Log format: du (also multiagent-finetuning), agora or jsonl (default: auto-detected).")
    var format: String?

    @Option(name: .customLong("out"), help: "Output folder (default: notebooks-data/analyze-<UTC timestamp>).")
    var out: String?

    @Flag(help: "Print machine-readable JSON instead of tables.")
    var json = false

    @Flag(help: "Make a record that would be skipped (missing fields, uneven rounds, broken alternation) an error, and the first unreadable file fatal.")
    var strict = false

    @Flag(help: "Replace a non-empty --out folder (without it, such a folder is refused before any reading).")
    var force = false

    @Flag(name: .customLong("no-figures"), help: "Write the CSVs and JSON only.")
    var noFigures = false

    @Flag(name: .customLong("records"), help: "Also write every record (with its text) as canonical JSON Lines: records.jsonl.")
    var writeRecords = false

    @Flag(name: .customLong("self-bleu"), help: "Also compute self-BLEU of the replies (slow on long texts: O(agents² · length)).")
    var selfBLEU = false

    @Option(help: "Seed of the bootstrap intervals.")
    var seed: UInt64 = 0

    @Option(name: .customLong("run"), help: "Analyse a finetuning run: a YAML manifest, or a debate-log pattern with {iteration} (docs/formats.md, \"Runs\").")
    var runSpec: String?

    @Option(help: "With a --run pattern: the agents' training files, a pattern with {iteration} and {agent}.")
    var training: String?

    @Option(name: .customLong("map"), help: "Read FILEs as sample files (JSON Lines, CSV, TSV) with this column map, e.g. question=problem,response=solution,truth=answer,agent=model,iteration=iter,sample=k; wide layout: response=*.solution (docs/formats.md, \"Sample files\").")
    var map: String?

    @Option(help: "Ground-truth facts for free-text logs (JSON: question/person → text or list of facts): a lexical fact-coverage proxy by round.")
    var facts: String?

    func validate() throws {
        if runSpec != nil {
            guard files.isEmpty else { throw ValidationError("give either log files or --run, not both") }
        } else if training != nil {
            throw ValidationError("--training needs --run")
        }
        guard !files.isEmpty || runSpec != nil else { throw ValidationError("give at least one log file (or --run)") }
        if let t = task, AnswerTask(rawValue: t) == nil {
            throw ValidationError("--task must be one of \(AnswerTask.allCases.map(\.rawValue).joined(separator: ", ")); got '\(t)'")
        }
        if map != nil {
            guard runSpec == nil else { throw ValidationError("--map reads sample files; it does not go with --run") }
            guard facts == nil else { throw ValidationError("--facts goes with debate logs, not with --map") }
            guard !writeRecords, !selfBLEU else { throw ValidationError("--records and --self-bleu go with debate logs, not with --map") }
            guard !files.isEmpty else { throw ValidationError("--map needs at least one sample file") }
            if let f = format, SampleFile.Syntax(rawValue: f) == nil {
                throw ValidationError("with --map, --format must be one of \(SampleFile.Syntax.allCases.map(\.rawValue).joined(separator: ", ")); got '\(f)'")
            }
        } else if let f = format, Self.parseFormat(f) == nil {
            throw ValidationError("--format must be one of \(LogFormat.allCases.map(\.rawValue).joined(separator: ", ")) (or mft); got '\(f)'")
        }
    }

    static func parseFormat(_ s: String) -> LogFormat? {
        s == "mft" ? .du : LogFormat(rawValue: s)
    }

    func run() throws {
        try CLIErrors.reporting { try execute() }
    }

    private func execute() throws {
        // The folder is claimed first (a bad --out fails before any reading), written in a
        // staging sibling and renamed into place whole (OutputDirectory).
        let target = try OutputTarget.prepare(out: out, force: force, defaultBase: "analyze-\(Self.timestamp())")
        let outDir = target.destination
        if let map {   // AnalyzeSamples.swift
            let text: String
            do {
                text = try OutputTarget.write(target) { staging in
                    try AnalyzeSamples.execute(files: files, map: map, syntax: format.flatMap(SampleFile.Syntax.init(rawValue:)),
                                               task: task.flatMap(AnswerTask.init(rawValue:)), seed: seed, figures: !noFigures,
                                               json: json, outDir: outDir, staging: staging)
                }
            } catch { target.abandon(); throw error }
            Console.current.out(text + "\n")
            return
        }
        if let runSpec {   // AnalyzeCommand+Run.swift
            do {
                try OutputTarget.write(target) { staging in try executeRun(runSpec, outDir: staging) }
            } catch { target.abandon(); throw error }
            return
        }
        // A bad file is reported and the others analysed (--strict: the first is fatal).
        let factTable: [String: [String]]?
        let inputs: [(file: String, result: IngestResult)]
        do {
            factTable = try facts.map(AnalyzeFacts.read)
            inputs = try AnalyzeBatch.read(files, strict: strict) { f in
                try LogReader.read(URL(fileURLWithPath: f), format: format.flatMap(Self.parseFormat),
                                   task: task.flatMap(AnswerTask.init(rawValue:)), strict: strict)
            }.inputs
        } catch { target.abandon(); throw error }
        let analyses = inputs.map { LogAnalysis(file: $0.file, ingest: $0.result, seed: seed, selfBLEU: selfBLEU) }
        let (figures, report, agentRows, factRows) = try OutputTarget.write(target) { staging in
            try AnalyzeOutput.writeTables(analyses, to: staging)
            if writeRecords {
                try RecordsJSONL.write(analyses.lazy.flatMap(\.ingest.records), to: staging.appendingPathComponent("records.jsonl"))
            }
            let agentRows = try AnalyzeAgents.write(analyses, to: staging, seed: seed)   // AnalyzeAgents.swift
            let factRows = try factTable.map { try AnalyzeFacts.write(analyses, facts: $0, to: staging, seed: seed) } ?? []
            let figures = (noFigures ? [] : try AnalyzeFigures.render(analyses, to: staging) + AnalyzeAgents.render(agentRows, to: staging))
                .map { outDir.appendingPathComponent($0.lastPathComponent) }
            let report = AnalyzeOutput.jsonReport(analyses, outputDirectory: outDir.path, figures: figures.map(\.path), seed: seed)
            try AtomicFile.write(report, to: staging.appendingPathComponent("analysis.json"))
            return (figures, report, agentRows, factRows)
        }
        if json {
            print(report)
        } else {
            for a in analyses { print(AnalyzeOutput.textReport(a)); print(AnalyzeAgents.text(agentRows, file: a.name) + AnalyzeFacts.text(factRows, file: a.name), terminator: "") }
            if analyses.count > 1 { print(AnalyzeOutput.comparison(analyses)) }
            print("wrote \(outDir.path): files.csv, rounds.csv, flips.csv, answers.csv, skipped.csv, agents.csv, analysis.json" + (facts == nil ? "" : ", facts.csv")
                  + (writeRecords ? ", records.jsonl" : "")
                  + (figures.isEmpty ? "" : ", " + figures.map(\.lastPathComponent).joined(separator: ", ")))
        }
    }


    /// UTC time as yyyyMMdd'T'HHmmss'Z'.
    static func timestamp(_ date: Date = Date()) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return f.string(from: date)
    }
}

/// One log's records and every per-round metric.
struct LogAnalysis {
    var file: String
    var ingest: IngestResult
    var rows: [RoundRow]
    /// Per row: mean over questions of distinct-2, self-BLEU (only with `--self-bleu`) and the
    /// Vendi score (TF-IDF kernel) of the agents' texts; nil when no question has two texts.
    var text: [TextRow]

    struct TextRow {
        var distinct2: Double?
        var selfBLEU: Double?
        var vendi: Double?
    }

    var name: String { (file as NSString).lastPathComponent }

    init(file: String, ingest: IngestResult, seed: UInt64, selfBLEU: Bool = false) {
        self.file = file
        self.ingest = ingest
        let index = DebateIndex(ingest.records)
        rows = RoundMetrics.table(index, stream: SeedStream(seed: seed).child("analyze"))
        var text: [TextRow] = []
        for row in rows {
            let g = DebateIndex.Group(run: row.run, regime: row.regime, seed: row.seed, iteration: row.iteration)
            var d2: [Double] = [], sb: [Double] = [], vs: [Double] = []
            for d in index.debates(g) {
                let texts = d.round(row.round).compactMap(\.text)
                guard texts.count >= 2 else { continue }
                if let x = TextDiversity.distinctN(texts, n: 2) { d2.append(x) }
                if selfBLEU, let x = TextDiversity.selfBLEU(texts) { sb.append(x) }
                if let x = try? Vendi.score(texts: texts), x.isFinite { vs.append(x) }
            }
            func mean(_ v: [Double]) -> Double? { v.isEmpty ? nil : v.reduce(0, +) / Double(v.count) }
            text.append(TextRow(distinct2: mean(d2), selfBLEU: mean(sb), vendi: mean(vs)))
        }
        self.text = text
    }

    /// Whether answers were extracted (not the free-text task), so answer metrics mean something.
    var hasAnswers: Bool { ingest.task != .free }

    /// Whether several runs/iterations are mixed (JSON Lines), so rows need a group label.
    var hasGroups: Bool { Set(rows.map { "\($0.run)|\($0.regime)|\($0.iteration)|\($0.seed.map(String.init) ?? "")" }).count > 1 }
}
