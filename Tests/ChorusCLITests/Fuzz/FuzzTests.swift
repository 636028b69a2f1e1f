import ArgumentParser
import Foundation
import Testing
import ChorusTestSupport
import ChorusSimulation
@testable import ChorusCLI

/// Runs the fuzz corpus (`FuzzCorpus`) through the real commands in-process: configurations
/// through `chorus simulate --preset quick --config FILE`, logs through `chorus analyze FILE`.
/// Every case must end in success or in exactly one `error:` line (exit code 64, 65 or 74),
/// within `timeLimit` CPU seconds (and `hangLimit` wall seconds) and `memoryLimit` bytes of peak
/// resident memory, measured per case (`PeakMemory`). Configurations run with `--regimes single-agent,multiagent` to
/// keep the suite short (the file's own `regimes` is still read and type-checked).
///
/// The default is 330 cases (seed 10). `scripts/fuzz.sh` runs the same harness with
/// `CHORUS_FUZZ_COUNT=10000` (and `CHORUS_FUZZ_SEED`, `CHORUS_FUZZ_REPORT`) under
/// `/usr/bin/time` (the whole run's peak, beside the per-case peaks); docs/reliability.md has its result.
/// `CHORUS_FUZZ_SHARD=k/n` runs only the cases whose index is k modulo n (case i of a seed is
/// the same bytes whatever the shard), so a long run can be split over processes.
///
/// A configuration that is valid but larger than `maxRunWork` (seeds × regimes × iterations ×
/// questions × chains × agents × rounds × (1 + dimension/8) × (1 + epochs)/4) is resolved and validated by the command's own code
/// but not simulated: a large valid run is not a hang, and would only test the clock.
@Suite(.serialized) struct FuzzTests {
    /// CPU seconds a case may take (its thread's CPU time: the machine's 2 cores are shared by
    /// other builds and test suites, so wall time would measure them, not the command).
    static let timeLimit = 5.0
    /// Wall seconds after which a case counts as hung.
    static let hangLimit = 60.0

