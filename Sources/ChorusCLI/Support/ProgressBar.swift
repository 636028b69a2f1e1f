import Foundation

/// A single-line progress bar, redrawn in place (carriage return + erase line) on a terminal:
/// `simulate [=========>          ]  12/70  17%  3.2s, ~15s left`.
///
/// Thread-safe: `update` may be called from the experiment's worker threads. Redraws at most
/// ten times a second (and always for the last step), so it costs nothing measurable.
/// Show it only when standard error is a terminal (`ProgressBar.standardErrorIsTerminal`).
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let width: Int
    private let write: @Sendable (String) -> Void
    private let lock = NSLock()
    private let started = ContinuousClock.now
    private var lastDraw: ContinuousClock.Instant?
    private var drawn = false
    private var finished = false

    /// - Parameters:
    ///   - label: shown before the bar.
    ///   - width: characters inside the brackets.
    ///   - write: where the text goes (`Console.err`).
    init(label: String, width: Int = 30, write: @escaping @Sendable (String) -> Void) {
        self.label = label; self.width = max(5, width); self.write = write
    }

    /// Whether file descriptor 2 is a terminal.
    static var standardErrorIsTerminal: Bool { isatty(2) == 1 }

    /// Records progress: `done` of `total` units finished.
    func update(done: Int, total: Int) {
        lock.lock(); defer { lock.unlock() }
        guard !finished else { return }
        let now = ContinuousClock.now
        if let last = lastDraw, done < total, now - last < .milliseconds(100) { return }
        lastDraw = now
        drawn = true
        write("\r\u{1B}[2K" + ProgressBar.line(label: label, width: width, done: done, total: total,
                                                  elapsed: ProgressBar.seconds(now - started)))
    }

    /// Ends the line (if anything was drawn); later updates are ignored.
    func finish() {
        lock.lock(); defer { lock.unlock() }
        guard !finished else { return }
        finished = true
        if drawn { write("\n") }
    }

    /// The text of the bar (without the carriage return).
    static func line(label: String, width: Int, done: Int, total: Int, elapsed: Double) -> String {
        let total = max(total, 1)
        let done = min(max(done, 0), total)
        let fraction = Double(done) / Double(total)
        let filled = Int((fraction * Double(width)).rounded(.down))
        var bar = String(repeating: "=", count: filled)
        if filled < width { bar += done > 0 ? ">" : " "; bar += String(repeating: " ", count: width - filled - 1) }
        var s = "\(label) [\(bar)] \(done)/\(total) \(Int((fraction * 100).rounded(.down)))%  \(format(elapsed))"
        if done > 0, done < total { s += ", ~\(format(elapsed / fraction - elapsed)) left" }
        return s
    }

    static func format(_ seconds: Double) -> String {
        seconds < 60 ? String(format: "%.1fs", seconds) : "\(Int(seconds) / 60)m\(String(format: "%02d", Int(seconds) % 60))s"
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
