import ChorusAnalysis
import ChorusIngest
import ChorusRecords
import ChorusStats
import Foundation

/// Ingest benchmarks (issue 5): streaming parse speed of the canonical JSON Lines format, and
/// reading plus the per-round analysis of each shared real log.
///
/// 1. Writes a ~100 MB JSON Lines file of simulated-looking records (3 agents × 3 rounds per
///    question, 40–160-word texts, half with an 8-dimensional embedding; all drawn from
///    `SeedStream(seed: 1).child("ingest-bench")`), streaming, in 1 MB chunks, to a temporary file.
/// 2. Times `RecordsJSONLReader.forEach` over it (hand-written scanner, one reusable line buffer),
///    in ns per byte: MB/s = 1000 / (ns per byte). Target: ≥ 50 MB/s on one core.
/// 3. Baseline: Foundation's `JSONDecoder`, one line at a time, on the first ~10 MB.
/// 4. For each log in $CHORUS_REALDATA (default: shared/realdata beside the repository; skipped when absent): `LogReader.read` (ns per byte)
///    and read + `RoundMetrics.table` (ns per log, i.e. the analysis without text metrics and
///    figures).
/// MB/s figures and the peak resident memory are also printed on standard error.
func ingestBenchmark() throws -> [Measurement] {
    var out: [Measurement] = []
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-ingest-bench-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let url = dir.appendingPathComponent("records.jsonl")

    let (bytes, count) = try IngestBenchmarkData.generate(to: url, bytes: 100 << 20)
    printError(String(format: "ingest: generated %.1f MB, %d records; peak RSS %@", Double(bytes) / 1e6, count, IngestBenchmarkData.peakRSS()))

    let stream = try measure("RecordsJSONLReader.forEach, ~100 MB canonical JSON Lines (ns/byte)", operations: bytes, repeats: 3) {
        var n: UInt64 = 0, textBytes: UInt64 = 0
        try RecordsJSONLReader.forEach(url) { e in
            if case .record(let r, _) = e { n += 1; textBytes &+= UInt64(r.text?.utf8.count ?? 0) }
        }
        precondition(n == UInt64(count), "read \(n) records, wrote \(count)")
        return n &+ textBytes
    }
    out.append(stream)
    printError(String(format: "ingest: RecordsJSONLReader %.0f MB/s CPU, %.0f MB/s wall; peak RSS %@ for a %d MB file",
                      1000 / stream.cpuNs, 1000 / stream.wallNs, IngestBenchmarkData.peakRSS(), bytes / 1_000_000))

    // Baseline: JSONDecoder per line on the first ~10 MB (whole lines only).
    let handle = try FileHandle(forReadingFrom: url)
    let head = try handle.read(upToCount: 10 << 20) ?? Data()
    try handle.close()
    let lines = head.split(separator: 0x0A).filter { $0.last == 0x7D }.map { Data($0) }
    let used = lines.reduce(0) { $0 + $1.count + 1 }
    let decoded = try measure("JSONDecoder per line, first ~10 MB (baseline, ns/byte)", operations: used, repeats: 3) {
        let decoder = JSONDecoder()
        var n: UInt64 = 0
        for line in lines { n &+= UInt64(try decoder.decode(ResponseRecord.self, from: line).agent) }
        return n
    }
    out.append(decoded)
    printError(String(format: "ingest: JSONDecoder per line %.0f MB/s CPU", 1000 / decoded.cpuNs))

    // The real logs: $CHORUS_REALDATA, else shared/realdata beside the repository (as the tests).
    let realData = ProcessInfo.processInfo.environment["CHORUS_REALDATA"].map { URL(fileURLWithPath: $0) }
        ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/realdata")
    guard let files = try? FileManager.default.contentsOfDirectory(atPath: realData.path).filter({ $0.hasSuffix(".json") }).sorted() else {
        printError("ingest: real logs skipped (\(realData.path) is absent)")
        return out
    }
    for f in files {
        let u = realData.appendingPathComponent(f)
        let size = (try FileManager.default.attributesOfItem(atPath: u.path)[.size] as? Int) ?? 1
        let read = try measure("LogReader.read \(f) (ns/byte)", operations: size) {
            UInt64(try LogReader.read(u).records.count)
        }
        let analysed = try measure("LogReader.read + RoundMetrics.table \(f) (ns/log)", operations: 1, repeats: 3) {
            let rows = RoundMetrics.table(try LogReader.read(u).records)
            return UInt64(rows.count) &+ UInt64((rows.last?.individualAccuracy?.mean ?? 0) * 1e6)
        }
        out += [read, analysed]
        printError(String(format: "ingest: %@: read %.1f ms (%.0f MB/s), read + round table %.1f ms (CPU)",
                          f, read.cpuNs * Double(size) / 1e6, 1000 / read.cpuNs, analysed.cpuNs / 1e6))
    }
    return out
}

/// The benchmark's synthetic data and memory probe.
enum IngestBenchmarkData {
    /// Writes simulated-looking records until `target` bytes are written. Returns (bytes, records).
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

    /// VmHWM (peak resident memory) from /proc/self/status, or "n/a".
    static func peakRSS() -> String {
        guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = s.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return "n/a" }
        return line.dropFirst(6).trimmingCharacters(in: .whitespaces)
    }
}
