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

    /// The JSON Lines reader's errors (ChorusRecords) become the log reader's of the same case
    /// and message, so `chorus analyze` words them and exits as before the reader moved.
    @Test func readErrorsMapToIngestErrorsWithTheSameMessage() {
        let p = SourcePosition(line: 2, column: 8, byteOffset: 99)
        let pairs: [(RecordsReadError, IngestError)] = [
            (.cannotRead(path: "f", reason: "r"), .cannotRead(path: "f", reason: "r")),
            (.notUTF8(path: "f", position: p, detail: "d"), .notUTF8(path: "f", position: p, detail: "d")),
            (.malformedJSON(path: "f", position: p, reason: "r"), .malformedJSON(path: "f", position: p, reason: "r")),
            (.lineTooLong(path: "f", line: 3, limit: 9), .lineTooLong(path: "f", line: 3, limit: 9)),
        ]
        for (read, ingest) in pairs {
            #expect(IngestError(read) == ingest)
            #expect(IngestError(read).description == read.description)
        }
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
