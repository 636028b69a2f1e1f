import Foundation
import Testing
import ChorusTestSupport
import ChorusRecords
import ChorusStats
import ChorusValidation
@testable import ChorusCLI

/// Issue 10, "an existing non-empty `--out` is refused unless `--force`, which clears it first;
/// output paths are checked before any compute", for every command that writes a folder, all
/// through `OutputTarget` (figure sets through `FigureSetTarget`).
@Suite struct OutputRuleTests {
    /// A non-empty folder with one file of an earlier run in it.
    static func occupied(_ url: URL) throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try "old\n".write(to: url.appendingPathComponent("stale.txt"), atomically: true, encoding: .utf8)
    }

    static func names(_ url: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
    }

    /// Every folder-writing command, given inputs that do not exist and a non-empty --out: the
    /// refusal (exit 74, naming --force) comes first, so the output is checked before any input
    /// is read, and the folder is left as it was.
    @Test(arguments: [
        ["simulate", "--preset", "quick"],
        ["analyze", "/nonexistent/log.jsonl"],
        ["export", "/nonexistent/run"],
        ["compare", "/nonexistent/sim", "/nonexistent/real"],
        ["fit", "/nonexistent/log.jsonl"],
        ["validate", "--study", "1"],
        ["reproduce", "--quick", "--figures", "{dir}/figs"],
    ])
    func aNonEmptyOutIsRefusedBeforeAnyInputIsRead(_ command: [String]) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        try Self.occupied(out)
        let start = Date()
        let r = try CapturedConsole.run(command.map { $0.replacingOccurrences(of: "{dir}", with: dir.path) } + ["--out", out.path])
        #expect(r.code == ExitStatus.fileError.rawValue, "\(command[0]): \(r.err)")
        #expect(r.err.hasPrefix("error: ") && r.err.contains("--force") && r.err.contains(out.path), "\(command[0]): \(r.err)")
        #expect(!r.err.contains("nonexistent"), "\(command[0]) read its input first: \(r.err)")
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(Self.names(out) == ["stale.txt"])
        // No staging folder left (reproduce checks its empty figure folder first and keeps it).
        #expect(Self.names(dir).filter { $0 != "figs" } == ["out"])
        #expect(Self.names(dir.appendingPathComponent("figs")).isEmpty)
    }

    /// export, compare and fit on real inputs: refused without --force; with it the folder is
    /// replaced whole (the earlier run's file is gone) and nothing is left beside it.
    @Test func exportCompareAndFitReplaceTheFolderWholeWithForce() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sim = dir.appendingPathComponent("sim")
        let s = try CapturedConsole.run(["simulate", "--preset", "quick", "--quiet", "--no-figures", "--regimes", "multiagent",
                                         "--seeds", "1", "--transcripts", "0,1", "--out", sim.path])
        #expect(s.code == 0, "\(s.err)")

        func check(_ args: [String], out: URL, expect file: String) throws {
            try Self.occupied(out)
            let refused = try CapturedConsole.run(args + ["--out", out.path])
            #expect(refused.code == ExitStatus.fileError.rawValue && refused.err.contains("--force"), "\(args[0]): \(refused.err)")
            #expect(Self.names(out) == ["stale.txt"])
            let forced = try CapturedConsole.run(args + ["--out", out.path, "--force"])
            #expect(forced.code == 0, "\(args[0]): \(forced.err)")
            let now = Self.names(out)
            #expect(now.contains(file) && !now.contains("stale.txt"), "\(args[0]): \(now)")
            #expect(forced.out.contains(out.standardizedFileURL.path), "\(args[0]) names where it wrote: \(forced.out)")
        }
        let exported = dir.appendingPathComponent("export")
        try check(["export", sim.path], out: exported, expect: "run.yaml")
        try check(["compare", sim.path, exported.appendingPathComponent("run.yaml").path, "--no-figures"],
                  out: dir.appendingPathComponent("compare"), expect: "compare.csv")

        var g = SeedStream(seed: 5).generator()
        let log = dir.appendingPathComponent("log.jsonl")
        try RecordsJSONL.write(FitCoverageStudy.syntheticLog(questions: 60, stay: 1, support: 2, accuracy: 0.5, g: &g), to: log)
        try check(["fit", log.path, "--replicates", "10", "--no-figures"], out: dir.appendingPathComponent("fit"), expect: "fit.csv")
        #expect(Self.names(dir) == ["compare", "export", "fit", "log.jsonl", "sim"])
    }

    @Test func validateReplacesTheFolderWholeWithForce() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("v")
        try Self.occupied(out)
        let args = ["validate", "--study", "3", "--quick", "--seed", "9", "--out", out.path]
        #expect(try CapturedConsole.run(args).code == ExitStatus.fileError.rawValue)
        let r = try CapturedConsole.run(args + ["--force"])
        #expect(r.code == 0, "\(r.err)")
        let now = Self.names(out)
        #expect(now.contains("checks.csv") && now.contains("study3_entropy_change.curves.csv") && now.contains("figures") && !now.contains("stale.txt"), "\(now)")
        #expect(Self.names(out.appendingPathComponent("figures")).contains("study3_entropy_change.png"))
        // The printed paths are the final ones, not the staging folder's.
        #expect(r.out.contains("figure data: \(out.path)/study3_entropy_change.curves.csv"), "\(r.out)")
        #expect(r.out.contains("\(out.path)/figures/") && !r.out.contains(".tmp-"), "\(r.out)")
        #expect(Self.names(dir) == ["v"])
    }

    /// `sweep run --out` resumes a sweep directory by design, but a folder that holds other
    /// files, or a file, is refused before any point runs (nothing written into it).
    @Test func sweepRefusesAFolderThatIsNotASweepBeforeRunning() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        try Self.occupied(out)
        let file = dir.appendingPathComponent("file")
        try "x".write(to: file, atomically: true, encoding: .utf8)
        let sweep = ["sweep", "run", "--preset", "quick", "--axis", "agents.count=2,3", "--seeds", "1", "--quiet"]
        let start = Date()
        let r = try CapturedConsole.run(sweep + ["--out", out.path])
        #expect(r.code == ExitStatus.fileError.rawValue && r.err.contains("not a sweep directory") && r.err.contains("stale.txt"), "\(r.err)")
        #expect(Self.names(out) == ["stale.txt"])
        let f = try CapturedConsole.run(sweep + ["--out", file.path])
        #expect(f.code != 0 && f.err.hasPrefix("error: ") && f.err.contains(file.path), "\(f.err)")
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(Self.names(dir) == ["file", "out"])
    }

    /// The Slurm scripts write their jobs' logs into the sweep directory's logs/ before the first
    /// shard starts: a folder holding only logs/ (and hidden files) is a sweep directory to be.
    @Test func sweepAcceptsAFolderWithOnlyItsSlurmLogs() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("logs"), withIntermediateDirectories: true)
        try "started\n".write(to: dir.appendingPathComponent("logs/slurm-7_0.out"), atomically: true, encoding: .utf8)
        let r = try CapturedConsole.run(["sweep", "run", "--preset", "quick", "--axis", "agents.count=2,3", "--seeds", "1",
                                         "--set", "task.train_questions=8", "--set", "task.test_questions=8", "--set", "iterations=1",
                                         "--quiet", "--out", dir.path])
        #expect(r.code == 0, "\(r.err)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("logs/slurm-7_0.out").path))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("points").path))
    }

    /// `chorus figures`: the run's own figures/ is redrawn whole (a figure of an earlier draw
    /// does not linger); figures already in --out are refused unless --force, which replaces the
    /// set; other files in --out are never touched.
    @Test func figuresReplaceTheirSetWholeAndRefuseAnOccupiedOut() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sim = dir.appendingPathComponent("sim")
        let s = try CapturedConsole.run(["simulate", "--preset", "quick", "--quiet", "--regimes", "multiagent", "--seeds", "1",
                                         "--formats", "svg", "--out", sim.path])
        #expect(s.code == 0, "\(s.err)")
        let own = sim.appendingPathComponent("figures")
        let drawn = Self.names(own)
        #expect(!drawn.isEmpty && drawn.allSatisfy { $0.hasSuffix(".svg") })
        try "old".write(to: own.appendingPathComponent("gone.png"), atomically: true, encoding: .utf8)
        let again = try CapturedConsole.run(["figures", sim.path, "--formats", "svg"])
        #expect(again.code == 0, "\(again.err)")
        #expect(Self.names(own) == drawn)                 // redrawn whole: the earlier stray figure is gone

        let out = dir.appendingPathComponent("paper")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try "keep".write(to: out.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        try "old".write(to: out.appendingPathComponent("p-stale.svg"), atomically: true, encoding: .utf8)
        let args = ["figures", sim.path, "--formats", "svg", "--prefix", "p-", "--out", out.path]
        let refused = try CapturedConsole.run(args)
        #expect(refused.code == ExitStatus.fileError.rawValue && refused.err.contains("--force") && refused.err.contains("p-stale.svg"), "\(refused.err)")
        #expect(Self.names(out) == ["README.md", "p-stale.svg"])
        let forced = try CapturedConsole.run(args + ["--force"])
        #expect(forced.code == 0, "\(forced.err)")
        #expect(Self.names(out) == ["README.md"] + drawn.map { "p-" + $0 })
        #expect(try String(contentsOf: out.appendingPathComponent("README.md"), encoding: .utf8) == "keep")
    }
}
