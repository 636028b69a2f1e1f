import ArgumentParser
import ChorusAnalysis
import ChorusRecords
import ChorusSimulation
import Foundation
import Testing
import ChorusTestSupport
@testable import ChorusCLI

/// `chorus analyze --map` end to end, on sample files the tests write.
@Suite("chorus analyze --map")
struct AnalyzeSamplesCommandTests {
    /// k = 4 samples per question of two models over 3 questions and 2 iterations (truth 7).
    static func wideJSONL() -> String {
        var lines: [String] = []
        for it in 0..<2 { for q in 0..<3 {
            let a = (0..<4).map { "\"\($0 <= q ? 7 : $0)\"" }.joined(separator: ", ")   // q + 1 of 4 right
            let b = (0..<4).map { "\"\($0 == 0 && it == 1 ? 7 : 1)\"" }.joined(separator: ", ")
            lines.append("{\"problem\": \"Q\(q)\", \"gold\": 7, \"it\": \(it), \"gpt\": {\"solutions\": [\(a)]}, \"llama\": {\"solutions\": [\(b)]}}")
        } }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("wide JSON Lines with lists of samples: tables, figure, pooled rows for compare, and compare against a simulated run")
    func endToEnd() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let f = dir.appendingPathComponent("samples.jsonl")
        try Self.wideJSONL().write(to: f, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let r = try CapturedConsole.run(["analyze", f.path, "--map", "question=problem,truth=gold,iteration=it,response=*.solutions", "--out", out.path])
        #expect(r.code == 0, "\(r.err)")
        for name in ["samples.csv", "iterations.csv", "sample-files.csv", "warnings.txt", "samples.json",
                     "figures/pass-at-k.png", "figures/pass-at-k.pdf", "figures/pass-at-k.svg"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name)")
        }
        let t = try TidyTable.read(from: out.appendingPathComponent("samples.csv"))
        func v(_ it: String, _ m: String, _ metric: String) -> Double? { t.rows.first { $0[1] == it && $0[2] == m && $0[3] == metric }.flatMap { Double($0[4]) } }
        // gpt: c = 1, 2, 3 of 4: pass@1 = mean(1/4, 2/4, 3/4); pass@4 = 1.
        #expect(v("0", "gpt", MetricName.passAt(1)) == 0.5 && v("0", "gpt", MetricName.passAt(4)) == 1)
        // pass@2 = mean(1 − C(3,2)/C(4,2), 1 − C(2,2)/C(4,2), 1) = mean(1/2, 5/6, 1).
        #expect(abs(v("0", "gpt", MetricName.passAt(2))! - (0.5 + 5.0 / 6 + 1) / 3) < 1e-12)
        #expect(v("0", "llama", MetricName.passAt(4)) == 0 && v("1", "llama", MetricName.passAt(1)) == 0.25)
        // Coverage at iteration 1: 1 − (1 − c/4)(1 − 1/4) per question.
        let cov = ([1.0, 2, 3].map { 1 - (1 - $0 / 4) * 0.75 }).reduce(0, +) / 3
        #expect(abs(v("1", SampleMetrics.pooled, MetricName.coverage)! - cov) < 1e-12)
        #expect(r.out.contains("wide layout") && r.out.contains("pass@4"), "\(r.out)")
        // compare reads the folder like a run analysis: pass@k and coverage on the simulator's axes.
        let sim = dir.appendingPathComponent("sim")
        let s = try CapturedConsole.run(["simulate", "--preset", "quick", "--regimes", "single-agent", "--threads", "1", "--out", sim.path, "--no-figures", "--quiet"])
        #expect(s.code == 0, "\(s.err)")
        let c = try CapturedConsole.run(["compare", sim.path, out.path, "--out", dir.appendingPathComponent("cmp").path, "--no-figures"])
        #expect(c.code == 0, "\(c.err)")
        let joined = try TidyTable.read(from: dir.appendingPathComponent("cmp/compare.csv"))
        #expect(joined.rows.contains { $0[0] == "simulated" && $0[3] == MetricName.coverage })
        #expect(joined.rows.contains { $0[0] == "out" && $0[3] == MetricName.passAt(4) && $0[2] == "1" })
    }

    @Test("errors: a missing column (exit 65, file, line, key, column), --map with --run, a bad --format")
    func errors() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let f = dir.appendingPathComponent("s.txt")
        try "problem,solution\nQ,1\n".write(to: f, atomically: true, encoding: .utf8)
        var r = try CapturedConsole.run(["analyze", f.path, "--format", "csv", "--map", "question=problem,response=answer", "--out", dir.appendingPathComponent("o").path])
        #expect(r.code == 65 && r.err.contains("s.txt: line 1 (header): response=answer: no column 'answer'"), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("o").path))
        r = try CapturedConsole.run(["analyze", f.path, "--format", "csv", "--map", "question=problem,response=solution", "--out", dir.appendingPathComponent("o2").path, "--no-figures"])
        #expect(r.code == 0, "\(r.err)")
        func parseError(_ args: [String]) -> String {
            do { _ = try ChorusCommand.parseAsRoot(args); return "" } catch { return ChorusCommand.message(for: error) }
        }
        let m1 = parseError(["analyze", f.path, "--format", "agora", "--map", "question=problem,response=solution"])
        #expect(m1.contains("--format must be one of jsonl, csv, tsv"), "\(m1)")
        let m2 = parseError(["analyze", "--run", "x.yaml", "--map", "question=problem,response=solution"])
        #expect(m2.contains("--map reads sample files"), "\(m2)")
    }
}
