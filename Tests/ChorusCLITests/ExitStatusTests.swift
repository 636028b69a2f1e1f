import ArgumentParser
import Foundation
import Testing
import ChorusTestSupport
import ChorusAnalysis
import ChorusFigures
import ChorusIngest
import ChorusRecords
import ChorusSimulation
import ChorusStats
@testable import ChorusCLI

/// The table's enum (Swift Testing has an `ExitStatus` of its own).
typealias ExitStatus = ChorusCLI.ExitStatus

/// The one exit-code table (`ExitStatus`), its documentation (docs/configuration.md, "Exit
/// codes") and the code of every typed library error.
@Suite struct ExitStatusTests {
    static let packageRoot = Paths.packageRoot

    /// The codes of the "Exit codes" table in docs/configuration.md.
    static func documentedCodes() throws -> [Int32] {
        let text = try String(contentsOf: packageRoot.appendingPathComponent("docs/configuration.md"), encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex(of: "## Exit codes"))
        var codes: [Int32] = []
        for line in lines[(start + 1)...] {
            if line.hasPrefix("## ") { break }
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            if line.hasPrefix("|"), let first = cells.first, let code = Int32(first) { codes.append(code) }
        }
        return codes
    }

    @Test func theDocumentedTableIsTheEnum() throws {
        let documented = try Self.documentedCodes()
        #expect(documented.count == Set(documented).count, "a code documented twice: \(documented)")
        #expect(Set(documented) == Set(ExitStatus.allCases.map(\.rawValue)),
                "docs/configuration.md documents \(documented.sorted()); ExitStatus has \(ExitStatus.allCases.map(\.rawValue))")
        // The argument parser's own codes are the table's.
        #expect(ExitCode.validationFailure.rawValue == ExitStatus.usage.rawValue)
        #expect(ExitCode.success.rawValue == ExitStatus.success.rawValue)
    }

    /// One value of every case of every typed library error.
    static let samples: [any Error] = {
        let p = SourcePosition(line: 1, column: 1, byteOffset: 0)
        var e: [any Error] = [
            SimulationError.unknownKey(path: "a", allowed: []), SimulationError.wrongType(path: "a", expected: "b", found: "c"),
            SimulationError.invalidValue(path: "a", value: "b", allowed: "c"), SimulationError.unknownName(kind: "a", name: "b", allowed: []),
            SimulationError.unreadable(path: "a", reason: "b"),
            SimulationError.located(source: "a", line: 1, error: .unreadable(path: "a", reason: "b")),
            SweepError.invalidSpec(source: "a", field: "b", reason: "c"), SweepError.invalidPoint(axis: "a", value: "b", point: 0, reason: "c"),
            SweepError.badDirectory(path: "a", reason: "b"), SweepError.mismatchedSpecs(path: "a", reason: "b"),
            IngestError.cannotRead(path: "a", reason: "b"), IngestError.emptyFile(path: "a"),
            IngestError.notUTF8(path: "a", position: p, detail: "b"), IngestError.malformedJSON(path: "a", position: p, reason: "b"),
            IngestError.lineTooLong(path: "a", line: 1, limit: 1), IngestError.fileTooLarge(path: "a", bytes: 2, limit: 1),
            IngestError.unknownFormat(path: "a", reason: "b"), IngestError.wrongLayout(path: "a", format: .du, reason: "b"),
            IngestError.invalidRecord(path: "a", location: "b", reason: "c"), IngestError.noUsableRecords(path: "a", skipped: 1, reasons: []),
            IngestError.invalidRun(path: "a", reason: "b"), IngestError.invalidMap(map: "a", reason: "b"),
            IngestError.sampleRow(path: "a", location: "b", reason: "c"),
            RecordsReadError.cannotRead(path: "a", reason: "b"), RecordsReadError.notUTF8(path: "a", position: p, detail: "b"),
            RecordsReadError.malformedJSON(path: "a", position: p, reason: "b"), RecordsReadError.lineTooLong(path: "a", line: 1, limit: 1),
            AnalysisError.dimensionMismatch("a"), AnalysisError.invalidParameter("a"), AnalysisError.insufficientData("a"), AnalysisError.numerical("a"),
            StatsError.invalidDistribution("a"), StatsError.invalidParameter("a"), StatsError.sizeMismatch("a"),
            StatsError.insufficientData("a"), StatsError.gsl(code: 1, message: "a"), StatsError.numerical("a"),
            FileIOError.cannotWrite(path: "a", reason: "b"), FileIOError.cannotRead(path: "a", reason: "b"),
            TableError.malformed(path: "a", line: 1, reason: "b"), TableError.missingColumn(path: "a", column: "b"),
            FigureError.unknownFormat(path: "a", fileExtension: "b"), FigureError.deviceUnavailable(device: "a", available: []),
            FigureError.cannotWrite(path: "a", reason: "b"), FigureError.invalidData(chart: "a", series: "b", reason: "c"),
            FigureError.invalidLayout("a"), FigureError.plplot("a"), FigureError.notARun(path: "a", reason: "b"),
            EstimatorBias.ConfigError.invalid("a"),
            PointFile.Rejection.unreadable("a"), PointFile.Rejection.otherSchema("a"), PointFile.Rejection.otherVersion("a"),
            PointFile.Rejection.otherPoint("a"),
        ]
        e.shuffle()   // order does not matter
        return e
    }()

    /// Public error types without a public initialiser, so without a sample: their status is
    /// checked on the type.
    static let withoutSamples: [(name: String, type: any Error.Type, status: ExitStatus)] = [
        ("NotGrouped", JSONLDebateStream.NotGrouped.self, .dataError),   // caught by AnalyzeFile, which reads the log whole
    ]

    @Test func everyTypedLibraryErrorMapsToADocumentedCode() throws {
        let documented = Set(try Self.documentedCodes())
        for error in Self.samples {
            let status = CLIErrors.status(for: error)
            #expect(error is any ExitStatusProviding, "\(type(of: error)) has no exit status")
            #expect(documented.contains(status.rawValue), "\(error) → \(status.rawValue), not in docs/configuration.md")
            // A library error describes the input or a file, never a bug or the command line.
            #expect(![.success, .usage, .internalError].contains(status), "\(error) → \(status)")
        }
        // Spot checks of the table's meaning (docs/configuration.md).
        #expect(CLIErrors.status(for: SweepError.badDirectory(path: "a", reason: "b")) == .fileError)
        #expect(CLIErrors.status(for: SimulationError.unknownKey(path: "a", allowed: [])) == .dataError)
        #expect(CLIErrors.status(for: IngestError.cannotRead(path: "a", reason: "b")) == .dataError)
        #expect(CLIErrors.status(for: FileIOError.cannotWrite(path: "a", reason: "b")) == .fileError)
        struct Unexpected: Error {}
        #expect(CLIErrors.status(for: Unexpected()) == .internalError)
    }

    /// Every public error type declared in the library modules has samples above (so a new
    /// error type fails here until it is given an exit status and documented).
    @Test func everyPublicErrorTypeOfTheLibraryIsCovered() throws {
        let sources = Self.packageRoot.appendingPathComponent("Sources")
        let files = try #require(FileManager.default.enumerator(atPath: sources.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") && !$0.hasPrefix("ChorusCLI/") && !$0.hasPrefix("chorus/") }
        let declaration = try Regex(#"public (?:enum|struct|final class|class) (\w+)\s*:\s*(?:[\w.]+\s*,\s*)*Error\b"#, as: (Substring, Substring).self)
        var declared: Set<String> = []
        for f in files {
            let text = try String(contentsOf: sources.appendingPathComponent(f), encoding: .utf8)
            for m in text.matches(of: declaration) { declared.insert(String(m.output.1)) }
        }
        #expect(declared.count >= 10, "the scan found \(declared.sorted())")
        var covered = Set(Self.samples.map { "\(type(of: $0))".split(separator: ".").last.map(String.init)! })
        for t in Self.withoutSamples {
            #expect(t.type is any ExitStatusProviding.Type, "\(t.name) has no exit status")
            covered.insert(t.name)
        }
        #expect(declared.subtracting(covered).isEmpty, "public error types without an exit status: \(declared.subtracting(covered).sorted())")
    }

    /// The commands' help texts quote the table.
    @Test func helpTextsQuoteTheTable() {
        #expect(ExitStatus.help([.success, .usage]) == "Exit codes: 0 success, 64 bad command line.")
        #expect(ExitStatus.help([.claimFailed], meanings: [.claimFailed: "points failed"]) == "Exit codes: 3 points failed.")
        let simulate = ChorusCommand.helpMessage(for: SimulateCommand.self, columns: 1000)
        #expect(simulate.contains("Exit codes: 0 success, 3 a claim fails (with --require-claims), 64 bad command line, 65 bad input"), "\(simulate)")
        #expect(ChorusCommand.helpMessage(for: ValidateCommand.self, columns: 1000).contains("1 a check failed"))
    }

    @Test func aLibraryErrorIsOneErrorLineAndItsCode() throws {
        let capture = CapturedConsole()
        var code: Int32 = 0
        Console.$current.withValue(capture.console) {
            do { try CLIErrors.reporting { throw SweepError.badDirectory(path: "d", reason: "line one\nline two") } }
            catch let e as ExitCode { code = e.rawValue } catch { Issue.record("\(error)") }
        }
        #expect(code == ExitStatus.fileError.rawValue)
        #expect(capture.err.hasPrefix("error: ") && capture.err.hasSuffix("\n") && capture.err.filter { $0 == "\n" }.count == 1, "\(capture.err)")
        #expect(capture.out.isEmpty)
    }
}
