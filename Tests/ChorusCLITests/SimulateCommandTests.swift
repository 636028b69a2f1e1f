import ArgumentParser
import Foundation
import Testing
import ChorusTestSupport
import ChorusRecords
import ChorusSimulation
@testable import ChorusCLI

/// `chorus simulate` end to end, in-process.
@Suite struct SimulateCommandTests {
    @Test func quickRunWritesTheRunDirectoryAndPrintsTheSummary() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = dir.appendingPathComponent("quick")
        let r = try CapturedConsole.run(["simulate", "--formats", "pdf", "--preset", "quick", "--regimes", "single-agent,multiagent",
                                         "--threads", "2", "--out", run.path, "--transcripts", "0,2", "--set", "debate.rounds=3"])
        #expect(r.code == 0, "\(r.err)")
        let files = try FileManager.default.contentsOfDirectory(atPath: run.path).sorted()
        #expect(files == ["figures", "manifest.json", "metrics.csv", "summary.csv", "training", "transcripts"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: run.appendingPathComponent("transcripts").path).sorted()
                == ["iteration-0.jsonl", "iteration-2.jsonl"])
        // The table: header and one row per regime × iteration (0...2).
        let lines = r.out.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("regime") && $0.contains("accuracy.final (95% CI)") && $0.contains("disagreement.chain (95% CI)") })
        #expect(lines.filter { $0.hasPrefix("single-agent ") || $0.hasPrefix("multiagent ") }.count == 6)
        #expect(!r.out.contains("Claims"))
        // Status lines go to standard error.
        #expect(r.err.contains("preset quick, 2 regime(s) × 2 seed(s), 2 iteration(s), 2 thread(s)"))
        #expect(r.err.contains("wrote \(run.path)/"))
        // The manifest has the resolved configuration (the --set and --regimes applied).
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: run.appendingPathComponent("manifest.json"))) as? [String: Any]
        let config = json?["config"] as? [String: Any]
        #expect((config?["debate"] as? [String: Any])?["rounds"] as? Int == 3)
        #expect(config?["regimes"] as? [String] == ["single-agent", "multiagent"])
        #expect(json?["source"] as? String == "preset quick")
    }

    @Test func claimsAreEvaluatedOnRequestAndCanSetTheExitCode() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CapturedConsole.run(["simulate", "--no-figures", "--preset", "quick", "--quiet", "--claims", "--out", dir.appendingPathComponent("a").path])
        #expect(r.code == 0)
        #expect(r.err.isEmpty)   // --quiet
        #expect(r.out.contains("Claims (docs/design.md §2): "))
        let claims = try TidyTable.read(from: dir.appendingPathComponent("a/claims.csv"))
        #expect(claims.rows.count == 6)
        #expect(r.out.components(separatedBy: "HOLDS").count - 1 == claims.rows.filter { $0[3] == "true" }.count)
        // --require-claims: exit code 3 exactly when a claim fails.
        let s = try CapturedConsole.run(["simulate", "--no-figures", "--preset", "quick", "--quiet", "--require-claims", "--out", dir.appendingPathComponent("b").path])
        let anyFails = claims.rows.contains { $0[3] == "false" }
        #expect(s.code == (anyFails ? 3 : 0))
        if anyFails { #expect(s.err.hasPrefix("error: ") && s.err.contains("claims fail (--require-claims)")) }
    }

    @Test func jsonOutputIsValidJSON() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CapturedConsole.run(["simulate", "--no-figures", "--preset", "quick", "--regimes", "multiagent", "--seeds", "1-3", "--json", "--quiet",
                                         "--claims", "--out", dir.path])
        #expect(r.code == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        #expect(json["run_dir"] as? String == dir.path)
        let summary = try #require(json["summary"] as? [[String: Any]])
        #expect(summary.contains { $0["metric"] as? String == "accuracy.final" && $0["n"] as? Int == 3 })
        #expect((json["claims"] as? [Any])?.count == 6)
    }

    @Test func aBadKeyIsOneErrorLineWithExitCode65() throws {
        let r = try CapturedConsole.run(["simulate", "--preset", "quick", "--quiet", "--set", "debate.round=3", "--out", "/nonexistent/never"])
        #expect(r.code == 65)
        #expect(r.out.isEmpty)
        #expect(r.err == "error: --set debate.round=3: unknown configuration key 'debate.round'; allowed here: rounds, summarize, "
                + "summary_noise, raw_noise, context_budget, stay_weight, support_weight, evidence_weight, prior_weight\n")
        let t = try CapturedConsole.run(["simulate", "--quiet", "--set", "debate.rounds=two"])
        #expect(t.code == 65 && t.err == "error: --set debate.rounds=two: configuration key 'debate.rounds' expects an integer, found \"two\"\n")
        let u = try CapturedConsole.run(["simulate", "--quiet", "--preset", "papr"])
        #expect(u.code == 65 && u.err == "error: unknown preset 'papr'; known: default, quick, paper, long\n")
        let v = try CapturedConsole.run(["simulate", "--quiet", "--seeds", "5-1"])
        #expect(v.code == 65 && v.err.hasPrefix("error: --seeds 5-1: configuration key 'seeds'"))
        let w = try CapturedConsole.run(["simulate", "--quiet", "--regimes", "multiagent,solo"])
        #expect(w.code == 65 && w.err.hasPrefix("error: --regimes multiagent,solo: unknown regime 'solo'; known: single-agent,"))
    }

    @Test func aConfigFileErrorNamesTheFileAndLine() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("my.yaml")
        try "name: mine\ndebate:\n  rounds: 2\n  summarise: true\n".write(to: file, atomically: true, encoding: .utf8)
        let r = try CapturedConsole.run(["simulate", "--config", file.path, "--quiet"])
        #expect(r.code == 65)
        #expect(r.err.hasPrefix("error: \(file.path):4: unknown configuration key 'debate.summarise'; allowed here: rounds, summarize,"))
        let missing = try CapturedConsole.run(["simulate", "--config", dir.appendingPathComponent("nope.yaml").path, "--quiet"])
        #expect(missing.code == 65 && missing.err.contains("nope.yaml: no such file"))
        // A valid file over the quick preset runs.
        try "regimes: [multiagent]\nseeds: [7]\n".write(to: file, atomically: true, encoding: .utf8)
        let ok = try CapturedConsole.run(["simulate", "--no-figures", "--preset", "quick", "--config", file.path, "--quiet", "--out", dir.appendingPathComponent("run").path])
        #expect(ok.code == 0)
        let metrics = try TidyTable.read(from: dir.appendingPathComponent("run/metrics.csv"))
        #expect(Set(metrics.column("seed") ?? []) == ["7"] && Set(metrics.column("regime") ?? []) == ["multiagent"])
        #expect(Set(metrics.column("iteration") ?? []) == ["0", "1", "2"])   // the quick preset's 2 iterations
    }

    @Test func anUnwritableRunDirectoryIsExitCode74() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let blocker = dir.appendingPathComponent("file")
        try Data().write(to: blocker)
        let r = try CapturedConsole.run(["simulate", "--no-figures", "--preset", "quick", "--regimes", "multiagent", "--quiet", "--out", blocker.path])
        // Refused before any compute (issue 10), naming the path.
        #expect(r.code == 74 && r.err.hasPrefix("error: cannot write \(blocker.path): it exists and is not a directory"), "\(r.err)")
    }

    @Test func badCommandLinesAreRejectedByTheParser() {
        #expect(throws: (any Error).self) { _ = try ChorusCommand.parseAsRoot(["simulate", "--threads", "0"]) }
        #expect(throws: (any Error).self) { _ = try ChorusCommand.parseAsRoot(["simulate", "--bogus"]) }
        #expect(ChorusCommand.exitCode(for: ValidationError("x")).rawValue == 64)
    }
}

