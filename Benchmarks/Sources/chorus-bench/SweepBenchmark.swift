import Foundation
import ChorusRecords
import ChorusSimulation

/// The sweep machinery's overhead per point (issue 11: under 5% of a direct `chorus simulate`
/// of the same point), all on one thread so that the thread's CPU time is the whole cost.
///
/// The point is one point of the built-in `phase` sweep (paper model, single-agent +
/// multiagent, 200 + 200 questions, 10 fresh seeds 10001…10010, 3 agents per role).
/// - "direct simulate": what `chorus simulate --no-figures` does for it: resolve the
///   configuration (preset + `--set` + `--seeds`), validate, run, check the rows, summarise,
///   judge the claims, write the run directory (metrics.csv, summary.csv, claims.csv,
///   manifest.json). No figures: a sweep draws none per point, and figures would only inflate
///   the denominator.
/// - "sweep run": `chorus sweep run` of a one-point sweep of the same configuration into a fresh
///   directory: plan (resolve, validate, digest), the point, its point file, and the merge into
///   the three tables. Two variants: every metric and claim kept (the tables hold what
///   simulate's do), and the `phase` spec's selection (6 metrics, no claims).
/// - "sweep merge" re-reads a finished point and rebuilds the tables, as `chorus sweep merge`
///   does per point (paid once per point at the end of a sharded sweep).
/// The overhead is (sweep run − direct simulate) / direct simulate, printed on stderr.
func sweepBenchmark() throws -> [Measurement] {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-bench-sweep-\(getpid())")
    defer { try? FileManager.default.removeItem(at: root) }
    var counter = 0
    func fresh() -> URL {
        counter += 1
        return root.appendingPathComponent("\(counter)")
    }

    var phase = try BuiltinSweeps.spec(named: "phase")
    phase.axes = [SweepAxis(key: "agents.count", values: .list(["3"]))]
    phase.figure = nil
    var everything = phase
    everything.metrics = []
    everything.claims = SweepQuantities.claimNumbers

    let direct = try measure("direct simulate of the point (no figures)", operations: 1, repeats: 5) {
        var b = ConfigBuilder(config: try Presets.config(named: "paper"), source: "preset paper")
        for a in phase.set { try b.set(a) }
        try b.set("agents.count=3")
        try b.setSeeds("10001-10010")
        let config = try b.build()
        let result = try Experiment(config: config).run(threads: 1)
        try ResultGuard.check(result)
        let summary = result.summarize()
        let claims = Claims.evaluate(summary)
        let manifest = RunManifest(runID: RunDirectory.runID(for: config), source: "preset paper", config: config,
                                   toolVersion: "bench", gitCommit: "unknown", start: Date(), end: Date(), wallSeconds: 0, threads: 1)
        let dir = fresh()
        let files = try RunDirectory.write(RunOutput(result: result, summary: summary, claims: claims, manifest: manifest), to: dir)
        return UInt64(files.count + result.rows.count)
    }

    /// `chorus sweep run` (the merge uses the points in memory), or with `sharded` a shard's run
    /// followed by `chorus sweep merge`, which reads the point file back.
    func sweepRun(_ spec: SweepSpec, sharded: Bool = false) throws -> UInt64 {
        let plan = try SweepPlan(spec: spec)
        let dir = fresh()
        let report = try SweepRunner.run(plan: plan, directory: dir, toolVersion: "bench", threads: 1)
        let collected = try SweepMerge.collect(plan: plan, directories: [dir], toolVersion: "bench",
                                               known: sharded ? [:] : report.files)
        let files = try SweepMerge.write(plan: plan, collected: collected, to: dir)
        return UInt64(report.computed + files.count)
    }
    let all = try measure("sweep run of the point, every metric and claim kept", operations: 1, repeats: 5) { try sweepRun(everything) }
    let sharded = try measure("sweep run --shard + sweep merge of the point, every metric and claim kept", operations: 1, repeats: 5) {
        try sweepRun(everything, sharded: true)
    }
    let selected = try measure("sweep run of the point, the phase spec's 6 metrics", operations: 1, repeats: 5) { try sweepRun(phase) }

    // The parts, for the profile.
    let plan = try SweepPlan(spec: everything)
    let planning = try measure("  plan: resolve, validate and name one point", operations: 1, repeats: 20) {
        UInt64(try SweepPlan(spec: everything).points.count)
    }
    let point = SweepRunner.compute(plan.points[0], spec: everything, toolVersion: "bench", threads: 1)
    let encode = measure("  point file: encode (every metric)", operations: 1, repeats: 20) { UInt64((try? point.json())?.utf8.count ?? 0) }
    let done = fresh()
    _ = try SweepRunner.run(plan: plan, directory: done, toolVersion: "bench", threads: 1)
    let url = SweepDirectory.pointURL(done, id: plan.points[0].id)
    let decode = try measure("  point file: read and check (every metric)", operations: 1, repeats: 20) {
        UInt64(try PointFile.read(url, expectedID: plan.points[0].id, toolVersion: "bench").rows.count)
    }
    let merge = try measure("  sweep merge of the finished point (read + three tables)", operations: 1, repeats: 10) {
        let collected = try SweepMerge.collect(plan: plan, directories: [done], toolVersion: "bench")
        return UInt64(try SweepMerge.write(plan: plan, collected: collected, to: fresh()).count)
    }
    for (label, m) in [("every metric and claim", all), ("sharded, merge from the file", sharded), ("phase selection", selected)] {
        printError(String(format: "sweep overhead per point (%@): %+.1f%% of a direct simulate (%.3f vs %.3f CPU-s)",
                          label, (m.cpuNs - direct.cpuNs) / direct.cpuNs * 100, m.cpuNs / 1e9, direct.cpuNs / 1e9))
    }
    return [direct, all, sharded, selected, planning, encode, decode, merge]
}
