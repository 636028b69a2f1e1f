import Foundation
import Testing
import ChorusTestSupport
@testable import ChorusCLI

/// One `Console` for all output of the command line.
@Suite struct ConsoleTests {
    static let cliSources = Paths.repository("Sources/ChorusCLI")

    /// No command writes to the terminal but through `Console` (so tests capture everything, and
    /// `--quiet`, warnings and errors behave the same in every command).
    @Test func noOutputBypassesTheConsole() throws {
        let files = try #require(FileManager.default.enumerator(atPath: Self.cliSources.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") && $0 != "Support/Console.swift" }
        #expect(files.count >= 20, "\(files)")
        let direct = try Regex(#"(^|[^\w.])(print|debugPrint|dump|fputs|puts|putchar)\(|FileHandle\.standard(Output|Error)|\bstdout\b|\bstderr\b"#)
        for f in files {
            let lines = try String(contentsOf: Self.cliSources.appendingPathComponent(f), encoding: .utf8).components(separatedBy: "\n")
            for (i, line) in lines.enumerated() where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                #expect(line.firstMatch(of: direct) == nil, "Sources/ChorusCLI/\(f):\(i + 1) writes around Console: \(line)")
            }
        }
    }

    @Test func messagesAreOneLineWithTheirPrefix() {
        let capture = CapturedConsole()
        let c = capture.console
        c.warning("skipped a.json: line 3\nbad")
        c.note("removed 1 leftover")
        c.error("x")
        c.line("table")
        #expect(capture.err == "warning: skipped a.json: line 3 bad\nnote: removed 1 leftover\nerror: x\n")
        #expect(capture.out == "table\n")
    }
}
