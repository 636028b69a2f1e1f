import ChorusAnalysis
import ChorusIngest
import ChorusRecords
import ChorusStats
import ChorusValidation
import Foundation

/// Run analysis and fit (issue 12). Targets: a run of 5 iterations × 500 questions × 3 agents ×
/// 2 rounds analyses in < 5 s; a fit on one such log in < 10 s (release).
///
/// 1. Writes the run as Du et al. JSON, one file per iteration, from synthetic debates
///    (`FitCoverageStudy.syntheticLog`, seed 1; replies are one sentence with `\boxed{answer}`)
///    and a YAML manifest.
/// 2. "run analysis": `RunSpec.manifest` + `RunReader.read` + `IterationMetrics.table` +
///    `RoundMetrics.table` + `AgentAccuracy.table` (every table `chorus analyze --run` writes;
///    figures not included). Its parts are timed once each on standard error, with the full
///    `TranscriptMetrics` table for comparison (not used by the command).
/// 3. "fit": `DebateFit.fit` (1000 bootstrap replicates) + `PredictiveCheck.run` (200 re-runs)
///    on the iteration-0 log, read from its file.
func runBenchmark() throws -> [Measurement] {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-run-bench-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    var g = SeedStream(seed: 1).child("run-bench").generator()
    var yaml = "name: bench\niterations:\n"
    for it in 0..<5 {
        let recs = FitCoverageStudy.syntheticLog(questions: 500, stay: 1, support: 2, accuracy: 0.4 + 0.05 * Double(it), rounds: 2, g: &g)
        let index = DebateIndex(recs)
        var members: [String] = []
        for d in index.debates(index.groups[0]) {
            let agents = (0..<3).map { a in
                "[" + d.rounds.map { r in
                    "{\"role\":\"user\",\"content\":\"Can you solve problem \(d.question)? Explain your reasoning.\"},{\"role\":\"assistant\",\"content\":\"Adding the parts step by step gives the total, so the answer is \\\\boxed{\(d.responses[r]![a]!.answer!)}.\"}"
                }.joined(separator: ",") + "]"
            }
            members.append("\"Problem \(d.question): what is the total?\":[[\(agents.joined(separator: ","))],\"#### 0\"]")
        }
        try ("{" + members.joined(separator: ",\n") + "}").write(to: dir.appendingPathComponent("it\(it).json"), atomically: true, encoding: .utf8)
        yaml += "  \(it): it\(it).json\n"
    }
    let manifest = dir.appendingPathComponent("run.yaml")
    try yaml.write(to: manifest, atomically: true, encoding: .utf8)

    let analysis = try measure("run analysis, 5 iterations x 500 questions x 3 agents x 2 rounds (ns/run)", operations: 1, repeats: 3) {
        let run = try RunReader.read(try RunSpec.manifest(manifest.path))
        let a = IterationMetrics.table(run.records, stream: SeedStream(seed: 0))
        let b = RoundMetrics.table(DebateIndex(run.records), stream: SeedStream(seed: 0))
        let c = AgentAccuracy.table(DebateIndex(run.records), stream: SeedStream(seed: 0))
        return UInt64(a.rows.count + b.count + c.count)
    }
    printError(String(format: "run: analysis %.2f s CPU, %.2f s wall", analysis.cpuNs / 1e9, analysis.wallNs / 1e9))
    // Its parts.
    let run = try RunReader.read(try RunSpec.manifest(manifest.path))
    let parts: [(String, () -> Int)] = [
        ("read", { (try? RunReader.read(try RunSpec.manifest(manifest.path)))?.records.count ?? 0 }),
        ("IterationMetrics", { IterationMetrics.table(run.records).rows.count }),
        ("TranscriptMetrics", { TranscriptMetrics.table(run.records).rows.count }),
        ("AgentAccuracy", { AgentAccuracy.table(DebateIndex(run.records)).count }),
        ("RoundMetrics", { RoundMetrics.table(run.records).count }),
    ]
    for (name, body) in parts {
        let t0 = threadCPUNanoseconds()
        let n = body()
        printError(String(format: "run:   %@ %.2f s CPU (%d)", name, (threadCPUNanoseconds() - t0) / 1e9, n))
    }
    let log = try LogReader.read(dir.appendingPathComponent("it0.json"))
    let index = DebateIndex(log.records)
    let debates = index.debates(index.groups[0])
    let fit = try measure("fit + predictive check, 500 questions x 3 agents x 2 rounds (ns/fit)", operations: 1, repeats: 3) {
        let r = try DebateFit.fit(debates)
        let w = [r.estimate("critic.weight.stay")!.value, r.estimate("critic.weight.support")!.value]
        let p = PredictiveCheck.run(debates, weights: w, replicates: 200)
        return UInt64(p.count) &+ UInt64(w[0] * 1e6)
    }
    printError(String(format: "run: fit %.2f s CPU, %.2f s wall", fit.cpuNs / 1e9, fit.wallNs / 1e9))
    return [analysis, fit]
}
