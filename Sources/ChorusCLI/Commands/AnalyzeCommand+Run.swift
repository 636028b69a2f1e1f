import ChorusAnalysis
import ChorusFigures
import ChorusIngest
import ChorusRecords
import ChorusSimulation
import ChorusStats
import Foundation

/// `chorus analyze --run MANIFEST|PATTERN`: a finetuning run, iteration by iteration (issue 12).
///
/// Writes to the output folder: iterations.csv (the simulator's metric names per iteration,
/// 95% bootstrap CIs over questions, `IterationMetrics`), rounds.csv (every transcript metric
/// per iteration and round, `TranscriptMetrics`), agents.csv (accuracy per agent, iteration and
/// round), training.csv and training-overlap.csv (when training files are given),
/// warnings.txt, run.json, and the figures drawn from those tables (DIR/figures, as
/// `chorus figures DIR` draws them: metrics by iteration, per-model accuracy, training overlap).
extension AnalyzeCommand {
    /// Writes into `outDir` (a staging folder renamed to `destination` when done).
    func executeRun(_ run: String, outDir: URL, destination: URL) throws {
        let spec: RunSpec
        if run.contains("{iteration}") {
            spec = try RunSpec.pattern(debates: run, training: training)
        } else {
            spec = try RunSpec.manifest(run)
            if training != nil { throw IngestError.invalidRun(path: run, reason: "--training goes with a pattern; a manifest lists training files itself") }
        }
        var s = spec
        if let f = format?.logFormat { s.format = f }
        if let t = task { s.task = t }
        let ingest = try RunReader.read(s, strict: strict)
        // A run is one society: logs that mix regimes or seeds (a simulator's transcripts hold
        // every regime and seed of a run) would be pooled into one line per iteration.
        let groups = Set(ingest.records.map { "\($0.regime), seed \($0.seed.map(String.init) ?? "none")" })
        if groups.count > 1 {
            throw IngestError.invalidRun(path: run, reason: "its logs hold \(groups.count) (regime, seed) groups (\(groups.sorted().prefix(3).joined(separator: "; "))\(groups.count > 3 ? "; …" : "")), which iterations.csv would pool into one; give one regime and seed per run (e.g. filter the transcripts), or analyse simulated transcripts with `chorus analyze FILE`, which keeps every regime and seed apart")
        }
        let result = try RunAnalysisOutput.write(ingest, to: outDir, destination: destination, seed: seed,
                                                 figures: noFigures ? nil : figureOptions, writeRecords: writeRecords)
        if json { Console.current.out(result.json) } else { Console.current.line(result.text) }
    }
}

/// The tables, figures and report of a run analysis.
enum RunAnalysisOutput {
    struct Written { var text: String; var json: String }

