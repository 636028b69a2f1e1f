import ChorusAnalysis
import ChorusIngest
import ChorusStats
import Foundation

/// Sample files (issue 12, `chorus analyze --map`): a wide JSON Lines file of 5 iterations ×
/// 500 questions × 3 models × 16 samples per model (a list per model, numeric answers in one
/// sentence each, seed 1), read with `SampleReader` and measured with `SampleMetrics.table`
/// (every metric of samples.csv with 2000-replicate bootstrap CIs; the figure not included).
func samplesBenchmark() throws -> [Measurement] {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-samples-bench-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    var g = SeedStream(seed: 1).child("samples-bench").generator()
    var lines: [String] = []
    for it in 0..<5 { for q in 0..<500 {
        let models = ["gpt", "llama", "qwen"].enumerated().map { (m, name) -> String in
            let p = 0.3 + 0.1 * Double(m) + 0.02 * Double(it)
            let xs = (0..<16).map { _ -> String in
                let a = g.nextUnit() < p ? 7 : 1 + g.nextInt(below: 9)
                return "\"Adding the parts of problem \(q) step by step gives \(a), so the answer is \\\\boxed{\(a)}.\""
            }
            return "\"\(name)\": {\"samples\": [\(xs.joined(separator: ", "))]}"
        }
        lines.append("{\"problem\": \"Problem \(q)\", \"gold\": \"#### 7\", \"iter\": \(it), \(models.joined(separator: ", "))}")
    } }
    let file = dir.appendingPathComponent("samples.jsonl")
    try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
    let map = try SampleMap.parse("question=problem,truth=gold,iteration=iter,response=*.samples")
    let m = try measure("sample file, 5 iterations x 500 questions x 3 models x 16 samples: read + SampleMetrics (ns/file)", operations: 1, repeats: 3) {
        let f = try SampleReader.read(file.path, map: map)
        let t = SampleMetrics.table(f.samples, run: "bench", models: f.models, stream: SeedStream(seed: 0))
        return UInt64(t.rows.count)
    }
    printError(String(format: "samples: %.2f s CPU, %.2f s wall", m.cpuNs / 1e9, m.wallNs / 1e9))
    return [m]
}