    /// CPU time of the calling thread, in seconds.
    static func threadCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }
    static let maxRunWork = 1_500_000.0
    /// Peak resident memory a case may reach: 500 MB (issue 10).
    static let memoryLimit = 500_000_000

    /// The process's peak resident memory (VmHWM), measured per case: writing "5" to
    /// /proc/self/clear_refs resets the peak to the current resident size (Linux ≥ 4.0), so the
    /// peak read after a case is the highest the process reached *during that case* — its own
    /// memory plus the test process's baseline (and anything other suites running at the same
    /// time hold), an upper bound on the case's. Nil where /proc is not available.
    enum PeakMemory {
        static func reset() -> Bool {
            guard let h = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
            defer { try? h.close() }
            return (try? h.write(contentsOf: Data("5".utf8))) != nil
        }
        static func peakBytes() -> Int? {
            guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
                  let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
                  let kb = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") else { return nil }
            return kb * 1024
        }
    }

    enum Outcome: String { case success, clearError = "clear error", validLarge = "valid, large (resolved only)" }

    struct Failure: Error, CustomStringConvertible {
        var index: Int, label: String, reason: String
        var description: String { "#\(index) \(label.prefix(120)): \(reason)" }
    }

    /// Runs one case's command; returns its outcome or a failure reason.
    static func run(_ c: FuzzCorpus.Case, file: URL, out: URL) -> Result<Outcome, Failure> {
        let args: [String]
        switch c.kind {
        case .config:
            // Two regimes (the key `regimes` in the file is still read and type-checked).
            args = ["simulate", "--preset", "quick", "--config", file.path, "--regimes", "single-agent,multiagent",
                    "--threads", "1", "--quiet", "--out", out.path]
            // Resolve first, with the command's own code: a large valid run is only resolved.
            if let parsed = try? ChorusCommand.parseAsRoot(args), let sim = parsed as? SimulateCommand,
               let (config, _) = try? sim.resolveConfiguration() {
                let work = Double(config.seeds.count * config.regimes.count * (config.iterations + 1))
                    * Double(config.task.trainQuestions + config.task.testQuestions) * Double(config.task.chainsPerQuestion)
                    * Double(config.agents.count) * Double(config.debate.rounds) * (1 + Double(config.task.featureDimension) / 8)
                    * (1 + Double(config.finetune.epochs)) / 4
                if work > maxRunWork { return .success(.validLarge) }
            }
        case .log:
            args = ["analyze", file.path, "--out", out.path, "--json"] + (c.index % 10 == 0 ? [] : ["--no-figures"])
        }
        do {
            let r = try CapturedConsole.run(args)
            if r.code == 0 { return .success(.success) }
            let lines = r.err.split(separator: "\n", omittingEmptySubsequences: true)
            let errors = lines.filter { $0.hasPrefix("error: ") }
            let others = lines.filter { !$0.hasPrefix("error: ") && !$0.hasPrefix("warning: ") && !$0.hasPrefix("note: ") }
            guard [64, 65, 74].contains(r.code), errors.count == 1, others.isEmpty else {
                return .failure(Failure(index: c.index, label: c.label, reason: "exit \(r.code), stderr: \(r.err.prefix(300))"))
            }
            return .success(.clearError)
        } catch is ValidationError {
            return .success(.clearError)   // printed with the usage by the argument parser
        } catch {
            return .failure(Failure(index: c.index, label: c.label, reason: "escaped error \(type(of: error)): \(error)"))
        }
    }

    @Test func everyMalformedInputEndsInSuccessOrOneClearError() throws {
        let env = ProcessInfo.processInfo.environment
        let count = env["CHORUS_FUZZ_COUNT"].flatMap(Int.init) ?? 330
        let seed = env["CHORUS_FUZZ_SEED"].flatMap(UInt64.init) ?? 10
        let all = FuzzCorpus.cases(seed: seed, count: count)
        #expect(all.count >= 300)
        let shard = env["CHORUS_FUZZ_SHARD"].map { $0.split(separator: "/").compactMap { Int($0) } }
        let cases = shard.flatMap { kn in kn.count == 2 && kn[1] > 0 ? all.filter { $0.index % kn[1] == kn[0] } : nil } ?? all
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }

        var failures: [Failure] = []
        var tally: [String: Int] = [:]
        var slowest = (0.0, "")
        var largest = (0, "")   // the highest per-case peak of resident memory, bytes
        var memoryMeasured = true
        for (position, c) in cases.enumerated() {
            let caseDir = dir.appendingPathComponent("case-\(c.index)")
            try FileManager.default.createDirectory(at: caseDir, withIntermediateDirectories: true)
            let file: URL
            do { file = try c.make(caseDir) } catch { failures.append(Failure(index: c.index, label: c.label, reason: "could not build: \(error)")); continue }
            // The command runs on its own thread so that a hang is seen (and reported) here.
            let done = DispatchSemaphore(value: 0)
            nonisolated(unsafe) var result: Result<Outcome, Failure>? = nil
            nonisolated(unsafe) var seconds = 0.0
            memoryMeasured = PeakMemory.reset() && memoryMeasured
            let thread = Thread {
                let start = FuzzTests.threadCPUSeconds()
                result = FuzzTests.run(c, file: file, out: caseDir.appendingPathComponent("out"))
                seconds = FuzzTests.threadCPUSeconds() - start
                done.signal()
            }
            thread.stackSize = 8 << 20
            thread.start()
            if done.wait(timeout: .now() + FuzzTests.hangLimit) == .timedOut {
                failures.append(Failure(index: c.index, label: c.label, reason: "no result within \(FuzzTests.hangLimit) s (hang)"))
                break   // the thread cannot be stopped; later timings would be meaningless
            }
            if seconds > FuzzTests.timeLimit {
                failures.append(Failure(index: c.index, label: c.label, reason: String(format: "%.2f CPU seconds, over the limit", seconds)))
            }
            if seconds > slowest.0 { slowest = (seconds, "#\(c.index) \(c.label.prefix(80))") }
            if memoryMeasured, let peak = PeakMemory.peakBytes() {
                if peak > FuzzTests.memoryLimit {
                    failures.append(Failure(index: c.index, label: c.label, reason: "peak resident memory \(peak / 1_000_000) MB, over \(FuzzTests.memoryLimit / 1_000_000) MB"))
                }
                if peak > largest.0 { largest = (peak, "#\(c.index) \(c.label.prefix(80))") }
            }
            switch result! {
            case .success(let o): tally["\(c.kind.rawValue): \(o.rawValue)", default: 0] += 1
            case .failure(let f): failures.append(f)
            }
            try? FileManager.default.removeItem(at: caseDir)
            // Progress of a long run (a crash would otherwise leave no summary).
            if let report = env["CHORUS_FUZZ_REPORT"], (position + 1) % 250 == 0 {
                let partial = "in progress: \(position + 1) of \(cases.count) cases done, \(failures.count) failures; "
                    + tally.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: "; ")
                    + String(format: "; slowest %.2f CPU s (%@)", slowest.0, slowest.1)
                    + "; largest per-case peak \(largest.0 / 1_000_000) MB\n"
                try? partial.write(toFile: report, atomically: true, encoding: .utf8)
            }
        }
        let summary = "fuzz seed \(seed), \(cases.count) cases\(env["CHORUS_FUZZ_SHARD"].map { " (shard \($0) of \(all.count))" } ?? ""): "
            + tally.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: "; ")
            + "; \(failures.count) failures; slowest \(String(format: "%.2f", slowest.0)) CPU s (\(slowest.1))"
            + (memoryMeasured ? "; largest per-case peak resident memory \(largest.0 / 1_000_000) MB (\(largest.1)), limit \(FuzzTests.memoryLimit / 1_000_000) MB\n"
                              : "; per-case memory not measured (no /proc/self/clear_refs)\n")
            + failures.map { "  FAIL \($0)\n" }.joined()
        if let report = env["CHORUS_FUZZ_REPORT"] { try summary.write(toFile: report, atomically: true, encoding: .utf8) }
        #expect(failures.isEmpty, "\(summary)")
    }
}
