import ArgumentParser
import Foundation
@testable import ChorusCLI

/// Captures what a command prints.
final class CapturedConsole: @unchecked Sendable {
    private let lock = NSLock()
    private var outText = ""
    private var errText = ""
    var out: String { lock.lock(); defer { lock.unlock() }; return outText }
    var err: String { lock.lock(); defer { lock.unlock() }; return errText }

    var console: Console {
        Console(out: { s in self.lock.lock(); self.outText += s; self.lock.unlock() },
                err: { s in self.lock.lock(); self.errText += s; self.lock.unlock() },
                stderrIsTerminal: false)
    }

    /// Runs `body` with this console as `Console.current`.
    func during<T>(_ body: () throws -> T) rethrows -> T {
        try Console.$current.withValue(console) { try body() }
    }

    /// Parses and runs `chorus <arguments>` in-process; returns the exit code (0 = success).
    static func run(_ arguments: [String]) throws -> (code: Int32, out: String, err: String) {
        let capture = CapturedConsole()
        var command = try ChorusCommand.parseAsRoot(arguments)
        var code: Int32 = 0
        try capture.during {
            do { try command.run() } catch let e as ExitCode { code = e.rawValue }
        }
        return (code, capture.out, capture.err)
    }
}
