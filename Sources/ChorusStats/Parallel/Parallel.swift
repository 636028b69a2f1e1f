import Foundation

/// The one parallel loop of Chorus (issue 9): a fixed pool of worker threads takes indices
/// 0..<count from a shared counter. Each index writes only its own result slot, so a
/// computation that draws item i from its own seeded stream gives the same bytes for any
/// thread count. The simulator (`Experiment`, the sweep), the validation studies and the
/// figures' Monte Carlo all run through it.
///
/// Workers are `Thread`s with 8 MiB stacks (the simulator's debates recurse through large
/// value types; the platform default for secondary threads can be smaller), started per call:
/// the loops it runs are coarse (a replicate, a (regime, seed) pair, a sweep point), so the
/// start-up cost of a few threads is negligible.
public enum Parallel {
    /// Default worker count: the active processor count.
    public static var defaultThreads: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// Runs `body(i)` for every i in 0..<count on `threads` workers (nil: `defaultThreads`;
    /// at most `count`; 1 runs in the calling thread, in order) and returns when all are done.
    /// The order in which indices run is unspecified.
    public static func forEach(count: Int, threads: Int? = nil, _ body: @escaping @Sendable (Int) -> Void) {
        guard count > 0 else { return }
        let workers = min(max(1, threads ?? defaultThreads), count)
        if workers == 1 {
            for i in 0..<count { body(i) }
            return
        }
        // `body` escapes into the threads, which outlive `group.wait()` by a moment.
        let next = Counter()
        let group = DispatchGroup()
        for _ in 0..<workers {
            group.enter()
            let thread = Thread {
                while true {
                    let i = next.increment() - 1
                    if i >= count { break }
                    body(i)
                }
                group.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
    }

    /// `[body(0), …, body(count − 1)]` computed on `threads` workers (see `forEach`). If any
    /// call throws, every index still runs and the error of the lowest failing index is
    /// thrown, so the outcome does not depend on the thread count either.
    public static func map<T, E: Error>(count: Int, threads: Int? = nil,
                                        _ body: @escaping @Sendable (Int) throws(E) -> T) throws(E) -> [T] {
        let slots = Slots<Result<T, E>>(count: count)
        forEach(count: count, threads: threads) { i in
            slots.set(i, Result { () throws(E) -> T in try body(i) })
        }
        var out: [T] = []
        out.reserveCapacity(count)
        for r in slots.values() { out.append(try r.get()) }
        return out
    }

    /// A lock-protected counter (e.g. of finished items, for progress reports).
    public final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        /// A counter at 0.
        public init() {}
        /// Increments and returns the new value.
        public func increment() -> Int { lock.lock(); defer { lock.unlock() }; value += 1; return value }
    }

    /// One slot per index, each written once by the worker that runs the index.
    public final class Slots<T>: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [T?]
        /// `count` empty slots.
        public init(count: Int) { slots = [T?](repeating: nil, count: count) }
        /// Sets slot `i` to `v` (thread-safe; each index is set by one worker).
        public func set(_ i: Int, _ v: T) { lock.lock(); slots[i] = v; lock.unlock() }
        /// Every slot's value; each must have been set.
        public func values() -> [T] { lock.lock(); defer { lock.unlock() }; return slots.map { $0! } }
    }
}
