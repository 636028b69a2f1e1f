import Foundation
import Testing
import ChorusTestSupport
import ChorusValidation
import ArgumentParser
@testable import ChorusCLI
import ChorusAnalysis
import ChorusRecords
import ChorusFigures

@Suite("chorus validate")
struct ValidateCommandTests {

    @Test("A quick study writes its CSVs, curve tables, PNGs (OUT/figures) and checks table, and passes")
    func quickStudy() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var cmd = try ChorusCommand.parseAsRoot(["validate", "--study", "3", "--quick", "--out", dir.path, "--seed", "9"])
        try cmd.run()
        for f in ["study3_entropy_change.csv", "study3_selftraining.csv", "study3_entropy_change.curves.csv", "checks.csv"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(f).path), "\(f)")
        }
        for f in ["study3_entropy_change.png", "study3_reward_vs_entropy.png"] {
            let data = try Data(contentsOf: dir.appendingPathComponent("figures").appendingPathComponent(f))
            #expect([UInt8](data.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
        }
        let checks = try String(contentsOf: dir.appendingPathComponent("checks.csv"), encoding: .utf8)
        #expect(checks.hasPrefix("study,check,kind,measured,expected,tolerance,passed,detail"))
        #expect(!checks.contains(",false,"))
    }

    @Test("Curve tables round-trip: the figures drawn from the written CSVs equal those built from the study's rows")
    func curveTablesRoundTrip() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try ValidationStudies.run(3, options: ValidationOptions(seed: 5, quick: true, threads: 2))
        #expect(result.figures == ["study3_entropy_change", "study3_reward_vs_entropy"])
        try ValidateCommand.write(result, to: dir)
        let direct = result.curves.compactMap { ValidationFigures.figure($0.figure, rows: $0.rows) }
        let read = try ValidationFigures.read(dir)
        #expect(direct.count == 2 && read.count == 2)
        for (a, b) in zip(direct, read) {
            #expect(a.name == b.name && a.caption == b.caption && a.title == b.title && a.sharedLegend == b.sharedLegend)
            #expect(a.panels == b.panels, "\(a.name)")
        }
        for c in result.curves {
            let rows = try CurveTable.read(from: dir.appendingPathComponent(CurveTable.fileName(figure: c.figure)))
            #expect(rows == c.rows && rows.allSatisfy { $0.seed == 5 && $0.size == "quick" && $0.study == 3 })
        }
        // chorus figures DIR tells a validate folder by checks.csv and redraws its figures.
        try ValidateCommand.checksTable(result.checks).write(to: dir.appendingPathComponent("checks.csv"))
        let (kind, again) = try RunFigures.figures(for: dir)
        #expect(kind == .validation && again.map(\.name) == direct.map(\.name))
    }

    @Test("A bad curve table cell is an error naming the file, line and column")
    func badCurveCell() throws {
        var t = CurveTable.table([CurveRow(study: 1, figure: "f", panel: "p", series: "s", kind: .estimate, x: 1, y: 2, replicates: 3, seed: 4, size: "quick")])
        t.rows[0][7] = "two"
        #expect(throws: TableError.malformed(path: "f.curves.csv", line: 2, reason: "column 'y': 'two' is not a number")) {
            try CurveTable.rows(t, path: "f.curves.csv")
        }
        t.rows[0][7] = "2"; t.rows[0][5] = "line"
        #expect(throws: TableError.malformed(path: "f.curves.csv", line: 2, reason: "column 'kind': 'line' is not one of estimate, points, theory")) {
            try CurveTable.rows(t, path: "f.curves.csv")
        }
        #expect(throws: TableError.missingColumn(path: "g.csv", column: "seed")) {
            try CurveTable.rows(TidyTable(columns: CurveTable.columns.filter { $0 != "seed" }), path: "g.csv")
        }
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
        var c1 = try ChorusCommand.parseAsRoot(["validate", "--study", "4", "--quick", "--out", a.path, "--threads", "1", "--no-figures"])
        try c1.run()
        var c2 = try ChorusCommand.parseAsRoot(["validate", "--study", "4", "--quick", "--out", b.path, "--threads", "2", "--no-figures"])
        try c2.run()
        for f in ["study4_debate_martingale.csv", "study4_debate_martingale.curves.csv"] {
            #expect(try Data(contentsOf: a.appendingPathComponent(f)) == Data(contentsOf: b.appendingPathComponent(f)), "\(f)")
        }
        #expect(!FileManager.default.fileExists(atPath: a.appendingPathComponent("figures").path))
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
