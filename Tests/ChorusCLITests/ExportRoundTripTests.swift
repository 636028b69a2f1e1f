import ArgumentParser
import ChorusAnalysis
import ChorusRecords
import ChorusSimulation
import Foundation
import Testing
import ChorusTestSupport
@testable import ChorusCLI

/// The round trip of issue 12: a simulated run, exported as real-format files (a multiagent-ft
/// debate JSON per iteration and FastChat training files per model) and analysed as a real run,
/// gives the simulator's own metrics.
@Suite("export round trip")
struct ExportRoundTripTests {
    static func table(_ url: URL) throws -> TidyTable { try TidyTable.read(from: url) }

    @Test("simulate → export → analyze --run: sampled metrics and training overlap exactly, exact accuracy within 4 SE")
    func roundTrip() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = dir.appendingPathComponent("sim")
        var r = try CapturedConsole.run(["simulate", "--preset", "quick", "--regimes", "multiagent", "--seeds", "3", "--threads", "2",
                                         "--out", run.path, "--transcripts", "0,1,2", "--no-figures", "--quiet",
                                         "--set", "task.test_questions=300", "--set", "debate.rounds=3"])
        #expect(r.code == 0, "\(r.err)")
        #expect(FileManager.default.fileExists(atPath: run.appendingPathComponent("training/iteration-0.jsonl").path))
        #expect(!FileManager.default.fileExists(atPath: run.appendingPathComponent("training/iteration-2.jsonl").path))
        let export = dir.appendingPathComponent("export")
        r = try CapturedConsole.run(["export", run.path, "--out", export.path])
        #expect(r.code == 0, "\(r.err)")
        for f in ["run.yaml", "it0/debate.json", "it2/debate.json", "it0/ft/model0.json", "it1/ft/model5.json"] {
            #expect(FileManager.default.fileExists(atPath: export.appendingPathComponent(f).path), "\(f)")
        }
        let out = dir.appendingPathComponent("analysis")
        r = try CapturedConsole.run(["analyze", "--run", export.appendingPathComponent("run.yaml").path, "--out", out.path, "--no-figures"])
        #expect(r.code == 0, "\(r.err)")

        let sim = try Self.table(run.appendingPathComponent("metrics.csv"))
        let real = try Self.table(out.appendingPathComponent("iterations.csv"))
        func simValue(_ it: Int, _ m: String) -> Double? {
            sim.rows.first { $0[1] == "multiagent" && $0[2] == "3" && $0[3] == String(it) && $0[4] == m }.flatMap { Double($0[5]) }
        }
        func realRow(_ it: Int, _ m: String) -> [String]? { real.rows.first { $0[1] == String(it) && $0[2] == m } }
        // Metrics the simulator computes from its first test debate per question, which is the
        // exported transcript: equal up to summation order.
        let sampled = [MetricName.sampleConsensus, MetricName.sampleAnswerEntropyPlugin, MetricName.sampleAnswerEntropyMM,
                       MetricName.sampleFlipWrongRight, MetricName.sampleFlipRightWrong]
        for it in 0...2 {
            for m in sampled {
                let s = try #require(simValue(it, m), "simulator \(m) it \(it)")
                let x = try #require(realRow(it, m).flatMap { Double($0[3]) }, "analysis \(m) it \(it)")
                #expect(abs(s - x) < 1e-12, "\(m) iteration \(it): simulator \(s), analysed \(x)")
            }
            // The simulator's exact accuracy (expected share right) against the analysed share of
            // 300 sampled questions: within 4 SE (SE from the bootstrap interval's half-width / 1.96).
            let exact = try #require(simValue(it, MetricName.accuracyRound1Individual))
            let row = try #require(realRow(it, MetricName.accuracyRound1Individual))
            let se = (Double(row[5])! - Double(row[4])!) / (2 * 1.96)
            #expect(se > 0 && abs(Double(row[3])! - exact) < 4 * se, "it \(it): analysed \(row[3]) vs exact \(exact), SE \(se)")
        }
        // Training-data overlap: the same Jaccard over (question, answer) pairs, exactly.
        for it in 0...1 {
            let s = try #require(simValue(it, MetricName.trainingOverlap), "simulator overlap it \(it)")
            let x = try #require(realRow(it, MetricName.trainingOverlap).flatMap { Double($0[3]) }, "analysed overlap it \(it)")
            #expect(abs(s - x) < 1e-12, "overlap iteration \(it): simulator \(s), analysed \(x)")
            #expect(s > 0 && s < 1)
        }
        #expect(realRow(2, MetricName.trainingOverlap) == nil)
    }

    @Test("export: a run directory without transcripts is an error saying how to get them")
    func noTranscripts() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CapturedConsole.run(["export", dir.path, "--out", dir.appendingPathComponent("x").path])
        #expect(r.code == 65 && r.err.contains("--transcripts"), "\(r.err)")
    }
}
