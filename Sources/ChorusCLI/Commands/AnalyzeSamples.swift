import ChorusAnalysis
import ChorusFigures
import ChorusIngest
import ChorusRecords
import ChorusSimulation
import ChorusStats
import Foundation

/// `chorus analyze FILE… --map key=path,…`: sample files, no debate rounds (issue 12).
///
/// Writes to the output folder: samples.csv (`SampleMetrics`: per file, iteration and model,
/// and pooled over models, 95% bootstrap CIs over questions), iterations.csv (the pooled rows
/// under the simulator's names, so `chorus compare SIM OUT` reads it), sample-files.csv (what
/// was read), warnings.txt, samples.json and the figures of `chorus figures OUT` (pass@k by model, the metrics by iteration).
enum AnalyzeSamples {
    struct Analysed { var file: SampleFile; var table: TidyTable; var name: String }

    static func execute(files: [String], map mapText: String, syntax: SampleFile.Syntax?, task: AnswerTask?, seed: UInt64,
                        figures: FigureOptions?, json: Bool, outDir: URL, staging: URL) throws -> String {
        let map = try SampleMap.parse(mapText)
        var analysed: [Analysed] = []
        for f in files {
            let file = try SampleReader.read(f, map: map, syntax: syntax, task: task)
            let name = (f as NSString).lastPathComponent
            let table = SampleMetrics.table(file.samples, run: name, models: file.models,
                                            stream: SeedStream(seed: seed).child("samples"))
            analysed.append(Analysed(file: file, table: table, name: name))
        }
        var all = TidyTable(columns: SampleMetrics.columns)
        for a in analysed { all.rows += a.table.rows }
        try all.write(to: staging.appendingPathComponent("samples.csv"))
        try SampleMetrics.iterationTable(all).write(to: staging.appendingPathComponent("iterations.csv"))
        var files = TidyTable(columns: ["file", "syntax", "layout", "task", "task_reason", "rows", "samples", "models", "questions", "iterations"])
        for a in analysed {
            let f = a.file
            files.append([f.path, f.syntax.rawValue, f.layout.rawValue, f.task.rawValue, f.taskReason, String(f.rows), String(f.samples.count),
                          f.models.joined(separator: ";"), String(Set(f.samples.map { "\($0.iteration)\u{1F}\($0.question)" }).count),
                          Array(Set(f.samples.map(\.iteration))).sorted().map(String.init).joined(separator: ";")])
        }
        try files.write(to: staging.appendingPathComponent("sample-files.csv"))
        let warnings = analysed.flatMap(\.file.warnings)
        try AtomicFile.write(warnings.map { $0 + "\n" }.joined(), to: staging.appendingPathComponent("warnings.txt"))
        // Drawn from the tables just written, exactly as `chorus figures OUT` draws them.
        let drawn = try figures.map { try FiguresCommand.render(run: staging, options: $0).relocated(from: staging, to: outDir) }
        let figurePaths = drawn?.figures.flatMap(\.files).map(\.path) ?? []
        let f = { (t: String) in JSONFile.finite(Double(t)) }
        let report = SamplesReport(map: mapText, bootstrapSeed: seed, outputDirectory: outDir.path,
                                   files: analysed.map { a in .init(file: a.file.path, syntax: a.file.syntax.rawValue, layout: a.file.layout.rawValue,
                                                                    task: a.file.task.rawValue, rows: a.file.rows, samples: a.file.samples.count,
                                                                    models: a.file.models) },
                                   warnings: warnings,
                                   metrics: all.rows.map { .init(file: $0[0], iteration: Int($0[1]) ?? 0, model: $0[2], metric: $0[3],
                                                                 value: f($0[4]), lower: f($0[5]), upper: f($0[6]), n: Int($0[7]) ?? 0) },
                                   figures: figurePaths)
        let j = try JSONFile.text(report)
        try AtomicFile.write(j, to: staging.appendingPathComponent("samples.json"))
        if json { return j }
        var out = ""
        for a in analysed { out += text(a) }
        if !warnings.isEmpty { out += "warnings (\(warnings.count)):\n" + warnings.map { "  - \($0)\n" }.joined() }
        out += "wrote \(outDir.path): samples.csv, iterations.csv, sample-files.csv, warnings.txt, samples.json\n"
        if let drawn { out += FiguresCommand.report(run: outDir, drawn) }
        return out
    }

