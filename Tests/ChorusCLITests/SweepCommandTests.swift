import Foundation
import Testing
import ChorusTestSupport
import ArgumentParser
import ChorusSimulation
@testable import ChorusCLI

/// `chorus sweep run|merge|plan`.
@Suite struct SweepCommandTests {
    static let base = ["--preset", "quick", "--set", "regimes=single-agent,multiagent", "--set", "task.train_questions=12",
                       "--set", "task.test_questions=12", "--seeds", "2", "--seed-offset", "50",
                       "--axis", "agents.count=2,3", "--axis", "finetune.learning_rate=0.2,0.6",
                       "--metrics", "accuracy.final,contrast.accuracy.final.minus.single-agent"]

    static func run(_ args: [String]) throws -> (out: String, err: String) {
        let capture = CapturedConsole()
        try capture.during {
            var c = try SweepCommand.parseAsRoot(args)
            try c.run()
        }
        return (capture.out, capture.err)
    }

    @Test func runShardsMergeAndFigure() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let whole = dir.appendingPathComponent("whole").path, shards = dir.appendingPathComponent("shards").path
        let merged = dir.appendingPathComponent("merged").path
        let figure = ["--name", "t"]
        _ = try Self.run(["run"] + Self.base + figure + ["--out", whole, "--threads", "2"])
        for i in 0..<2 { _ = try Self.run(["run"] + Self.base + figure + ["--out", shards, "--shard", "\(i)/2", "--quiet"]) }
        let png = dir.appendingPathComponent("phase.png").path
        let spec = dir.appendingPathComponent("spec.yaml")
        try "figure: {metric: contrast.accuracy.final.minus.single-agent, regime: multiagent}\naxes: [{key: agents.count, values: [9]}]\n"
            .write(to: spec, atomically: true, encoding: .utf8)
        _ = try Self.run(["merge"] + Self.base + figure + ["--out", merged, shards])
        for f in [SweepMerge.metricsFile, SweepMerge.summaryFile, SweepMerge.pointsFile] {
            let a = try Data(contentsOf: URL(fileURLWithPath: whole).appendingPathComponent(f))
            let b = try Data(contentsOf: URL(fileURLWithPath: merged).appendingPathComponent(f))
            #expect(a == b, "\(f) differs between a whole run and merged shards")
        }
        // The flags override the spec file's axes; its figure is drawn as a phase diagram.
        _ = try Self.run(["merge", "--spec", spec.path] + Self.base + figure + ["--out", merged, "--figure", png, shards])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: png))
        #expect(bytes.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        // plan --count gives the job array size.
        #expect(try Self.run(["plan", "--count"] + Self.base).out == "4\n")
    }

    /// A 1-axis sweep is drawn as a line with its 95% band (the spec's selection of metrics and
    /// claims in YAML, the figure's metric among the kept ones).
    @Test func oneAxisSweepDrawsALine() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = dir.appendingPathComponent("one.yaml")
        try """
        name: one
        base: {preset: quick, set: ["regimes=single-agent,multiagent", task.train_questions=12, task.test_questions=12]}
        axes: [{key: finetune.learning_rate, values: [0.2, 0.6]}]
        seeds: 2
        seed_offset: 70
        metrics: [accuracy.final, contrast.accuracy.final.minus.single-agent]
        claims: [3]
        figure: {metric: contrast.accuracy.final.minus.single-agent, regime: multiagent}
        """.write(to: spec, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        _ = try Self.run(["run", "--spec", spec.path, "--out", out.path, "--quiet"])
        let png = try Data(contentsOf: out.appendingPathComponent("figures/sweep-figure.png"))
        #expect(png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        let summary = try String(contentsOf: out.appendingPathComponent(SweepMerge.summaryFile), encoding: .utf8)
        let claimRows = summary.split(separator: "\n").filter { $0.contains(",claim,") }
        #expect(claimRows.count == 2 && claimRows.allSatisfy { $0.contains(",claim,3,") })
    }

    @Test func badSweepsFailBeforeRunning() throws {
        #expect(throws: (any Error).self) { try Self.run(["run", "--preset", "quick", "--axis", "agents.count=2", "--axis", "agents.count=3", "--out", "/nonexistent/x"]) }
        #expect(throws: (any Error).self) { try Self.run(["run", "--preset", "quick", "--axis", "agents.count=2,0", "--out", "/nonexistent/x"]) }
        #expect(throws: (any Error).self) { try Self.run(["run", "--preset", "quick", "--axis", "agents.count", "--out", "/nonexistent/x"]) }
        #expect(throws: (any Error).self) { try Self.run(["run", "--builtin", "nope"]) }
        #expect(throws: (any Error).self) { try Self.run(["merge", "--builtin", "phase", "/nonexistent/dir"]) }
        #expect(try Self.run(["plan", "--count", "--builtin", "phase"]).out == "20\n")
        // Metric and claim names that do not exist: errors naming the key, before anything runs.
        func message(_ args: [String]) -> String {
            let capture = CapturedConsole()
            do {
                try capture.during { var c = try SweepCommand.parseAsRoot(args); try c.run() }
                return ""
            } catch { return capture.err + "\(error)" + SweepCommand.message(for: error) }
        }
        let bad = message(["run", "--preset", "quick", "--axis", "agents.count=2", "--metrics", "accuracy.final,entropy.chian", "--out", "/nonexistent/x"])
        #expect(bad.contains("metrics[1]") && bad.contains("entropy.chian") && bad.contains("did you mean 'entropy.chain'"))
        let claim = message(["run", "--preset", "quick", "--axis", "agents.count=2", "--claims", "2,9", "--out", "/nonexistent/x"])
        #expect(claim.contains("--claims") && claim.contains("'9' is not a claim") && claim.contains("1, 2, 3, 4, 5, 6"), "\(claim)")
        #expect(!message(["run", "--preset", "quick", "--axis", "agents.count=2", "--claims", "2", "--no-claims", "--out", "/nonexistent/x"]).isEmpty)
        #expect(try Self.run(["plan", "--count", "--preset", "quick", "--axis", "agents.count=2,3", "--claims", "1,3", "--metrics", "accuracy.final"]).out == "2\n")
    }
}
