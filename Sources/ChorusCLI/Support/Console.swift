import ArgumentParser
import Foundation
import ChorusRecords
import ChorusSimulation
import ChorusIngest
import ChorusAnalysis
import ChorusFigures

/// Left-aligned text columns separated by two spaces.
enum TextTable {
    static func render(_ rows: [[String]]) -> String {
        guard let first = rows.first else { return "" }
        var widths = [Int](repeating: 0, count: first.count)
        for r in rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
        return rows.map { r in
            r.enumerated().map { i, c in i == r.count - 1 ? c : c.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}

/// Where commands print. Tests capture output with `Console.$current.withValue(…) { … }`.
struct Console: Sendable {
    var out: @Sendable (String) -> Void
    var err: @Sendable (String) -> Void
    var stderrIsTerminal: Bool

    static let standard = Console(
        out: { s in FileHandle.standardOutput.write(Data(s.utf8)) },
        err: { s in FileHandle.standardError.write(Data(s.utf8)) },
        stderrIsTerminal: ProgressBar.standardErrorIsTerminal)

    @TaskLocal static var current: Console = .standard
}

/// Maps the library's typed errors to one `error: …` line on standard error and an exit code
/// (docs/configuration.md, "Exit codes").
enum CLIErrors {
    static let claimFailed: Int32 = 3
    /// Bad input: a configuration, or a log that cannot be read as one (EX_DATAERR).
    static let configuration: Int32 = 65
    static let internalError: Int32 = 70
    static let fileError: Int32 = 74

    /// Runs `body`, turning the library's typed errors into one `error:` line and an exit code.
    static func reporting(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let e as ExitCode {
            throw e
        } catch let e as ValidationError {
            throw e   // the argument parser prints it with the usage (exit 64)
        } catch {
            try fail("\(error)", code: code(for: error))
        }
    }

    /// The exit code of a library error: bad input 65, files 74, anything else 70.
    static func code(for error: any Error) -> Int32 {
        switch error {
        case let e as SweepError: if case .badDirectory = e { return fileError } else { return configuration }
        case is SimulationError, is IngestError, is AnalysisError: return configuration
        case is FileIOError, is TableError, is FigureError: return fileError
        default: return internalError
        }
    }

    private static func fail(_ message: String, code: Int32) throws -> Never {
        Console.current.err("error: \(message.replacingOccurrences(of: "\n", with: " "))\n")
        throw ExitCode(code)
    }
}
