import ChorusSimulation

/// Wall time of the full `paper` preset (7 regimes, 5 iterations, 3 + 3 agents, 2 rounds,
/// 500 + 500 questions) with the issue's 10 seeds and with the preset's 20 seeds, on 2 worker
/// threads, and the single-thread cost (where the thread's CPU time is the whole model's).
/// One "operation" is one complete experiment. For the 2-thread rows the calling thread only
/// waits, so its CPU time is ~0: read the wall column.
func paperBenchmark() throws -> [Measurement] {
    var out: [Measurement] = []
    for (seeds, threads) in [(10, 2), (20, 2), (20, 1)] {
        var config = SimulationConfig.paper
        config.seeds = (1...seeds).map { UInt64($0) }
        let experiment = try Experiment(config: config)
        out.append(try measure("paper preset, \(seeds) seeds, \(threads) thread\(threads == 1 ? "" : "s")",
                               operations: 1, repeats: 3) {
            let result = try experiment.run(threads: threads)
            return UInt64(result.rows.count) &+ result.rows.reduce(0) { $0 &+ $1.value.bitPattern }
        })
    }
    return out
}
