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

    /// A line on standard output (a newline is added).
    func line(_ s: String = "") { out(s + "\n") }

    /// `warning: …` on standard error, on one line.
    func warning(_ message: String) { err("warning: \(Self.oneLine(message))\n") }

    /// `note: …` on standard error, on one line.
    func note(_ message: String) { err("note: \(Self.oneLine(message))\n") }

    /// `error: …` on standard error, on one line.
    func error(_ message: String) { err("error: \(Self.oneLine(message))\n") }

    static func oneLine(_ s: String) -> String { s.replacingOccurrences(of: "\n", with: " ") }
}

/// Maps the library's typed errors to one `error: …` line on standard error and an exit code
/// from the one table, `ExitStatus` (docs/configuration.md, "Exit codes").
enum CLIErrors {
    /// Runs `body`, turning the library's typed errors into one `error:` line and an exit code.
    static func reporting(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let e as ExitCode {
            throw e
        } catch let e as ValidationError {
            throw e   // the argument parser prints it with the usage (exit 64)
        } catch {
            try fail("\(error)", status: status(for: error))
        }
    }

    /// The exit status of a library error: its own (`ExitStatusProviding`), else internal.
    static func status(for error: any Error) -> ExitStatus {
        (error as? any ExitStatusProviding)?.exitStatus ?? .internalError
    }

    /// Prints `error: message` and exits with `status`.
    static func fail(_ message: String, status: ExitStatus) throws -> Never {
        Console.current.error(message)
        throw status.exitCode
    }
}
