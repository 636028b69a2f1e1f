import ArgumentParser
import ChorusRecords
import Foundation
import Testing
import ChorusTestSupport
@testable import ChorusCLI

/// Issue 10: analysis.json and agents.csv are written row by row (`AnalysisReport.write`,
/// `AnalyzeAgents.write`) with the very bytes of the documents built whole
/// (`AnalyzeOutput.jsonReport`, `AnalyzeAgents.table`).
@Suite struct AnalyzeOutputStreamTests {
    static let fixtures = AnalyzeStreamingTests.fixtures

    @Test func analysisJSONAndAgentsCSVStreamedEqualTheWholeDocuments() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Several files (so several spliced row lists), one free-text log (no answers, no
        // agent rows), groups from a multi-seed JSON Lines log.
        let make = AnalyzeStreamingTests()
        let log = try make.makeLog(in: dir)
        let inputs = [log.path] + ["du_numeric.json", "mft_math.json"].map { Self.fixtures.appendingPathComponent($0).path }
        let o = AnalyzeFile.Options(format: nil, task: nil, strict: false, seed: 3, selfBLEU: false, facts: nil)
        let answers = try LineWriter(url: dir.appendingPathComponent("answers.csv"))
        var analyses = try inputs.map { try AnalyzeFile.analyze($0, o, answers: answers, records: nil) }
        var free = o; free.task = .free
        analyses.append(try AnalyzeFile.analyze(Self.fixtures.appendingPathComponent("mft_math.json").path, free, answers: answers, records: nil))
        try answers.close()
        #expect(analyses.map(\.rows.count).reduce(0, +) > 20 && !analyses.last!.hasAnswers)

        let json = dir.appendingPathComponent("analysis.json")
        try AnalysisReport.write(analyses, outputDirectory: "/out", figures: ["/out/figures/a.png"], seed: 3, to: json)
        // The reference: the whole report encoded at once.
        let whole = try JSONFile.text(AnalysisReport(analyses, outputDirectory: "/out", figures: ["/out/figures/a.png"], seed: 3))
        #expect(try String(contentsOf: json, encoding: .utf8) == whole)
        // And it is JSON with every file's rows.
        let parsed = try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as! [String: Any]
        let files = parsed["files"] as! [[String: Any]]
        #expect(files.map { ($0["rows"] as! [Any]).count } == analyses.map(\.rows.count))

        let rows = try AnalyzeAgents.write(analyses, to: dir)
        let expected = AnalyzeAgents.table(rows).csv()
        #expect(try String(contentsOf: dir.appendingPathComponent("agents.csv"), encoding: .utf8) == expected)
        #expect(expected.split(separator: "\n").count > 10)
    }

    /// `--json` prints the file as written, then a newline (as it printed the string before).
    @Test func jsonOutputIsTheFile() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("a")
        let r = try CapturedConsole.run(["analyze", Self.fixtures.appendingPathComponent("du_numeric.json").path, "--json", "--no-figures", "--out", out.path])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out == (try String(contentsOf: out.appendingPathComponent("analysis.json"), encoding: .utf8)) + "\n")
    }
}
