import Foundation

/// The peak memory a simulation run needs, estimated from its configuration, and the limit it
/// is checked against (issue 10: the old check counted only the feature values, about a quarter
/// of what a run really allocates).
///
/// Model, per question (train + test) of `c` chains, dimension `d`, `A` agents, `R` rounds:
///
///     bank  = c · (32 + 8·d)      bytes: one task bank per seed, all held for the whole run
///     work  = c · 136 + 120·A·R   bytes: policies, debates and metrics of one running
///                                 (regime, seed) pair; `threads` pairs run at once
///     peak ≈ 1.25 · (34 MiB + seeds · Q · bank + min(threads, pairs) · Q · work)
///
/// The coefficients were fitted to peak resident memory measured with `/usr/bin/time -v` on
/// this model (scripts/measure-memory.sh; BENCHMARKS.md lists the runs): 1 seed, 20000 and
/// 80000 questions, d = 1 and 8, 6 agents × 4 rounds, 2 seeds on 1 and 2 threads; every run was
/// within 3% of the unscaled estimate. The factor 1.25 covers allocator slack and the output
/// tables. When the model changes, rerun the script and refit.
public enum MemoryEstimate {
    /// Fixed cost of the process (code, libraries, small tables).
    public static let baseBytes = 34.0 * 1_048_576
    /// Safety factor over the fitted estimate.
    public static let safety = 1.25
    /// Default limit: 4 GiB. Raise it with the environment variable `CHORUS_MEMORY_LIMIT_GB`.
    public static let defaultLimitBytes = 4.0 * 1_073_741_824
    /// The environment variable that sets the limit, in GiB (e.g. `CHORUS_MEMORY_LIMIT_GB=32`).
    public static let environmentVariable = "CHORUS_MEMORY_LIMIT_GB"

    /// The estimated peak bytes of `config` run on `threads` worker threads.
    public static func bytes(_ config: SimulationConfig, threads: Int = 1) -> Double {
        let t = config.task
        let q = Double(t.trainQuestions) + Double(t.testQuestions)
        let c = Double(t.chainsPerQuestion)
        let bank = c * (32 + 8 * Double(t.featureDimension))
        let work = c * 136 + 120 * Double(config.agents.count) * Double(config.debate.rounds)
        let pairs = max(1, config.seeds.count * max(1, config.regimes.count))
        let running = Double(min(max(1, threads), pairs))
        return safety * (baseBytes + Double(max(1, config.seeds.count)) * q * bank + running * q * work)
    }

    /// The limit in bytes: `CHORUS_MEMORY_LIMIT_GB` when set to a positive number, else 4 GiB.
    /// - Throws: `SimulationError.invalidValue` for a set but unreadable variable.
    public static func limitBytes(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Double {
        guard let text = environment[environmentVariable] else { return defaultLimitBytes }
        guard let gb = Double(text.trimmingCharacters(in: .whitespaces)), gb.isFinite, gb > 0, gb <= 1_000_000 else {
            throw SimulationError.invalidValue(path: environmentVariable, value: text, allowed: "a number of GiB in (0, 1000000]")
        }
        return gb * 1_073_741_824
    }

    /// Throws when the run would need more than the limit, naming the estimate, the limit and
    /// how to raise it or shrink the run.
    public static func check(_ config: SimulationConfig, threads: Int = 1,
                             environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let need = bytes(config, threads: threads)
        let limit = try limitBytes(environment: environment)
        guard need <= limit else {
            throw SimulationError.invalidValue(
                path: "task", value: String(format: "an estimated %.1f GiB of memory", need / 1_073_741_824) + " on \(threads) thread(s)",
                allowed: String(format: "at most %.1f GiB", limit / 1_073_741_824)
                    + " (the limit; raise it with \(environmentVariable)=N, or use fewer questions, chains, seeds or threads; docs/configuration.md)")
        }
    }
}
