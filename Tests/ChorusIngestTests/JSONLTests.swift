import Testing
import ChorusTestSupport
import Foundation
import ChorusRecords
@testable import ChorusIngest

@Suite struct JSONLTests {
    @Test func fixtureRecordsAndSkips() throws {
        let r = try LogReader.read(Paths.fixture("records_small.jsonl"))
        #expect(r.format == .jsonl)
        #expect(r.task == nil && r.taskReason == "answers as recorded")
        #expect(r.records.count == 4)
        #expect(r.skipped == 5)
        #expect(r.skipReasons == [
            "line 6: missing key 'agent'",
            "line 7: key 'round' should be an integer, found a string",
            "line 8: unknown key 'extra' (not part of the canonical format)",
            "line 9: key 'answer' should be a string or null, found a number",
            "line 10: role 'judge' is not one of generator, critic",
        ])
        let full = r.records[0]
        #expect(full.seed == UInt64.max)
        #expect(full.iteration == 1 && full.chain == 3 && full.style == 1)
        #expect(full.logProbability == -1.25 && full.evidence == 0.5)
        #expect(full.text == "line1\nline2 \"quoted\" café 😀 \\boxed{7}")
        #expect(full.embedding == [0.5, -0.001, 2])
        #expect(r.records[1].answer == nil && r.records[1].correct == false)
        // Key order free, CRLF accepted.
        #expect(r.records[2].answer == "42" && r.records[2].role == .critic && r.records[2].round == 2)
        #expect(r.questions == 1 && r.agents == 2 && r.rounds == 2)
    }

    @Test func taskReScoresFromText() throws {
        let r = try LogReader.read(Paths.fixture("records_small.jsonl"), task: .numeric)
        let got = r.records.map { "\($0.answer ?? "-")|\($0.truth ?? "-")|\($0.correct.map(String.init) ?? "-")" }
        #expect(got == ["7|7|true", "-|7|false", "42|7|false", "7|7|true"])
    }

    @Test func roundTripOfWrittenRecords() throws {
        var recs: [ResponseRecord] = []
        for q in 0..<5 {
            for a in 0..<3 {
                for k in 1...2 {
                    recs.append(ResponseRecord(run: "r\"un\\1", regime: "multiagent", seed: 42, iteration: q % 2,
                                               question: "q\(q)", agent: a, role: k == 1 ? .generator : .critic, round: k,
                                               answer: a == 2 ? nil : "\(q + a)", correct: a == 2 ? false : (a == 0),
                                               truth: "\(q)", chain: a, style: nil, logProbability: -0.1 * Double(a + 1),
                                               evidence: k == 2 ? 0.25 : nil, text: "tab\there\u{1}ü", embedding: [1.5, -2e-300, 1e300]))
                }
            }
        }
        let dir = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("round.jsonl")
        try RecordsJSONL.write(recs, to: url)
        let back = try RecordsJSONLReader.readAll(url)
        #expect(back.invalid.isEmpty)
        #expect(back.records == recs)
        // Same as Foundation's JSONDecoder on every line.
        let dec = JSONDecoder()
        let viaFoundation = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
            try dec.decode(ResponseRecord.self, from: Data($0.utf8))
        }
        #expect(viaFoundation == back.records)
    }

    @Test func linesStraddlingChunkBoundaries() throws {
        // A 4 KiB read buffer (the smallest) and lines of growing length cross every boundary.
        let dir = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("chunks.jsonl")
        var recs: [ResponseRecord] = []
        for i in 0..<300 {
            recs.append(ResponseRecord(run: "x", regime: "log", question: "q\(i)", agent: 0, role: .generator, round: 1,
                                       answer: "\(i)", correct: nil, text: String(repeating: "é", count: i * 7)))
        }
        try RecordsJSONL.write(recs, to: url)
        let reader = try LineReader(path: url.path, maxLineBytes: 1 << 20, chunkBytes: 4096)
        var n = 0
        try reader.forEachLine { line in
            guard case .record(let r) = try RecordLineDecoder.decode(line) else { Issue.record("line \(n + 1) invalid"); return }
            #expect(r == recs[n]); n += 1
        }
        #expect(n == 300)
    }

    @Test func unevenRoundsAndDuplicatesAreSkipped() throws {
        let dir = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("uneven.jsonl")
        func rec(_ q: String, _ a: Int, _ k: Int) -> ResponseRecord {
            ResponseRecord(run: "u", regime: "log", question: q, agent: a, role: k == 1 ? .generator : .critic, round: k, answer: "1", correct: true)
        }
        // q1 is complete (2 agents × 2 rounds); q2's agent 1 lacks round 2; one q1 line repeats.
        // The same question of another regime is another debate, not a duplicate.
        var other = rec("q1", 0, 1); other.regime = "single"
        let recs = [rec("q1", 0, 1), rec("q1", 1, 1), rec("q1", 0, 2), rec("q1", 1, 2), rec("q2", 0, 1), rec("q2", 1, 1), rec("q2", 0, 2), rec("q1", 1, 2), other]
        try RecordsJSONL.write(recs, to: url)
        let r = try LogReader.read(url)
        #expect(r.records.count == 5)
        #expect(Set(r.records.map(\.question)) == ["q1"])
        #expect(r.questions == 2)   // q1 of "log" and q1 of "single"
        #expect(r.skipped == 4)   // the duplicate, and q2's three records
        // Reasons in line order.
        #expect(r.skipReasons[1].hasPrefix("line 8: duplicate record"))
        #expect(r.skipReasons[0].hasPrefix("line 5: uneven rounds in question q2 (run u, regime log, iteration 0)") && r.skipReasons[0].contains("agent 1 has rounds 1 of 1...2"))
        #expect(throws: IngestError.self) { try LogReader.read(url, strict: true) }
    }

    @Test func negativeChainOrStyleIsSkipped() throws {
        let dir = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("negative.jsonl")
        let ok = #"{"run":"n","regime":"log","iteration":0,"question":"q1","agent":0,"role":"generator","round":1,"answer":"1","correct":true,"chain":2,"style":0}"#
        let badChain = #"{"run":"n","regime":"log","iteration":0,"question":"q1","agent":1,"role":"generator","round":1,"answer":"1","correct":true,"chain":-1}"#
        let badStyle = #"{"run":"n","regime":"log","iteration":0,"question":"q1","agent":2,"role":"generator","round":1,"answer":"1","correct":true,"style":-3}"#
        try (ok + "\n" + badChain + "\n" + badStyle + "\n").write(to: url, atomically: true, encoding: .utf8)
        let r = try LogReader.read(url)
        #expect(r.records.count == 1 && r.skipped == 2)
        #expect(r.skipReasons == ["line 2: chain -1 is negative", "line 3: style -3 is negative"])
    }
}
