import ArgumentParser
import ChorusAnalysis
import ChorusFigures
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
        skipped, agents), analysis.json and the figures drawn from those tables (OUT/figures: accuracy \
        and agreement by round, flips, per-model accuracy; PNG, PDF and SVG at paper size, as \
        `chorus figures OUT` draws them; a simulated transcript's seeds are pooled, a panel per \
        regime) go to --out. \
        See docs/formats.md for the formats and the extraction rules. \
        With --run, a finetuning run (a manifest or {iteration} pattern): the simulator's metrics \
        per iteration and the agents' training data. With --map, sample files without debate \
        rounds (JSON Lines, CSV, TSV; e.g. --map question=problem,response=solution,truth=answer,agent=model, \
        or response=*.solution for one column or object per model): accuracy, pass@k, coverage, \
        answer and text diversity per model and iteration (samples.csv, iterations.csv; figures/pass-at-k.*).
        """)

    @Argument(help: "Debate log files.")
    var files: [String] = []

    @Option(help: "Answer task (default: picked per file from its ground truths).")
    var task: AnswerTask?

    @Option(help: "Log format: du (also multiagent-finetuning, mft), agora or jsonl (default: auto-detected); with --map, the sample files' syntax: jsonl, csv or tsv.")
    var format: InputFormat?

    @OptionGroup var output: OutputOptions

    @Flag(help: "Print machine-readable JSON instead of tables.")
    var json = false

    @Flag(help: "Make a record that would be skipped (missing fields, uneven rounds, broken alternation) an error, and the first unreadable file fatal.")
    var strict = false

    @Flag(name: .customLong("no-figures"), help: "Write the CSVs and JSON only (chorus figures OUT draws the figures later).")
    var noFigures = false

    @OptionGroup(title: "Figures (drawn into OUT/figures from the tables, as 'chorus figures' does)")
    var figureOptions: FigureOptions

    @Flag(name: .customLong("records"), help: "Also write every record (with its text) as canonical JSON Lines: records.jsonl.")
    var writeRecords = false

    @Flag(name: .customLong("self-bleu"), help: "Also compute self-BLEU of the replies (slow on long texts: O(agents² · length)).")
    var selfBLEU = false

    @Flag(name: .customLong("in-memory"), help: ArgumentHelp("Read JSON Lines logs whole instead of streaming them (same tables; for comparison and memory benchmarks).", visibility: .hidden))
    var inMemory = false

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
        if map != nil {
            guard runSpec == nil else { throw ValidationError("--map reads sample files; it does not go with --run") }
            guard facts == nil else { throw ValidationError("--facts goes with debate logs, not with --map") }
            guard !writeRecords, !selfBLEU else { throw ValidationError("--records and --self-bleu go with debate logs, not with --map") }
            guard !files.isEmpty else { throw ValidationError("--map needs at least one sample file") }
            if let f = format, f.sampleSyntax == nil {
                throw ValidationError("with --map, --format must be one of \(InputFormat.sampleSyntaxNames); got '\(f.rawValue)'")
            }
        } else if let f = format, f.logFormat == nil {
            throw ValidationError("--format must be one of \(InputFormat.logFormatNames) for debate logs; got '\(f.rawValue)', a sample-file syntax (with --map)")
        }
    }

    func run() throws {
        try CLIErrors.reporting { try execute() }
    }

    private func execute() throws {
        // The folder is claimed first (a bad --out fails before any reading), written in a
        // staging sibling and renamed into place whole (OutputDirectory).
        let target = try output.prepare(defaultBase: "analyze-\(Self.timestamp())")
        let outDir = target.destination
        if let map {   // AnalyzeSamples.swift
            let text: String
            do {
                text = try OutputTarget.write(target) { staging in
                    try AnalyzeSamples.execute(files: files, map: map, syntax: format?.sampleSyntax,
                                               task: task, seed: seed, figures: noFigures ? nil : figureOptions,
                                               json: json, outDir: outDir, staging: staging)
                }
            } catch { target.abandon(); throw error }
            Console.current.out(text + "\n")
            return
        }
        if let runSpec {   // AnalyzeCommand+Run.swift
            do {
                try OutputTarget.write(target) { staging in try executeRun(runSpec, outDir: staging, destination: outDir) }
            } catch { target.abandon(); throw error }
            return
        }
        // A bad file is reported and the others analysed (--strict: the first is fatal). Each
        // file is read and analysed in one pass (AnalyzeFile: JSON Lines are streamed), writing
        // answers.csv and records.jsonl as it goes, inside the staging folder.
        let factTable: [String: [String]]?
        do { factTable = try facts.map(AnalyzeFacts.read) } catch { target.abandon(); throw error }
        let options = AnalyzeFile.Options(format: format?.logFormat, task: task,
                                          strict: strict, seed: seed, selfBLEU: selfBLEU, facts: factTable, inMemory: inMemory)
        let (analyses, figures) = try OutputTarget.write(target) { staging in
            let answers = try LineWriter(url: staging.appendingPathComponent("answers.csv"))
            try answers.write(TidyTable.csvLine(AnalyzeFile.answerColumns))
            let records = writeRecords ? try LineWriter(url: staging.appendingPathComponent("records.jsonl")) : nil
            let analyses = try AnalyzeBatch.read(files, strict: strict) { f in
                try AnalyzeFile.analyze(f, options, answers: answers, records: records)
            }.inputs.map(\.result)
            try answers.close()
            try records?.close()
            try AnalyzeOutput.writeTables(analyses, to: staging)
            _ = try AnalyzeAgents.write(analyses, to: staging)   // AnalyzeAgents.swift
            if factTable != nil { try AnalyzeFacts.write(analyses.flatMap(\.factRows), to: staging) }
            // From the tables just written, exactly as `chorus figures OUT` draws them.
            let drawn = noFigures ? nil : try FiguresCommand.render(run: staging, options: figureOptions).relocated(from: staging, to: outDir)
            // Row by row (AnalysisReport.write): never held whole.
            try AnalysisReport.write(analyses, outputDirectory: outDir.path, figures: drawn?.figures.flatMap(\.files).map(\.path) ?? [],
                                     seed: seed, to: staging.appendingPathComponent("analysis.json"))
            return (analyses, drawn)
        }
        let agentRows = analyses.filter(\.hasAnswers).map { AnalyzeAgents.FileRows(file: $0.name, names: $0.ingest.agentNames, rows: $0.agentRows) }
        let factRows = analyses.flatMap(\.factRows)
        if json {
            // Console.line(report) printed the text and a newline; the file ends with one.
            try AnalyzeOutput.copyToOutput(outDir.appendingPathComponent("analysis.json"))
            Console.current.out("\n")
        } else {
            for a in analyses { Console.current.line(AnalyzeOutput.textReport(a)); Console.current.out(AnalyzeAgents.text(agentRows, file: a.name) + AnalyzeFacts.text(factRows, file: a.name)) }
            if analyses.count > 1 { Console.current.line(AnalyzeOutput.comparison(analyses)) }
            Console.current.line("wrote \(outDir.path): files.csv, rounds.csv, flips.csv, answers.csv, skipped.csv, agents.csv, analysis.json" + (facts == nil ? "" : ", facts.csv")
                  + (writeRecords ? ", records.jsonl" : ""))
            if let figures { Console.current.out(FiguresCommand.report(run: outDir, figures)) }
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
