import Foundation

/// Progress of a sweep on standard error: points done, rate (points per minute) and time left.
/// On a terminal the line is redrawn in place (at most ten times a second); otherwise (Slurm
/// logs, pipes) a plain line is written every `interval` seconds and at the end.
/// Thread-safe.
public final class SweepProgress: @unchecked Sendable {
    private let total: Int
    private let terminal: Bool
    private let interval: Double
    private let write: @Sendable (String) -> Void
    private let lock = NSLock()
    private let started = ContinuousClock.now
    private var last: ContinuousClock.Instant?
    private var done = 0
    private var failed = 0

    /// Progress of `total` points, written through `write`; `terminal` redraws one line in place.
    public init(total: Int, terminal: Bool, interval: Double = 30, write: @escaping @Sendable (String) -> Void) {
        self.total = total; self.terminal = terminal; self.interval = interval; self.write = write
    }

    /// Records one finished point.
    public func pointFinished(failed pointFailed: Bool) {
        lock.lock(); defer { lock.unlock() }
        done += 1
        if pointFailed { failed += 1 }
        let now = ContinuousClock.now
        let gap = terminal ? 0.1 : interval
        if done < total, let l = last, seconds(now - l) < gap { return }
        last = now
        let text = SweepProgress.line(done: done, total: total, failed: failed, elapsed: seconds(now - started))
        write(terminal ? "\r\u{1B}[2K" + text + (done == total ? "\n" : "") : text + "\n")
    }

    /// `sweep 12/40 points (1 failed)  3.1 points/min  ~9m02s left`.
    static func line(done: Int, total: Int, failed: Int, elapsed: Double) -> String {
        var s = "sweep \(done)/\(total) points"
        if failed > 0 { s += " (\(failed) failed)" }
        if elapsed > 0, done > 0 {
            s += String(format: "  %.1f points/min", Double(done) / elapsed * 60)
            if done < total { s += "  ~" + format(elapsed / Double(done) * Double(total - done)) + " left" }
            else { s += "  " + format(elapsed) }
        }
        return s
    }

    static func format(_ t: Double) -> String {
        if t < 60 { return String(format: "%.0fs", t) }
        if t < 3600 { return "\(Int(t) / 60)m\(String(format: "%02d", Int(t) % 60))s" }
        return "\(Int(t) / 3600)h\(String(format: "%02d", Int(t) % 3600 / 60))m"
    }

    private func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
