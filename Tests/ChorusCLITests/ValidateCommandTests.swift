import Foundation
import Testing
import ChorusTestSupport
import ChorusValidation
import ArgumentParser
@testable import ChorusCLI
import ChorusAnalysis

@Suite("chorus validate")
struct ValidateCommandTests {

    @Test("A quick study writes its CSVs, PNGs and checks table, and passes")
    func quickStudy() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var cmd = try ChorusCommand.parseAsRoot(["validate", "--study", "3", "--quick", "--out", dir.path, "--seed", "9"])
        try cmd.run()
        for f in ["study3_entropy_change.csv", "study3_selftraining.csv", "checks.csv"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(f).path), "\(f)")
        }
        for f in ["study3_entropy_change.png", "study3_reward_vs_entropy.png"] {
            let data = try Data(contentsOf: dir.appendingPathComponent(f))
            #expect([UInt8](data.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
        }
        let checks = try String(contentsOf: dir.appendingPathComponent("checks.csv"), encoding: .utf8)
        #expect(checks.hasPrefix("study,check,kind,measured,expected,tolerance,passed,detail"))
        #expect(!checks.contains(",false,"))
    }

    @Test("An unknown study is a usage error naming the allowed values")
    func unknownStudy() {
        #expect(throws: (any Error).self) { _ = try ChorusCommand.parseAsRoot(["validate", "--study", "9"]) }
        do { _ = try ValidateCommand.parse(["--study", "9"]); Issue.record("no error") } catch {
            let m = ValidateCommand.message(for: error)
            #expect(m.contains("'9'") && m.contains("--study") && ValidationStudies.all.allSatisfy { m.contains("- \($0.number)") }, "\(m)")
        }
        #expect(throws: (any Error).self) { _ = try ChorusCommand.parseAsRoot(["validate", "--threads", "0"]) }
    }

    @Test("Same seed, same tables")
    func deterministic() throws {
        let a = try temporaryDirectory(), b = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
        var c1 = try ChorusCommand.parseAsRoot(["validate", "--study", "4", "--quick", "--out", a.path, "--threads", "1"])
        try c1.run()
        var c2 = try ChorusCommand.parseAsRoot(["validate", "--study", "4", "--quick", "--out", b.path, "--threads", "2"])
        try c2.run()
        let f = "study4_debate_martingale.csv"
        #expect(try Data(contentsOf: a.appendingPathComponent(f)) == Data(contentsOf: b.appendingPathComponent(f)))
    }
}

@Suite("chorus validate verdict")
struct ValidateVerdictTests {
    @Test("A failing check is named in the verdict; PASS/FAIL lines follow the tolerance")
    func verdict() {
        let ok = Check.analytic(1, "inside", measured: 1.0, expected: 1.1, tolerance: 0.2, detail: "")
        let bad = Check.analytic(2, "outside", measured: 1.0, expected: 1.5, tolerance: 0.2, detail: "")
        let dir = Check.direction(3, "up", measured: 1.0, reference: 0.5, margin: 0.6, detail: "")
        #expect(ok.passed && !bad.passed && !dir.passed)
        #expect(ok.line.hasPrefix("PASS") && bad.line.hasPrefix("FAIL"))
        let v = ValidateCommand.verdict([ok, bad, dir])
        #expect(v.contains("1/3 checks passed") && v.contains("FAILED: outside; up"))
        #expect(ValidateCommand.verdict([ok]).contains("1/1 checks passed") && !ValidateCommand.verdict([ok]).contains("FAILED"))
        // A NaN measurement never passes.
        #expect(!Check.analytic(1, "nan", measured: .nan, expected: 0, tolerance: 1, detail: "").passed)
    }
}

@Suite("chorus validate output folder")
struct ValidateOutputTests {
    @Test("An output path under a regular file fails at once with a clear error")
    func unwritable() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("a-file")
        try Data("x".utf8).write(to: file)
        let r = try CapturedConsole.run(["validate", "--study", "5", "--out", file.appendingPathComponent("sub").path])
        #expect(r.code == 74)
        #expect(r.err.hasPrefix("error: cannot write") && r.err.contains("checks.csv"))
    }
}