    /// The layout of samples.json (`chorus analyze --map`), written through `JSONFile`
    /// (sorted keys; absent or non-finite numbers are `null`).
    struct SamplesReport: Encodable {
        struct File: Encodable { var file, syntax, layout, task: String; var rows, samples: Int; var models: [String] }
        struct Metric: Encodable {
            var file: String
            var iteration: Int
            var model, metric: String
            @ExplicitNull var value: Double?
            @ExplicitNull var lower: Double?
            @ExplicitNull var upper: Double?
            var n: Int
        }
        var tool = "chorus analyze --map"
        var version = ChorusVersion.string
        var map: String
        var bootstrapSeed: UInt64
        var outputDirectory: String
        var files: [File]
        var warnings: [String]
        var metrics: [Metric]
        var figures: [String]
        enum CodingKeys: String, CodingKey {
            case tool, version, map, bootstrapSeed = "bootstrap_seed", outputDirectory = "output_directory", files, warnings, metrics, figures
        }
    }

    /// The printed report of one file: per iteration, a row per model and the pooled row.
    static func text(_ a: Analysed) -> String {
        let f = a.file
        var out = "\n== \(a.name): \(f.syntax.rawValue), \(f.layout) layout, \(f.rows) rows, \(f.samples.count) samples, \(f.models.count) model\(f.models.count == 1 ? "" : "s")\n"
        out += "task: \(f.task.rawValue) (\(f.taskReason))\n"
        let rows = a.table.rows
        func value(_ it: String, _ model: String, _ metric: String) -> [String]? { rows.first { $0[1] == it && $0[2] == model && $0[3] == metric } }
        func ci(_ r: [String]?) -> String {
            guard let r, let v = Double(r[4]), v.isFinite else { return "—" }
            return String(format: "%.3f [%.3f, %.3f]", v, Double(r[5]) ?? .nan, Double(r[6]) ?? .nan)
        }
        func f3(_ r: [String]?) -> String { AnalyzeOutput.f3(r.flatMap { Double($0[4]) }) }
        var its: [String] = []
        for r in rows where !its.contains(r[1]) { its.append(r[1]) }
        for it in its {
            let ks = PolicyMetrics.passAtK.filter { k in rows.contains { $0[1] == it && $0[3] == MetricName.passAt(k) } }
            let shownK = ks.count > 4 ? [ks[0], ks[1], ks[ks.count / 2], ks.last!] : ks
            var lines = [["model", "samples/q"] + (f.task.hasAnswers ? ["accuracy [95% CI]", "majority"] + shownK.map { "pass@\($0)" } + ["coverage (any sample)", "answer entropy"] : []) + ["TF-IDF dissim."]]
            for m in f.models + (f.models.count > 1 ? [SampleMetrics.pooled] : []) {
                guard rows.contains(where: { $0[1] == it && $0[2] == m }) else { continue }
                var line = [m, AnalyzeOutput.f3(value(it, m, "samples_per_question").flatMap { Double($0[4]) })]
                if f.task.hasAnswers {
                    line += [ci(value(it, m, MetricName.accuracyRound1Individual)), f3(value(it, m, MetricName.accuracyRound1Majority))]
                    line += shownK.map { f3(value(it, m, MetricName.passAt($0))) }
                    line += [f3(value(it, m, SampleMetrics.coverageAnySample)), f3(value(it, m, MetricName.sampleAnswerEntropyPlugin))]
                }
                line.append(f3(value(it, m, "text.tfidf_dissimilarity")))
                lines.append(line)
            }
            out += "iteration \(it):\n" + TextTable.render(lines)
            if f.models.count > 1, let c = value(it, SampleMetrics.pooled, MetricName.coverage) {
                out += "coverage (some model right, one sample each; the simulator's `coverage`): \(ci(c))\n"
            }
        }
        return out
    }
}