    /// Writes the tables into `dir`, then draws the figures from them (`chorus figures`) unless
    /// `figures` is nil; paths in the report name `destination`, where `dir` ends up.
    static func write(_ run: RunIngest, to dir: URL, destination: URL? = nil, seed: UInt64, figures: FigureOptions?, writeRecords: Bool) throws -> Written {
        let stream = SeedStream(seed: seed).child("run")
        let trainAgents = TrainingDataMetrics.agents(run.training)
        let trainPairs = TrainingDataMetrics.pairs(run.training)
        let iterations = iterationTable(run, pairs: trainPairs, stream: stream)
        try iterations.write(to: dir.appendingPathComponent("iterations.csv"))
        let rounds = roundsTable(run.records, stream: stream.child("rounds"))
        try rounds.write(to: dir.appendingPathComponent("rounds.csv"))
        let agentRows = AgentAccuracy.table(DebateIndex(run.records), stream: stream.child("agents"))
        let names = run.spec.agentNames ?? run.logs.first?.result.agentNames
        let agentFile = AnalyzeAgents.FileRows(file: run.spec.name, names: names, rows: agentRows)
        try AnalyzeAgents.table([agentFile]).write(to: dir.appendingPathComponent("agents.csv"))
        if !run.training.isEmpty {
            var t = TidyTable(columns: ["iteration", "agent", "file", "examples", "questions", "unmatched", "no_answer", "accuracy", "answer_entropy", "top_answers"])
            for (a, set) in zip(trainAgents, run.training) {
                t.append([String(a.iteration), a.agent, set.path, String(a.examples), String(a.questions), String(a.unmatched), String(a.noAnswer),
                          a.accuracy.map(TidyTable.format) ?? "NA", a.answerEntropy.map(TidyTable.format) ?? "NA",
                          a.topAnswers.map { "\($0.answer):\($0.count)" }.joined(separator: ";")])
            }
            try t.write(to: dir.appendingPathComponent("training.csv"))
            var p = TidyTable(columns: ["iteration", "agent_a", "agent_b", "jaccard_question_answer", "jaccard_text"])
            for r in trainPairs {
                p.append([String(r.iteration), r.a, r.b, r.pairJaccard.map(TidyTable.format) ?? "NA", r.textJaccard.map(TidyTable.format) ?? "NA"])
            }
            try p.write(to: dir.appendingPathComponent("training-overlap.csv"))
        }
        try AtomicFile.write(run.warnings.joined(separator: "\n") + (run.warnings.isEmpty ? "" : "\n"), to: dir.appendingPathComponent("warnings.txt"))
        if writeRecords { try RecordsJSONL.write(run.records, to: dir.appendingPathComponent("records.jsonl")) }
        // From the tables just written, exactly as `chorus figures DIR` draws them.
        let final = destination ?? dir
        let drawn = try figures.map { try FiguresCommand.render(run: dir, options: $0).relocated(from: dir, to: final) }
        let pngs = drawn?.figures.flatMap(\.files) ?? []

        // Printed report.
        var out = "\n== run \(run.spec.name) (\(run.spec.source))\n"
        out += "format: \(run.format.displayName); task: \(run.task?.rawValue ?? "as recorded"); iterations: \(run.spec.iterations.map { String($0.iteration) }.joined(separator: ", "))\n"
        for l in run.logs { out += "  iteration \(l.iteration): \(l.path): \(l.result.questions) questions × \(l.result.agents) agents × \(l.result.rounds) rounds\n" }
        if !run.warnings.isEmpty { out += "warnings (\(run.warnings.count)):\n" + run.warnings.map { "  - \($0)\n" }.joined() }
        let metricOrder = [MetricName.accuracyRound1Individual, MetricName.accuracyRound1Majority, MetricName.accuracyFinal,
                           MetricName.sampleConsensus, MetricName.sampleAnswerEntropyPlugin, MetricName.sampleFlipWrongRight,
                           MetricName.sampleFlipRightWrong, MetricName.disagreementAnswer, MetricName.trainingOverlap]
        let its = Array(Set(iterations.rows.map { Int($0[1])! })).sorted()
        var lines = [["metric"] + its.map { "iteration \($0) [95% CI]" }]
        for m in metricOrder {
            var line = [m]
            for it in its {
                if let r = iterations.rows.first(where: { $0[1] == String(it) && $0[2] == m }) {
                    line.append("\(f3(r[3])) [\(f3(r[4])), \(f3(r[5]))]")
                } else { line.append("—") }
            }
            if line.dropFirst().contains(where: { $0 != "—" }) { lines.append(line) }
        }
        out += "per iteration (the simulator's metric names; CIs over questions):\n" + TextTable.render(lines)
        if Set(agentRows.map(\.agent)).count > 1 {
            var al = [["agent", "iteration"] + Array(Set(agentRows.map(\.round))).sorted().map { "round \($0) acc [95% CI]" }]
            var seen: [String: Int] = [:]
            for r in agentRows {
                let key = "\(r.group.iteration)|\(r.agent)"
                if seen[key] == nil { seen[key] = al.count; al.append([agentFile.label(r.agent), String(r.group.iteration)]) }
                al[seen[key]!].append(AnalyzeOutput.ci(r.accuracy))
            }
            out += "accuracy per agent by round:\n" + TextTable.render(al)
        }
        if !run.training.isEmpty {
            var tl = [["iteration", "agent", "examples", "questions", "unmatched", "train acc", "answer entropy", "top answers"]]
            for a in trainAgents {
                tl.append([String(a.iteration), a.agent, String(a.examples), String(a.questions), String(a.unmatched),
                           AnalyzeOutput.f3(a.accuracy), AnalyzeOutput.f3(a.answerEntropy), a.topAnswers.prefix(3).map { "\($0.answer)×\($0.count)" }.joined(separator: " ")])
            }
            out += "training data per agent:\n" + TextTable.render(tl)
            var pl = [["iteration", "agents", "Jaccard (question, answer)", "Jaccard (texts)"]]
            for p in trainPairs { pl.append([String(p.iteration), "\(p.a) – \(p.b)", AnalyzeOutput.f3(p.pairJaccard), AnalyzeOutput.f3(p.textJaccard)]) }
            out += "training-set overlap between agents (1 = identical data):\n" + TextTable.render(pl)
        }
        let files = ["iterations.csv", "rounds.csv", "agents.csv"] + (run.training.isEmpty ? [] : ["training.csv", "training-overlap.csv"])
            + ["warnings.txt", "run.json"] + (writeRecords ? ["records.jsonl"] : [])
        out += "wrote \(final.path): " + files.joined(separator: ", ")
        if let drawn { out += "\n" + FiguresCommand.report(run: final, drawn).trimmingCharacters(in: .newlines) }

        let f = { (t: String) in JSONFile.finite(Double(t)) }
        let report = RunReport(run: run.spec.name, source: run.spec.source, format: run.format.rawValue, task: run.task?.rawValue,
                               bootstrapSeed: seed, outputDirectory: final.path,
                               logs: run.logs.map { .init(iteration: $0.iteration, file: $0.path, questions: $0.result.questions,
                                                          agents: $0.result.agents, rounds: $0.result.rounds, skipped: $0.result.skipped) },
                               warnings: run.warnings,
                               iterations: iterations.rows.map { .init(iteration: Int($0[1]) ?? 0, metric: $0[2], value: f($0[3]), lower: f($0[4]),
                                                                       upper: f($0[5]), n: Int($0[6]) ?? 0) },
                               trainingOverlap: trainPairs.map { .init(iteration: $0.iteration, a: $0.a, b: $0.b,
                                                                       jaccardQuestionAnswer: JSONFile.finite($0.pairJaccard),
                                                                       jaccardText: JSONFile.finite($0.textJaccard)) },
                               figures: pngs.map(\.path))
        let j = try JSONFile.text(report)
        try AtomicFile.write(j, to: dir.appendingPathComponent("run.json"))
        return Written(text: out, json: j)
    }

