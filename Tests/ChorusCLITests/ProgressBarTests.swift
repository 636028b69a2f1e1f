import Foundation
import Testing
@testable import ChorusCLI

/// The progress bar of `simulate` and `reproduce` (the command line's, not the library's).
@Suite struct ProgressBarTests {
    @Test func theProgressBarDrawsOneLineInPlace() {
        final class Sink: @unchecked Sendable {
            let lock = NSLock(); var text = ""
            func add(_ s: String) { lock.lock(); text += s; lock.unlock() }
        }
        let sink = Sink()
        let bar = ProgressBar(label: "simulate", width: 10, write: { sink.add($0) })
        bar.update(done: 0, total: 4)
        bar.update(done: 1, total: 4)   // within 100 ms: skipped
        bar.update(done: 4, total: 4)   // last step: always drawn
        bar.finish()
        bar.update(done: 4, total: 4)   // after finish: ignored
        let draws = sink.text.components(separatedBy: "\r").dropFirst()
        #expect(draws.count == 2)
        #expect(draws.first?.hasPrefix("\u{1B}[2Ksimulate [          ] 0/4 0%") == true)
        #expect(draws.last?.hasPrefix("\u{1B}[2Ksimulate [==========] 4/4 100%") == true)
        #expect(sink.text.components(separatedBy: "\r").count == 3)
        #expect(sink.text.hasSuffix("\n") && !sink.text.dropLast().contains("\n"))
        #expect(ProgressBar.line(label: "s", width: 10, done: 5, total: 10, elapsed: 2) == "s [=====>    ] 5/10 50%  2.0s, ~2.0s left")
        #expect(ProgressBar.line(label: "s", width: 10, done: 10, total: 10, elapsed: 75) == "s [==========] 10/10 100%  1m15s")
        #expect(ProgressBar.line(label: "s", width: 10, done: 0, total: 10, elapsed: 0) == "s [          ] 0/10 0%  0.0s")
    }
}
