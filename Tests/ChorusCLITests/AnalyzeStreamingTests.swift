import ArgumentParser
import ChorusIngest
import ChorusRecords
import Foundation
import Testing
import ChorusTestSupport
@testable import ChorusCLI

/// Issue 10, bounded memory: `chorus analyze` streams JSON Lines one debate at a time, and the
/// streamed analysis writes byte-identical tables to reading the log whole (`--in-memory`).
@Suite("chorus analyze: streaming JSON Lines")
struct AnalyzeStreamingTests {
    static let fixtures = Paths.fixtures


    func run(_ args: [String]) throws {
        var cmd = try ChorusCommand.parseAsRoot(["analyze"] + args)
        try cmd.run()
    }

    /// Every file of an output folder (the figures/ folder aside: drawn from these tables by
    /// `chorus figures`), analysis.json with the folder's own path blanked.
    func contents(_ dir: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) where !name.hasSuffix(".png") && name != "figures" {
            var d = try Data(contentsOf: dir.appendingPathComponent(name))
            if name == "analysis.json" { d = Data(String(decoding: d, as: UTF8.self).replacingOccurrences(of: dir.path, with: "OUT").utf8) }
            out[name] = d
        }
        return out
    }

    /// A JSON Lines log with text, several groups (the Du fixtures as records, three times under
    /// different seeds), one duplicate, one invalid line and one uneven debate.
    func makeLog(in dir: URL) throws -> URL {
        let records = dir.appendingPathComponent("records")
        try run(["du_numeric.json", "du_seven_agents.json", "agora_small.json", "mft_math.json"].map { Self.fixtures.appendingPathComponent($0).path }
                + ["--records", "--no-figures", "--out", records.path])
        let base = try String(contentsOf: records.appendingPathComponent("records.jsonl"), encoding: .utf8).split(separator: "\n").map(String.init)
        var lines: [String] = []
        for seed in 1...3 {
            for (i, l) in base.enumerated() {
                if seed == 2 && i == 4 { continue }   // an uneven debate
                let line = l.replacingOccurrences(of: "\"regime\":\"log\"", with: "\"regime\":\"log\",\"seed\":\(seed)")
                lines.append(line)
                if seed == 3 && i == 7 { lines.append(line); lines.append("{\"run\":1}") }
            }
        }
        let url = dir.appendingPathComponent("log.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test("streamed and whole give byte-identical tables, records and JSON")
    func streamedEqualsWhole() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = try makeLog(in: dir)
        for extra in [[], ["--task", "numeric", "--self-bleu"]] {
            let a = dir.appendingPathComponent("streamed\(extra.count)"), b = dir.appendingPathComponent("whole\(extra.count)")
            try run([log.path, "--records", "--json", "--out", a.path] + extra)
            try run([log.path, "--records", "--json", "--in-memory", "--out", b.path] + extra)
            let ca = try contents(a), cb = try contents(b)
            #expect(ca.keys.sorted() == cb.keys.sorted())
            #expect(Set(ca.keys).isSuperset(of: ["rounds.csv", "answers.csv", "flips.csv", "agents.csv", "files.csv", "skipped.csv", "records.jsonl", "analysis.json"]))
            for (name, data) in ca { #expect(data == cb[name], "\(name) differs (\(extra))") }
            // The log's skips are in both (so the comparison covered them).
            let skipped = try String(contentsOf: a.appendingPathComponent("skipped.csv"), encoding: .utf8)
            #expect(skipped.contains("uneven rounds") && skipped.contains("duplicate record") && skipped.contains("key 'run' should be a string"))
        }
        // The streaming path was taken, and the whole path for --in-memory.
        let o = AnalyzeFile.Options(format: nil, task: nil, strict: false, seed: 0, selfBLEU: false, facts: nil)
        let answers = try LineWriter(url: dir.appendingPathComponent("answers.csv"))
        #expect(try AnalyzeFile.analyze(log.path, o, answers: answers, records: nil).streamed)
        var whole = o; whole.inMemory = true
        #expect(try !AnalyzeFile.analyze(log.path, whole, answers: answers, records: nil).streamed)
    }

    @Test("a log with split debates is read whole, with the same tables")
    func splitDebatesFallBack() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = try makeLog(in: dir)
        var lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n").map(String.init)
        lines.append(lines.remove(at: 0))
        let split = dir.appendingPathComponent("split.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: split, atomically: true, encoding: .utf8)
        let a = dir.appendingPathComponent("a"), b = dir.appendingPathComponent("b")
        try run([split.path, "--out", a.path, "--no-figures"])
        try run([split.path, "--out", b.path, "--no-figures", "--in-memory"])
        let ca = try contents(a), cb = try contents(b)
        for (name, data) in ca { #expect(data == cb[name], "\(name) differs") }
        let o = AnalyzeFile.Options(format: nil, task: nil, strict: false, seed: 0, selfBLEU: false, facts: nil)
        let answers = try LineWriter(url: dir.appendingPathComponent("answers.csv"))
        #expect(try !AnalyzeFile.analyze(split.path, o, answers: answers, records: nil).streamed)
    }

    @Test("a file that fails half-way leaves none of its rows in answers.csv")
    func failedFileTakesItsRowsBack() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = try makeLog(in: dir)
        let good = try String(contentsOf: log, encoding: .utf8)
        let bad = dir.appendingPathComponent("bad.jsonl")
        try (good.replacingOccurrences(of: "\"run\":\"du_numeric.json\"", with: "\"run\":\"bad\"") + "{\"run\": oops\n").write(to: bad, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        try run([log.path, bad.path, "--out", out.path, "--no-figures", "--records"])
        for name in ["answers.csv", "records.jsonl"] {
            let text = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
            #expect(!text.contains("bad.jsonl") && !text.contains("\"run\":\"bad\""), "\(name) holds rows of the bad file")
            #expect(text.contains("du_numeric.json"))
        }
        let files = try String(contentsOf: out.appendingPathComponent("files.csv"), encoding: .utf8)
        #expect(files.split(separator: "\n").count == 2)   // header + the good file
    }
}
