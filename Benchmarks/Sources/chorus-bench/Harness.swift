import Foundation

/// One timed operation: nanoseconds per operation over several repeats.
///
/// The primary figure is the thread's CPU time (CLOCK_THREAD_CPUTIME_ID): the machine is shared,
/// and wall time counts the time other processes hold the core. Wall time is reported beside it.
struct Measurement {
    /// What was timed, e.g. "xoshiro256** + AliasTable".
    var label: String
    /// Operations per repeat (e.g. 10^7 draws).
    var operations: Int
    /// Median over repeats of CPU time and of wall time, in ns per operation.
    var cpuNs: Double
    var wallNs: Double
    /// A value computed from the results, printed so the optimiser cannot drop the work.
    var checksum: UInt64

    /// `group<TAB>label<TAB>CPU ns/op<TAB>wall ns/op<TAB>operations<TAB>checksum`.
    func line(group: String) -> String {
        [group, label, String(format: "%.3f", cpuNs), String(format: "%.3f", wallNs),
         String(operations), String(checksum)].joined(separator: "\t")
    }
}

/// Nanoseconds of CPU time used by the calling thread.
func threadCPUNanoseconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) * 1e9 + Double(ts.tv_nsec)
}

/// Nanoseconds of monotonic wall-clock time.
func wallNanoseconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) * 1e9 + Double(ts.tv_nsec)
}

/// Times `body` (which performs `operations` operations and returns a checksum) `repeats`
/// times after one warm-up run; reports the medians.
func measure(_ label: String, operations: Int, repeats: Int = 5, _ body: () throws -> UInt64) rethrows -> Measurement {
    var checksum = try body()  // warm-up: page in, fill caches
    var cpu: [Double] = [], wall: [Double] = []
    for _ in 0..<repeats {
        let c0 = threadCPUNanoseconds(), w0 = wallNanoseconds()
        checksum &+= try body()
        let c1 = threadCPUNanoseconds(), w1 = wallNanoseconds()
        cpu.append((c1 - c0) / Double(operations))
        wall.append((w1 - w0) / Double(operations))
    }
    cpu.sort(); wall.sort()
    return Measurement(label: label, operations: operations, cpuNs: cpu[cpu.count / 2],
                       wallNs: wall[wall.count / 2], checksum: checksum)
}

func printError(_ s: String) {
    FileHandle.standardError.write((s + "\n").data(using: .utf8)!)
}
