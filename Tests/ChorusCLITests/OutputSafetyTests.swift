import Foundation
import Testing
import ChorusTestSupport
@testable import ChorusCLI

/// Issue 10, through the commands: bad output paths fail before compute, a non-empty --out
/// needs --force and is then replaced whole, and one bad file does not abort an analyze batch.
@Suite struct OutputSafetyTests {
    static let fixtures = Paths.fixtures

    @Test func simulateRefusesABadOrNonEmptyOutBeforeComputing() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("a-file")
        try "x".write(to: file, atomically: true, encoding: .utf8)
        // The default preset would take minutes: an immediate error shows nothing was computed.
        let start = Date()
        let r = try CapturedConsole.run(["simulate", "--out", file.path, "--quiet"])
        #expect(r.code == 74 && r.err.contains("not a directory"), "\(r.err)")
        #expect(Date().timeIntervalSince(start) < 10)

        let out = dir.appendingPathComponent("run")
        let args = ["simulate", "--preset", "quick", "--regimes", "multiagent", "--seeds", "1", "--out", out.path, "--quiet"]
        #expect(try CapturedConsole.run(args + ["--transcripts", "0"]).code == 0)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("transcripts/iteration-0.jsonl").path))
        let again = try CapturedConsole.run(args)
        #expect(again.code == 74 && again.err.contains("--force"), "\(again.err)")
        // --force replaces the folder whole: the old transcripts do not linger beside the new run.
        #expect(try CapturedConsole.run(args + ["--force"]).code == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == ["figures", "manifest.json", "metrics.csv", "summary.csv"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["a-file", "run"])
    }

    @Test func analyzeReportsEachBadFileAndAnalysesTheRest() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.json")
        try "{ not json".write(to: bad, atomically: true, encoding: .utf8)
        let good = Self.fixtures.appendingPathComponent("du_numeric.json").path
        let missing = dir.appendingPathComponent("missing.json").path
        let out = dir.appendingPathComponent("a")
        let r = try CapturedConsole.run(["analyze", bad.path, good, missing, "--out", out.path, "--no-figures", "--json"])
        #expect(r.code == 0, "\(r.err)")
        let warnings = r.err.split(separator: "\n").filter { $0.hasPrefix("warning: skipped ") }
        #expect(warnings.count == 2 && warnings[0].contains("bad.json") && warnings[1].contains("missing.json"), "\(r.err)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("analysis.json"))) as! [String: Any]
        #expect((json["files"] as! [[String: Any]]).count == 1)
        // --strict: the first bad file is fatal, and nothing is written.
        let out2 = dir.appendingPathComponent("b")
        let clean = Self.fixtures.appendingPathComponent("mft_math.json").path   // nothing skipped in it
        let s = try CapturedConsole.run(["analyze", clean, bad.path, "--out", out2.path, "--no-figures", "--strict"])
        #expect(s.code == 65 && s.err.hasPrefix("error: ") && s.err.contains("bad.json"), "\(s.err)")
        #expect(!FileManager.default.fileExists(atPath: out2.path))
        // Every file bad: the first error is the command's.
        let n = try CapturedConsole.run(["analyze", bad.path, missing, "--out", dir.appendingPathComponent("c").path, "--no-figures"])
        #expect(n.code == 65 && n.err.contains("error: "), "\(n.err)")
    }
}
