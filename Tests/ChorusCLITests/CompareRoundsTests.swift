import ArgumentParser
import ChorusAnalysis
import ChorusRecords
import Foundation
import Testing
import ChorusTestSupport
@testable import ChorusCLI

/// `chorus compare` against round (issue 12), on a toy run and on the real logs.
@Suite("compare against round")
struct CompareRoundsTests {
    static func simulate(_ dir: URL) throws -> URL {
        let sim = dir.appendingPathComponent("sim")
        let s = try CapturedConsole.run(["simulate", "--preset", "quick", "--regimes", "multiagent", "--threads", "1", "--out", sim.path,
                                         "--transcripts", "0,1", "--no-figures", "--quiet"])
        #expect(s.code == 0, "\(s.err)")
        return sim
    }

    @Test("a simulated run with transcripts and a toy run: per-round rows of both, real values by hand")
    func toy() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sim = try Self.simulate(dir)
        // q0: round 1 answers 0, 0, 1 → round 2 all 0; q1: 0, 1, 2 → 0, 1, 1 (truth 0).
        try RunAndFitCommandTests.du([[[0, 0], [0, 0], [1, 0]], [[0, 0], [1, 1], [2, 1]]])
            .write(to: dir.appendingPathComponent("d0.json"), atomically: true, encoding: .utf8)
        try "name: toy\niterations:\n  0: d0.json\n".write(to: dir.appendingPathComponent("run.yaml"), atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("cmp")
        let r = try CapturedConsole.run(["compare", sim.path, dir.appendingPathComponent("run.yaml").path, "--out", out.path, "--no-figures"])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("compare-rounds.csv"), "\(r.out)")
        let t = try TidyTable.read(from: out.appendingPathComponent("compare-rounds.csv"))
        #expect(t.columns == CompareRounds.columns)
        func v(_ source: String, _ round: Int, _ m: String) -> Double? {
            t.rows.first { $0[0] == source && $0[3] == String(round) && $0[4] == m }.flatMap { Double($0[5]) }
        }
        #expect(v("toy", 1, "accuracy.individual") == 0.5)
        #expect(abs(v("toy", 2, "accuracy.individual")! - 2.0 / 3) < 1e-12)
        #expect(v("toy", 2, "accuracy.majority") == 0.5)
        // Only iteration 0 is in both; the simulated side has rounds 1 and 2 of multiagent.
        #expect(Set(t.rows.map { $0[2] }) == ["0"])
        #expect(v("simulated", 1, "accuracy.individual") != nil && v("simulated", 2, "consensus") != nil)
        #expect(t.rows.filter { $0[0] == "simulated" }.allSatisfy { $0[1] == "multiagent" })
        // Without transcripts: said, and only against iteration.
        let plain = dir.appendingPathComponent("plain")
        _ = try CapturedConsole.run(["simulate", "--preset", "quick", "--regimes", "multiagent", "--threads", "1", "--out", plain.path, "--no-figures", "--quiet"])
        let r2 = try CapturedConsole.run(["compare", plain.path, dir.appendingPathComponent("run.yaml").path, "--out", dir.appendingPathComponent("cmp2").path, "--no-figures"])
        #expect(r2.code == 0 && r2.out.contains("has no transcripts"), "\(r2.out)")
    }

    @Test("the real Du et al. GSM log as a run: compare against iteration and round, with figures",
          .tags(.realData), .requiresRealData("du_gsm_gpt35_agents3_rounds2.json"))
    func realLog() throws {
        let du = RealData.url("du_gsm_gpt35_agents3_rounds2.json")
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sim = try Self.simulate(dir)
        try "name: du-gsm\niterations:\n  0: \(du.path)\n".write(to: dir.appendingPathComponent("run.yaml"), atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("cmp")
        let r = try CapturedConsole.run(["compare", sim.path, dir.appendingPathComponent("run.yaml").path, "--out", out.path])
        #expect(r.code == 0, "\(r.err)")
        for f in ["compare.csv", "figures/compare.png", "compare-rounds.csv", "figures/compare-rounds.png", "figures/compare-rounds.pdf", "figures/compare-rounds.svg"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(f).path), "\(f)")
        }
        // The real rows equal analyze --run's rounds.csv of the same manifest.
        let a = dir.appendingPathComponent("a")
        let ra = try CapturedConsole.run(["analyze", "--run", dir.appendingPathComponent("run.yaml").path, "--out", a.path, "--no-figures"])
        #expect(ra.code == 0, "\(ra.err)")
        let rounds = try TidyTable.read(from: a.appendingPathComponent("rounds.csv"))
        let joined = try TidyTable.read(from: out.appendingPathComponent("compare-rounds.csv"))
        for round in ["1", "2"] {
            let x = rounds.rows.first { $0[2] == round && $0[3] == "accuracy.individual" }?[4]
            let y = joined.rows.first { $0[0] == "du-gsm" && $0[3] == round && $0[4] == "accuracy.individual" }?[5]
            #expect(x != nil && x == y, "round \(round): \(x ?? "nil") vs \(y ?? "nil")")
        }
    }
}
