import ArgumentParser
import ChorusAnalysis
import ChorusRecords
import ChorusSimulation
import ChorusStats
import Foundation
import Testing
import ChorusTestSupport
import ChorusValidation
@testable import ChorusCLI

/// `chorus analyze --run` and `chorus fit` end to end, on fixtures the tests write.
@Suite("chorus analyze --run and chorus fit")
struct RunAndFitCommandTests {

    /// A Du et al. log from `answers[question][agent][round]` (truth 0 for every question).
    static func du(_ answers: [[[Int]]]) -> String {
        var members: [String] = []
        for (q, agents) in answers.enumerated() {
            let ctx = agents.map { rounds in
                "[" + rounds.map { "{\"role\":\"user\",\"content\":\"Solve problem \(q).\"},{\"role\":\"assistant\",\"content\":\"So \\\\boxed{\($0)}.\"}" }.joined(separator: ",") + "]"
            }
            members.append("\"Problem \(q): what is zero?\":[[\(ctx.joined(separator: ","))],\"#### 0\"]")
        }
        return "{" + members.joined(separator: ",") + "}"
    }

    static func csv(_ url: URL) throws -> [[String]] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test("analyze --run refuses logs that mix regimes or seeds (a simulator's transcripts), which it would pool")
    func runRefusesMixedGroups() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var c = Presets.quick
        c.regimes = ["single-agent", "multiagent"]; c.seeds = [1]; c.iterations = 1
        c.task.trainQuestions = 8; c.task.testQuestions = 8
        c.output.transcripts = [0, 1]
        let records = try Experiment(config: c).run(threads: 1).transcripts
        for it in 0...1 {
            try RecordsJSONL.write(records.filter { $0.iteration == it }, to: dir.appendingPathComponent("t-\(it).jsonl"))
        }
        let r = try CapturedConsole.run(["analyze", "--run", dir.appendingPathComponent("t-{iteration}.jsonl").path,
                                         "--out", dir.appendingPathComponent("out").path, "--no-figures"])
        #expect(r.code != 0)
        #expect(r.err.contains("2 (regime, seed) groups (multiagent, seed 1; single-agent, seed 1)"), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/iterations.csv").path))
    }

    @Test("analyze --run: a manifest of two iterations with training files gives per-iteration tables and overlap")
    func runManifest() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Iteration 0: q0 all right in round 1; q1 one right. Iteration 1: everything right.
        try Self.du([[[0, 0], [0, 0], [0, 0]], [[0, 0], [1, 0], [2, 2]]]).write(to: dir.appendingPathComponent("d0.json"), atomically: true, encoding: .utf8)
        try Self.du([[[0, 0], [0, 0], [0, 0]], [[0, 0], [0, 0], [0, 0]]]).write(to: dir.appendingPathComponent("d1.json"), atomically: true, encoding: .utf8)
        let ft = "[{\"id\":\"a\",\"conversations\":[{\"from\":\"human\",\"value\":\"Problem 0: what is zero?\"},{\"from\":\"gpt\",\"value\":\"\\\\boxed{0}\"}]}]"
        try ft.write(to: dir.appendingPathComponent("ft0.json"), atomically: true, encoding: .utf8)
        try ft.write(to: dir.appendingPathComponent("ft1.json"), atomically: true, encoding: .utf8)
        try "iterations:\n  0: d0.json\n  1:\n    debate: d1.json\n    training: {x: ft0.json, y: ft1.json}\n"
            .write(to: dir.appendingPathComponent("run.yaml"), atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        var cmd = try ChorusCommand.parseAsRoot(["analyze", "--run", dir.appendingPathComponent("run.yaml").path, "--out", out.path,
                                                 "--formats", "png,pdf", "--dpi", "72"])
        try cmd.run()
        let rows = try Self.csv(out.appendingPathComponent("iterations.csv"))
        #expect(rows[0] == IterationMetrics.columns)
        func value(_ it: Int, _ m: String) -> Double? { rows.first { $0[1] == String(it) && $0[2] == m }.flatMap { Double($0[3]) } }
        #expect(abs(value(0, MetricName.accuracyRound1Individual)! - (1 + 1.0 / 3) / 2) < 1e-12)
        #expect(value(1, MetricName.accuracyRound1Individual) == 1)
        #expect(value(0, MetricName.accuracyFinal) == 1)
        // Identical training files: overlap 1.
        let overlap = try Self.csv(out.appendingPathComponent("training-overlap.csv"))
        #expect(overlap.count == 2 && Double(overlap[1][3]) == 1 && Double(overlap[1][4]) == 1, "\(overlap)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("run.json"))) as! [String: Any]
        #expect((json["warnings"] as! [String]).isEmpty)
        // The figures are drawn from those tables into out/figures, as `chorus figures out` draws them.
        let figures = (json["figures"] as! [String])
        #expect(figures.contains(out.appendingPathComponent("figures/metrics-by-iteration.pdf").path), "\(figures)")
        #expect(figures.contains(out.appendingPathComponent("figures/training-overlap.png").path), "\(figures)")
        let again = dir.appendingPathComponent("again")
        let f = try CapturedConsole.run(["figures", out.path, "--out", again.path, "--formats", "png", "--dpi", "72"])
        #expect(f.code == 0 && f.out.contains("(run analysis)"), "\(f.err)")
        for name in ["metrics-by-iteration.png", "training-overlap.png"] {
            #expect(try Data(contentsOf: again.appendingPathComponent(name)) == Data(contentsOf: out.appendingPathComponent("figures/\(name)")))
        }
    }

    @Test("analyze --run: a missing debate log is an error naming it (exit 65)")
    func runMissing() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "iterations:\n  0: gone.json\n".write(to: dir.appendingPathComponent("run.yaml"), atomically: true, encoding: .utf8)
        let r = try CapturedConsole.run(["analyze", "--run", dir.appendingPathComponent("run.yaml").path, "--out", dir.appendingPathComponent("o").path])
        #expect(r.code == 65 && r.err.contains("gone.json"))
    }

    @Test("fit: a synthetic log gives estimates, a config fragment the simulator loads, and the predictive check")
    func fitSynthetic() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var g = SeedStream(seed: 21).generator()
        let recs = FitCoverageStudy.syntheticLog(questions: 400, stay: 1, support: 2, accuracy: 0.5, g: &g)
        let log = dir.appendingPathComponent("log.jsonl")
        try RecordsJSONL.write(recs, to: log)
        let out = dir.appendingPathComponent("fit")
        let r = try CapturedConsole.run(["fit", log.path, "--out", out.path, "--replicates", "50", "--no-figures"])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("critic.weight.stay") && r.out.contains("posterior-predictive"))
        let fit = try Self.csv(out.appendingPathComponent("fit.csv"))
        let stay = fit.first { $0[0] == "critic.weight.stay" }!
        #expect(Double(stay[3])! < 1 && 1 < Double(stay[4])!)   // this seed's interval covers the truth
        let cfg = try SimulationConfig.load(contentsOf: out.appendingPathComponent("config.yaml").path)
        #expect(abs(cfg.debate.stayWeight - Double(stay[2])!) < 1e-9 && cfg.debate.rounds == 3)
        let pred = try Self.csv(out.appendingPathComponent("predictive.csv"))
        #expect(pred.count == 1 + 8)
    }

    @Test("fit: a one-round log has no critic decision: an error saying so (exit 65)")
    func fitOneRound() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.du([[[0], [1], [0]], [[1], [0], [2]]]).write(to: dir.appendingPathComponent("one.json"), atomically: true, encoding: .utf8)
        let r = try CapturedConsole.run(["fit", dir.appendingPathComponent("one.json").path, "--out", dir.appendingPathComponent("o").path])
        #expect(r.code == 65 && r.err.contains("no critic decision"))
    }

    @Test("Real logs: per-model accuracy in the LLM-Agora log, and fit on the Du et al. GSM log", .tags(.realData),
          .requiresRealData("agora_gsm_3models_rounds3.json", "du_gsm_gpt35_agents3_rounds2.json"))
    func realLogs() throws {
        let agora = RealData.url("agora_gsm_3models_rounds3.json")
        let du = RealData.url("du_gsm_gpt35_agents3_rounds2.json")
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var cmd = try ChorusCommand.parseAsRoot(["analyze", agora.path, "--out", dir.appendingPathComponent("a").path, "--no-figures", "--json"])
        try cmd.run()
        let agents = try Self.csv(dir.appendingPathComponent("a/agents.csv"))
        let round1 = agents.filter { $0[7] == "1" }.map { Double($0[8])! }
        #expect(round1.count == 3)
        // One model at 0.23, another at 0.01 (issue 12); the pooled accuracy (0.09) hides it.
        #expect(round1.contains(0.23) && round1.contains(0.01))
        let r = try CapturedConsole.run(["fit", du.path, "--out", dir.appendingPathComponent("f").path, "--replicates", "20", "--no-figures"])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("outside the view"))
    }

    @Test("compare: a quick simulated run and a real run manifest joined on their shared metrics")
    func compare() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sim = dir.appendingPathComponent("sim")
        let s = try CapturedConsole.run(["simulate", "--preset", "quick", "--regimes", "single-agent,multiagent", "--threads", "1", "--out", sim.path])
        #expect(s.code == 0, "\(s.err)")
        try Self.du([[[0, 0], [0, 0], [1, 0]], [[0, 0], [1, 1], [2, 1]]]).write(to: dir.appendingPathComponent("d0.json"), atomically: true, encoding: .utf8)
        try "name: toy\niterations:\n  0: d0.json\n".write(to: dir.appendingPathComponent("run.yaml"), atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("cmp")
        let r = try CapturedConsole.run(["compare", sim.path, dir.appendingPathComponent("run.yaml").path, "--regimes", "multiagent", "--out", out.path,
                                         "--formats", "png", "--dpi", "72"])
        #expect(r.code == 0, "\(r.err)")
        // Drawn from compare.csv into out/figures, as `chorus figures out` draws it.
        #expect(r.out.contains("(compare)") && FileManager.default.fileExists(atPath: out.appendingPathComponent("figures/compare.png").path), "\(r.out)")
        let rows = try Self.csv(out.appendingPathComponent("compare.csv"))
        #expect(rows[0] == RunComparison.columns)
        let final = rows.filter { $0[3] == "accuracy.final" }
        #expect(final.contains { $0[0] == "simulated" && $0[1] == "multiagent" } && final.contains { $0[0] == "toy" && $0[2] == "0" })
        #expect(!rows.contains { $0[1] == "single-agent" })
        // Real: round-2 majorities 0 (right) and 1 (wrong): accuracy.final = 0.5.
        #expect(Double(final.first { $0[0] == "toy" }![4]) == 0.5)
        // A folder without summary.csv is an error naming the file.
        let bad = try CapturedConsole.run(["compare", dir.path, dir.appendingPathComponent("run.yaml").path, "--out", out.path])
        #expect(bad.code == 65 && bad.err.contains("summary.csv"))
    }

    @Test("analyze --facts: the Du et al. biography layout with a facts file gives the lexical proxy by round (hand-computed)")
    func biographyFacts() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        func ctx(_ person: String, _ replies: [String]) -> [[String: String]] {
            replies.enumerated().flatMap { i, r in [["role": "user", "content": i == 0 ? "Give a bullet point biography of \(person)." : "Update yours."], ["role": "assistant", "content": r]] }
        }
        let log: [String: Any] = [
            "Ada Lovelace": [ctx("Ada Lovelace", ["- Ada Lovelace wrote the first published algorithm.", "- Ada Lovelace wrote the first algorithm and worked with Charles Babbage."]),
                             ctx("Ada Lovelace", ["- She was a poet's daughter.", "- Lovelace collaborated with Charles Babbage."])],
            "Alan Turing": [ctx("Alan Turing", ["- Turing broke Enigma codes.", "- Turing broke Enigma codes at Bletchley Park."]),
                            ctx("Alan Turing", ["- Turing proposed the imitation game.", "- Turing proposed the imitation game and broke Enigma."])]]
        let facts: [String: Any] = ["Ada Lovelace": ["Lovelace wrote the first published algorithm", "She collaborated with Charles Babbage"],
                                    "Alan Turing": "Turing broke the Enigma codes at Bletchley Park. Turing proposed the imitation game."]
        try JSONSerialization.data(withJSONObject: log).write(to: dir.appendingPathComponent("bio.json"))
        try JSONSerialization.data(withJSONObject: facts).write(to: dir.appendingPathComponent("facts.json"))
        let out = dir.appendingPathComponent("o")
        var cmd = try ChorusCommand.parseAsRoot(["analyze", dir.appendingPathComponent("bio.json").path, "--facts", dir.appendingPathComponent("facts.json").path, "--out", out.path, "--no-figures", "--json"])
        try cmd.run()
        let rows = try Self.csv(out.appendingPathComponent("facts.csv"))
        // Round 1: Ada (1/2 + 0)/2, Turing (1/2 + 1/2)/2 → 0.375; round 2: Ada (1 + 1/2)/2, Turing (1/2 + 1)/2 → 0.75.
        #expect(rows.count == 3 && Double(rows[1][2]) == 0.375 && Double(rows[2][2]) == 0.75)
        // A facts file of the wrong shape is an error naming it.
        try "[1, 2]".write(to: dir.appendingPathComponent("bad.json"), atomically: true, encoding: .utf8)
        let bad = try CapturedConsole.run(["analyze", dir.appendingPathComponent("bio.json").path, "--facts", dir.appendingPathComponent("bad.json").path, "--out", dir.appendingPathComponent("o2").path])
        #expect(bad.code == 65 && bad.err.contains("bad.json"))
    }
}
