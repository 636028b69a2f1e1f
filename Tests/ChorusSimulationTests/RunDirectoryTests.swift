import Foundation
import Testing
import ChorusTestSupport
import ChorusStats
import ChorusRecords
@testable import ChorusSimulation

/// The run directory: tables, manifest, transcripts, atomic writes, determinism.
@Suite struct RunDirectoryTests {
    static func files(in dir: URL) -> [String] {
        let e = FileManager.default.enumerator(atPath: dir.path)
        var out: [String] = []
        while let f = e?.nextObject() as? String { out.append(f) }
        return out.sorted()
    }

    static func output(_ config: SimulationConfig, threads: Int, claims: Bool = false) throws -> RunOutput {
        let result = try Experiment(config: config).run(threads: threads)
        let summary = result.summarize()
        let t = Date(timeIntervalSince1970: 1_800_000_000)
        let m = RunManifest(runID: RunDirectory.runID(for: config), source: "test", config: config, toolVersion: "9.9.9",
                            gitCommit: "unknown", start: t, end: t.addingTimeInterval(1.5), wallSeconds: 1.5, threads: threads)
        return RunOutput(result: result, summary: summary, claims: claims ? Claims.evaluate(summary) : nil, manifest: m)
    }

    @Test func quickRunWritesEveryFileAtomically() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var c = Presets.quick
        c.output.transcripts = [0, 2]
        let out = try Self.output(c, threads: 2, claims: true)
        let written = try RunDirectory.write(out, to: dir.appendingPathComponent("run"))
        let expected = ["claim_effects.csv", "claims.csv", "manifest.json", "metrics.csv", "summary.csv", "training",
                        "training/iteration-0.jsonl", "transcripts", "transcripts/iteration-0.jsonl", "transcripts/iteration-2.jsonl"]
        #expect(Self.files(in: dir.appendingPathComponent("run")) == expected)   // no temporary files left
        // Training records only for iteration 0: the last iteration (2) trains nothing.
        #expect(written == ["metrics.csv", "summary.csv", "claims.csv", "claim_effects.csv", "transcripts/iteration-0.jsonl",
                            "transcripts/iteration-2.jsonl", "training/iteration-0.jsonl", "manifest.json"])
        let run = dir.appendingPathComponent("run")

        // metrics.csv: one row per metric row, the fixed columns, then the varying parameters.
        let metrics = try TidyTable.read(from: run.appendingPathComponent("metrics.csv"))
        #expect(Array(metrics.columns.prefix(6)) == ["run_id", "regime", "seed", "iteration", "metric", "value"])
        #expect(metrics.rows.count == out.result.rows.count)
        #expect(Set(metrics.column("run_id") ?? []) == [out.manifest.runID])
        #expect(metrics.columns.contains("regime.models") && metrics.columns.contains("debate.rounds"))
        #expect(!metrics.columns.contains("task.train_questions"))     // constant: manifest only
        for (row, r) in zip(metrics.rows, out.result.rows) {
            #expect(row[1] == r.regime && row[2] == "\(r.seed)" && row[3] == "\(r.iteration)" && row[4] == r.metric)
            #expect(row[5] == TidyTable.format(r.value))
        }

        // summary.csv agrees with an independent computation of mean and t interval.
        let summary = try TidyTable.read(from: run.appendingPathComponent("summary.csv"))
        #expect(summary.columns == ["regime", "iteration", "metric", "n", "mean", "sd", "se", "ci_lower", "ci_upper"])
        #expect(summary.rows.count == out.summary.count)
        let first = summary.rows[0]
        let values = out.result.rows.filter { $0.regime == first[0] && "\($0.iteration)" == first[1] && $0.metric == first[2] }.map(\.value)
        #expect(values.count == 2 && first[3] == "2")
        let mean = values.reduce(0, +) / 2
        #expect(abs(Double(first[4])! - mean) < 1e-12)
        let sd = abs(values[0] - values[1]) / 2.0.squareRoot()
        // t_{0.975, 1} = 12.706204736174698 (tables); half-width = t · sd/√2.
        #expect(abs(Double(first[8])! - (mean + 12.706204736174698 * sd / 2.0.squareRoot())) < 1e-9)

        // claims.csv: six claims, holds true/false.
        let claims = try TidyTable.read(from: run.appendingPathComponent("claims.csv"))
        #expect(claims.columns == ["claim", "statement", "evidence", "holds", "blocks_held", "blocks", "hold_rate"])
        #expect(claims.rows.count == 6 && claims.rows.allSatisfy { $0[3] == "true" || $0[3] == "false" })

        // Transcripts: canonical records of the requested iteration only.
        for k in [0, 2] {
            let text = try String(contentsOf: run.appendingPathComponent("transcripts/iteration-\(k).jsonl"), encoding: .utf8)
            let lines = text.split(separator: "\n")
            #expect(!lines.isEmpty)
            for line in lines.prefix(50) {
                let r = try JSONDecoder().decode(ResponseRecord.self, from: Data(line.utf8))
                #expect(r.iteration == k && r.run == out.manifest.runID && r.seed != nil)
            }
        }

        // manifest.json: valid JSON with the resolved configuration and run facts.
        let data = try Data(contentsOf: run.appendingPathComponent("manifest.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["tool_version"] as? String == "9.9.9")
        #expect(json["run_id"] as? String == out.manifest.runID)
        #expect(json["start_time"] as? String == "2027-01-15T08:00:00Z")
        #expect(json["end_time"] as? String == "2027-01-15T08:00:01Z")
        #expect(json["wall_time_seconds"] as? Double == 1.5)
        #expect(json["threads"] as? Int == 2)
        #expect((json["seeds"] as? [Int]) == [1, 2])
        #expect((json["files"] as? [String])?.last == "manifest.json")
        let cfg = try #require(json["config"] as? [String: Any])
        #expect((cfg["task"] as? [String: Any])?["train_questions"] as? Int == 40)
        #expect((cfg["finetune"] as? [String: Any])?["critic_mix_weight"] as? Double == 2.0 / 3.0)
        #expect(json["claims"] != nil)
    }

    @Test func tablesAreByteIdenticalForOneAndTwoThreads() throws {
        let c = Presets.quick
        let one = try Self.output(c, threads: 1)
        let two = try Self.output(c, threads: 2)
        let id = RunDirectory.runID(for: c)
        #expect(RunTables.metrics(one.result, runID: id).csv() == RunTables.metrics(two.result, runID: id).csv())
        #expect(RunTables.summary(one.summary).csv() == RunTables.summary(two.summary).csv())
        // And through the files.
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try RunDirectory.write(one, to: dir.appendingPathComponent("a"))
        try RunDirectory.write(two, to: dir.appendingPathComponent("b"))
        for f in ["metrics.csv", "summary.csv"] {
            #expect(try Data(contentsOf: dir.appendingPathComponent("a/\(f)")) == Data(contentsOf: dir.appendingPathComponent("b/\(f)")))
        }
    }

    @Test func parameterColumnsAreExactlyThoseThatVary() {
        var c = SimulationConfig()
        c.regimes = ["multiagent"]
        #expect(RunParameters.varying(c).columns.isEmpty)
        c.regimes = ["single-agent", "multiagent"]
        let a = RunParameters.varying(c)
        #expect(a.columns == ["regime.models"])
        #expect(a.values["single-agent"] == ["1"] && a.values["multiagent"] == ["6"])
        c.regimes = ["multiagent", "no-summary", "single-no-debate"]
        let b = RunParameters.varying(c)
        #expect(b.columns == ["debate.rounds", "debate.summarize", "regime.models", "regime.selection", "regime.train_critics"])
        #expect(b.values["single-no-debate"] == ["1", "true", "1", "self-consistency", "false"])
        #expect(b.values["no-summary"] == ["2", "false", "6", "consensus", "true"])
    }

    @Test func runIDsDependOnlyOnTheConfiguration() throws {
        var c = Presets.quick
        let id = RunDirectory.runID(for: c)
        #expect(id == RunDirectory.runID(for: Presets.quick))
        #expect(id.hasPrefix("quick-") && id.count == "quick-".count + 16)
        c.debate.rounds = 3
        #expect(RunDirectory.runID(for: c) != id)
        // The id is the FNV-1a hash of the canonical JSON of the values (not of the commented
        // YAML), recomputed here independently.
        #expect(id == "quick-\(fnv1aHex(try RunManifest.canonicalJSON(Presets.quick)))")
        let url = RunDirectory.defaultURL(name: "paper", date: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(url.path.hasSuffix("notebooks-data/paper-20270115T080000Z"))
    }

    @Test func defaultDirectoriesAreNeverReused() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let base = dir.appendingPathComponent("quick-20270115T080000Z")
        #expect(RunDirectory.unusedURL(base) == base)
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        #expect(RunDirectory.unusedURL(base).lastPathComponent == "quick-20270115T080000Z-2")
        try FileManager.default.createDirectory(at: RunDirectory.unusedURL(base), withIntermediateDirectories: true)
        #expect(RunDirectory.unusedURL(base).lastPathComponent == "quick-20270115T080000Z-3")
    }

    @Test func aRunDirectoryThatIsAFileIsAClearErrorAndLeavesNothingBehind() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let blocker = dir.appendingPathComponent("run")
        try Data("x".utf8).write(to: blocker)
        var c = Presets.quick
        c.regimes = ["multiagent"]; c.seeds = [1]; c.iterations = 1
        let out = try Self.output(c, threads: 1)
        #expect(throws: FileIOError.self) { try RunDirectory.write(out, to: blocker) }
        #expect(Self.files(in: dir) == ["run"])
    }
}
