import Foundation
import Testing
import ChorusTestSupport
import ChorusRecords
@testable import ChorusCLI

/// Issue 10: `demo` and `reproduce` never silently replace figures at their output paths; the
/// figure set of `reproduce` is replaced whole, only once the new one is drawn.
@Suite struct FigureOutputSafetyTests {
    func names(_ url: URL) -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted() }

    @Test func demoRefusesAnExistingOutputUnlessForced() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("demo.png")
        try Data("a user's figure".utf8).write(to: out)
        let args = ["demo", "--output", out.path, "--replicates", "4", "--nsb-replicates", "0", "--points", "2", "--max-n", "20"]
        let refused = try CapturedConsole.run(args)
        #expect(refused.code == 74)
        #expect(refused.err.hasPrefix("error: ") && refused.err.contains("give --force"))
        #expect(try Data(contentsOf: out) == Data("a user's figure".utf8))   // untouched
        let forced = try CapturedConsole.run(args + ["--force"])
        #expect(forced.code == 0)
        #expect(try Data(contentsOf: out).starts(with: [0x89, 0x50, 0x4E, 0x47]))   // now a PNG
        #expect(names(dir) == ["demo.png"])   // no temporary file left
    }

    @Test func reproduceRefusesExistingPaperFiguresBeforeTheSimulation() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let figures = dir.appendingPathComponent("figures")
        try FileManager.default.createDirectory(at: figures, withIntermediateDirectories: true)
        try Data("old".utf8).write(to: figures.appendingPathComponent("paper-accuracy.png"))
        let run = dir.appendingPathComponent("run")
        let r = try CapturedConsole.run(["reproduce", "--quiet", "--figures", figures.path, "--out", run.path])
        #expect(r.code == 74)
        #expect(r.err.contains("already holds 1 paper-* figure file(s) (e.g. paper-accuracy.png); give --force"))
        #expect(!FileManager.default.fileExists(atPath: run.path))   // refused before any compute
        #expect(names(figures) == ["paper-accuracy.png"])
    }

    @Test func aForcedSetReplacesTheWholeOldSetAndKeepsOtherFiles() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("old".utf8).write(to: dir.appendingPathComponent("paper-accuracy.png"))
        try Data("stale".utf8).write(to: dir.appendingPathComponent("paper-gone.svg"))
        try Data("mine".utf8).write(to: dir.appendingPathComponent("demo-estimator-bias.png"))
        try Data("notes".utf8).write(to: dir.appendingPathComponent("README.md"))
        #expect(throws: FileIOError.self) { _ = try FigureSetTarget.prepare(folder: dir, prefix: "paper-", force: false, option: "--figures") }

        let set = try FigureSetTarget.prepare(folder: dir, prefix: "paper-", force: true, option: "--figures")
        try Data("new".utf8).write(to: set.staging.appendingPathComponent("paper-accuracy.png"))
        try Data("new pdf".utf8).write(to: set.staging.appendingPathComponent("paper-accuracy.pdf"))
        // Until the commit the old set is intact.
        #expect(try Data(contentsOf: dir.appendingPathComponent("paper-accuracy.png")) == Data("old".utf8))
        let placed = try set.commit()
        #expect(placed.keys.sorted() == ["paper-accuracy.pdf", "paper-accuracy.png"])
        #expect(names(dir) == ["README.md", "demo-estimator-bias.png", "paper-accuracy.pdf", "paper-accuracy.png"])
        #expect(try Data(contentsOf: dir.appendingPathComponent("paper-accuracy.png")) == Data("new".utf8))
        #expect(try Data(contentsOf: dir.appendingPathComponent("demo-estimator-bias.png")) == Data("mine".utf8))

        // A read-only figure of the set is refused even with --force.
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: dir.appendingPathComponent("paper-accuracy.pdf").path)
        #expect(throws: FileIOError.self) { _ = try FigureSetTarget.prepare(folder: dir, prefix: "paper-", force: true, option: "--figures") }
        #expect(names(dir).count == 4)   // and no staging folder was left
    }

    @Test func aKilledSetLeavesAStagingFolderThatTheNextRunRemoves() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A staging folder of a process that no longer exists (pid 2^22 + 1 is above Linux's pid_max default).
        let dead = dir.appendingPathComponent(".paper-figures.tmp-4194305-1")
        try FileManager.default.createDirectory(at: dead, withIntermediateDirectories: true)
        let set = try FigureSetTarget.prepare(folder: dir, prefix: "paper-", force: false, option: "--figures")
        #expect(!FileManager.default.fileExists(atPath: dead.path))
        set.abandon()
        #expect(names(dir).isEmpty)
    }
}
