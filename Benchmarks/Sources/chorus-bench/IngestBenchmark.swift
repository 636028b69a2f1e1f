import ChorusIngest
import ChorusRecords
import ChorusStats
import Foundation

/// Ingest benchmarks (issue 5): streaming parse speed of the canonical JSON Lines format and the
/// time to read each shared real log.
///
/// 1. Writes a ~100 MB JSON Lines file of simulated-looking records (seeded: `SeedStream(seed:
///    1).child("ingest-bench")`), streaming, in 1 MB chunks.
/// 2. Reads it with `RecordsJSONLReader.forEach` (hand-written scanner, one reusable line
///    buffer): best and median MB/s of `repeats` passes, records per second, peak resident memory.
/// 3. For comparison, `JSONDecoder` per line on the first ~10 MB.
/// 4. `LogReader.read` on every log in ../shared/realdata (skipped when absent).
/// Target: ≥ 50 MB/s on one core in release.
enum IngestBenchmark {
    static func run(megabytes: Int = 100, repeats: Int = 3, realData: URL? = nil) throws -> [String] {
        var lines: [String] = []
        func say(_ s: String) { print(s); lines.append(s) }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-ingest-bench-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("records.jsonl")

        let t0 = Date()
        let (bytes, count) = try generate(to: url, bytes: megabytes << 20)
        say(String(format: "generated %.1f MB, %d records in %.2f s", Double(bytes) / 1e6, count, Date().timeIntervalSince(t0)))
        say("peak resident memory after generation: \(peakRSS())")

        var rates: [Double] = []
        for pass in 1...repeats {
            var n = 0, textBytes = 0
            let start = DispatchTime.now().uptimeNanoseconds
            try RecordsJSONLReader.forEach(url) { e in
                if case .record(let r, _) = e { n += 1; textBytes &+= r.text?.utf8.count ?? 0 }
            }
            let s = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            precondition(n == count, "read \(n) records, wrote \(count)")
            rates.append(Double(bytes) / 1e6 / s)
            say(String(format: "pass %d: %.3f s, %.1f MB/s, %.0f records/s (text bytes %d)", pass, s, Double(bytes) / 1e6 / s, Double(n) / s, textBytes))
        }
        let sorted = rates.sorted()
        say(String(format: "RecordsJSONLReader: best %.1f MB/s, median %.1f MB/s (target ≥ 50 MB/s)", sorted.last!, sorted[sorted.count / 2]))
        say("peak resident memory after streaming reads: \(peakRSS()) (file: \(bytes / 1_000_000) MB)")

        // Baseline: Foundation's JSONDecoder, one line at a time, on the first ~10 MB.
        let handle = try FileHandle(forReadingFrom: url)
        let head = try handle.read(upToCount: 10 << 20) ?? Data()
        try handle.close()
        let decoder = JSONDecoder()
        var used = 0, m = 0
        let start = DispatchTime.now().uptimeNanoseconds
        for line in head.split(separator: 0x0A) {
            guard let last = line.last, last == 0x7D else { break }   // stop at the cut line
            _ = try decoder.decode(ResponseRecord.self, from: Data(line))
            used += line.count + 1; m += 1
        }
        let s = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        say(String(format: "JSONDecoder per line (baseline): %.1f MB/s on %.1f MB (%d records)", Double(used) / 1e6 / s, Double(used) / 1e6, m))

        if let realData, let files = try? FileManager.default.contentsOfDirectory(atPath: realData.path).filter({ $0.hasSuffix(".json") }).sorted() {
            for f in files {
                let u = realData.appendingPathComponent(f)
                var best = Double.infinity
                var records = 0
                for _ in 0..<5 {
                    let a = DispatchTime.now().uptimeNanoseconds
                    records = try LogReader.read(u).records.count
                    best = min(best, Double(DispatchTime.now().uptimeNanoseconds - a) / 1e9)
                }
                let size = (try? FileManager.default.attributesOfItem(atPath: u.path)[.size] as? Int) ?? 0
                say(String(format: "LogReader.read %@: %d records, %.1f ms (best of 5), %.1f MB/s", f, records, best * 1e3, Double(size) / 1e6 / best))
            }
        } else {
            say("real logs: skipped (../shared/realdata is absent)")
        }
        return lines
    }

    /// Writes simulated-looking records (3 agents × 3 rounds per question, 40–160-word texts,
    /// half with an 8-dimensional embedding) until `bytes` are written. Returns (bytes, records).
    static func generate(to url: URL, bytes target: Int) throws -> (Int, Int) {
        let words = ("the of and to a in is that for it as with on be by this are we so then answer total each number "
            + "first second third step compute multiply add subtract divide per hour day week cost price apples eggs "
            + "miles minutes sum difference product ratio percent half twice remaining left more less than equal "
            + "therefore thus hence final result check again agent solution agree disagree correct wrong because "
            + "since let denote value x y z equation solve gives get has have had buys sells makes uses needs").split(separator: " ").map(String.init)
        var g = SeedStream(seed: 1).child("ingest-bench").generator()
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let h = try FileHandle(forWritingTo: url)
        defer { try? h.close() }
        var chunk = ""
        chunk.reserveCapacity(1 << 21)
        var written = 0, count = 0, q = 0
        while written < target {
            let truth = g.nextInt(below: 1000)
            for round in 1...3 {
                for agent in 0..<3 {
                    let n = 40 + g.nextInt(below: 121)
                    var text = ""
                    for k in 0..<n { text += (k == 0 ? "" : " ") + words[g.nextInt(below: words.count)] }
                    let answer = g.nextUnit() < 0.7 ? truth : g.nextInt(below: 1000)
                    text += ". The answer is \\boxed{\(answer)}."
                    let emb: [Double]? = g.nextUnit() < 0.5 ? (0..<8).map { _ in g.nextUnit() * 2 - 1 } : nil
                    let r = ResponseRecord(run: "bench", regime: "multiagent", seed: 1, iteration: q % 5,
                                           question: "q\(q)", agent: agent, role: round == 1 ? .generator : .critic, round: round,
                                           answer: g.nextUnit() < 0.05 ? nil : "\(answer)", correct: answer == truth, truth: "\(truth)",
                                           chain: g.nextInt(below: 12), style: g.nextInt(below: 4),
                                           logProbability: -g.nextUnit() * 5, evidence: round > 1 ? g.nextUnit() * 3 : nil,
                                           text: text, embedding: emb)
                    chunk += RecordsJSONL.encodeLine(r); chunk += "\n"
                    count += 1
                }
            }
            q += 1
            if chunk.utf8.count >= 1 << 20 {
                let d = Data(chunk.utf8); h.write(d); written += d.count; chunk.removeAll(keepingCapacity: true)
            }
        }
        if !chunk.isEmpty { let d = Data(chunk.utf8); h.write(d); written += d.count }
        return (written, count)
    }

    /// VmHWM from /proc/self/status (Linux), or "n/a".
    static func peakRSS() -> String {
        guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = s.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return "n/a" }
        return line.dropFirst(6).trimmingCharacters(in: .whitespaces)
    }
}