    /// iterations.csv: `IterationMetrics` and, with training files, the simulator's
    /// `training.overlap` (mean pairwise (question, answer) Jaccard) per iteration.
    static func iterationTable(_ run: RunIngest, pairs: [TrainingDataMetrics.PairRow]? = nil, stream: SeedStream) -> TidyTable {
        var t = IterationMetrics.table(run.records, stream: stream.child("iterations"))
        for o in TrainingDataMetrics.iterationRows(pairs ?? TrainingDataMetrics.pairs(run.training)) {
            t.append([run.spec.name, String(o.iteration), MetricName.trainingOverlap, TidyTable.format(o.value), "NA", "NA", String(o.pairs)])
        }
        return t
    }

    /// rounds.csv: per run, iteration and round, the metrics of `chorus analyze`'s rounds.csv
    /// (`RoundMetrics`). (TranscriptMetrics' full set, with NSB, self-BLEU and Vendi per question,
    /// takes about 7 s on a 5 × 500-question run in release: over the 5 s budget of issue 12.)
    static func roundsTable(_ records: [ResponseRecord], stream: SeedStream) -> TidyTable {
        let roundRows = RoundMetrics.table(DebateIndex(records), stream: stream)
        var rounds = TidyTable(columns: ["run", "iteration", "round", "metric", "value", "lower", "upper", "n"])
        for r in roundRows {
            let key = [r.run, String(r.iteration), String(r.round)]
            for v in r.namedValues() { rounds.append(key + v.cells) }
        }
        return rounds
    }

    static func f3(_ s: String) -> String { AnalyzeOutput.f3(Double(s)) }
    /// The layout of run.json (`chorus analyze --run`), written through `JSONFile` (sorted
    /// keys; absent or non-finite numbers are `null`).
    struct RunReport: Encodable {
        struct Log: Encodable { var iteration: Int; var file: String; var questions, agents, rounds, skipped: Int }
        struct Metric: Encodable {
            var iteration: Int
            var metric: String
            @ExplicitNull var value: Double?
            @ExplicitNull var lower: Double?
            @ExplicitNull var upper: Double?
            var n: Int
        }
        struct Overlap: Encodable {
            var iteration: Int
            var a, b: String
            @ExplicitNull var jaccardQuestionAnswer: Double?
            @ExplicitNull var jaccardText: Double?
            enum CodingKeys: String, CodingKey { case iteration, a, b, jaccardQuestionAnswer = "jaccard_question_answer", jaccardText = "jaccard_text" }
        }
        var tool = "chorus analyze --run"
        var version = ChorusVersion.string
        var run, source, format: String
        @ExplicitNull var task: String?
        var bootstrapSeed: UInt64
        var outputDirectory: String
        var logs: [Log]
        var warnings: [String]
        var iterations: [Metric]
        var trainingOverlap: [Overlap]
        var figures: [String]
        enum CodingKeys: String, CodingKey {
            case tool, version, run, source, format, task, bootstrapSeed = "bootstrap_seed", outputDirectory = "output_directory"
            case logs, warnings, iterations, trainingOverlap = "training_overlap", figures
        }
    }
}