/// Issue 10: `simulate --transcripts` writes records as they are made (`TranscriptSpool`) and
/// gives the bytes of the in-memory path, for any thread count.
@Suite struct StreamedTranscriptTests {
    @Test func transcriptsAreStreamedWithTheSameBytes() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let common = ["simulate", "--preset", "quick", "--regimes", "single-agent,multiagent,no-critic", "--seeds", "1-3",
                      "--transcripts", "0,2", "--no-figures", "--quiet"]
        // The in-memory path: the experiment's records, with the run id, encoded in order.
        let sim = try SimulateCommand.parse(Array(common.dropFirst()))
        let (config, _) = try sim.resolveConfiguration()
        let result = try Experiment(config: config).run(threads: 1)
        #expect(!result.transcripts.isEmpty && result.transcriptSpool == nil)
        let runID = RunDirectory.runID(for: config)
        for threads in ["1", "2"] {
            let run = dir.appendingPathComponent("t\(threads)")
            let r = try CapturedConsole.run(common + ["--threads", threads, "--out", run.path])
            #expect(r.code == 0, "\(r.err)")
            for k in [0, 2] {
                let expected = result.transcripts.filter { $0.iteration == k }
                    .map { rec -> String in var rec = rec; rec.run = runID; return RecordsJSONL.encodeLine(rec) + "\n" }.joined()
                let written = try String(contentsOf: run.appendingPathComponent("transcripts/iteration-\(k).jsonl"), encoding: .utf8)
                #expect(written == expected, "iteration \(k), \(threads) thread(s)")
            }
            // The part files are gone, inside and beside the run directory.
            #expect(try FileManager.default.contentsOfDirectory(atPath: run.path).sorted() == ["manifest.json", "metrics.csv", "summary.csv", "training", "transcripts"])
            #expect(!(try FileManager.default.contentsOfDirectory(atPath: dir.path)).contains { $0.hasPrefix(".") })
        }
    }
}
