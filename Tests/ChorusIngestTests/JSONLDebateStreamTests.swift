import Foundation
import Testing
import ChorusTestSupport
import ChorusRecords
@testable import ChorusIngest

/// `JSONLDebateStream` (issue 10): one debate at a time, with exactly the records, skips and
/// counts of `LogReader.read`, and a clear signal when a file's debates are split.
@Suite struct JSONLDebateStreamTests {
    static func record(_ run: String, seed: UInt64?, q: Int, agent: Int, round: Int, answer: String?) -> ResponseRecord {
        ResponseRecord(run: run, regime: "multiagent", seed: seed, iteration: 1, question: "q\(q)", agent: agent,
                       role: round == 1 ? .generator : .critic, round: round, answer: answer,
                       correct: answer.map { $0 == "7" }, truth: "7", text: "I think \(answer ?? "nothing")")
    }

    /// Lines of a contiguous log: 2 groups × 4 questions × 3 agents × 2 rounds, with a duplicate
    /// record, an invalid line, a blank line and one uneven debate (group b, q2, agent 1 round 2 missing).
    static func contiguousLines() -> [String] {
        var lines: [String] = []
        for (run, seed) in [("a", UInt64(1)), ("b", UInt64(2))] {
            for q in 0..<4 {
                for agent in 0..<3 {
                    for round in 1...2 {
                        if run == "b" && q == 2 && agent == 1 && round == 2 { continue }
                        let answer: String? = (q + agent + round) % 4 == 0 ? nil : String(7 + (q * agent + round) % 3)
                        lines.append(RecordsJSONL.encodeLine(record(run, seed: seed, q: q, agent: agent, round: round, answer: answer)))
                        if run == "a" && q == 1 && agent == 2 && round == 1 { lines.append(lines.last!) }
                    }
                }
                if q == 2 { lines.append("{\"run\":\"a\",\"regime\":\"x\"}"); lines.append("   ") }
            }
        }
        return lines
    }

    func write(_ lines: [String]) throws -> URL {
        let dir = try Paths.temporaryDirectory()
        let url = dir.appendingPathComponent("log.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test(arguments: [nil, AnswerTask.numeric])
    func sameAsReadingWhole(task: AnswerTask?) throws {
        let url = try write(Self.contiguousLines())
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let whole = try LogReader.read(url, task: task)
        var streamed: [ResponseRecord] = []
        var debates = 0
        let s = try JSONLDebateStream.read(url, task: task, strict: false) { recs in
            debates += 1
            #expect(Set(recs.map(\.question)).count == 1 && Set(recs.map(\.run)).count == 1)
            streamed += recs
        }
        #expect(streamed == whole.records)
        #expect(s.responses == whole.records.count && debates == whole.questions)
        #expect(s.result.skipped == whole.skipped && s.result.skipped == 2 + 1 + 5)   // 2 invalid lines, a duplicate, 5 uneven records
        #expect(s.result.skipReasons == whole.skipReasons)
        #expect(s.result.questions == 7 && s.result.agents == whole.agents && s.result.rounds == whole.rounds)
        #expect(s.result.task == whole.task && s.result.taskReason == whole.taskReason && s.result.run == whole.run)
    }

    @Test func aSplitDebateIsReportedWithItsLine() throws {
        var lines = Self.contiguousLines().filter { !$0.contains("\"regime\":\"x\"") && !$0.allSatisfy { $0 == " " } }
        let moved = lines.remove(at: 0)   // group a, q0, agent 0, round 1: now after q0's other records
        lines.insert(moved, at: 12)
        let url = try write(lines)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        #expect { _ = try JSONLDebateStream.read(url, task: nil, strict: false) { _ in } } throws: { error in
            guard let e = error as? JSONLDebateStream.NotGrouped else { return false }
            return e.line == 13 && "\(e)".contains("line 13 continues a debate that ended earlier")
        }
        // Read whole, the same file is fine.
        #expect(try LogReader.read(url).records.count == lines.count - 1 - 5)
    }

    @Test func strictMakesAnUnevenDebateAnError() throws {
        let url = try write(Self.contiguousLines().filter { !$0.contains("\"regime\":\"x\"") })
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        #expect { _ = try JSONLDebateStream.read(url, task: nil, strict: true) { _ in } } throws: { error in
            "\(error)".contains("duplicate record")
        }
        let noDup = try write(Self.contiguousLines().enumerated().filter { i, l in !l.contains("\"regime\":\"x\"") && !(i > 0 && l == Self.contiguousLines()[i - 1]) }.map(\.element))
        defer { try? FileManager.default.removeItem(at: noDup.deletingLastPathComponent()) }
        #expect { _ = try JSONLDebateStream.read(noDup, task: nil, strict: true) { _ in } } throws: { error in
            "\(error)".contains("uneven rounds in question q2 (run b")
        }
    }

    /// The contiguous log's lines dealt out so that each debate's records alternate with its
    /// neighbour's (first lines kept in order): every debate split.
    static func dealtLines() -> (contiguous: [String], dealt: [String]) {
        let lines = Self.contiguousLines()
        // The debates' blocks of lines (invalid and blank lines stay with the block before).
        var blocks: [[String]] = []
        var last = ""
        for l in lines {
            let key = l.components(separatedBy: "\"agent\"").first ?? l
            if blocks.isEmpty || (key != last && l.contains("\"question\"")) { blocks.append([]); last = key }
            blocks[blocks.count - 1].append(l)
        }
        var dealt: [String] = []
        for p in stride(from: 0, to: blocks.count, by: 2) {
            let x = blocks[p], y = p + 1 < blocks.count ? blocks[p + 1] : []
            for k in 0..<max(x.count, y.count) { if k < x.count { dealt.append(x[k]) }; if k < y.count { dealt.append(y[k]) } }
        }
        return (lines, dealt)
    }

    /// `readIndexed` on a log whose every debate is split (the contiguous log's lines dealt
    /// out so that each debate's records alternate with its neighbour's, first lines kept in
    /// order) hands over the same debates, in the same order, with the same records, skips and
    /// counts as `read` on the contiguous log; `inFileOrder` gets the kept records in file
    /// order, as `LogReader.read` returns them.
    @Test(arguments: [nil, AnswerTask.numeric])
    func indexedReadOfSplitDebatesEqualsTheContiguousRead(task: AnswerTask?) throws {
        let (lines, dealt) = Self.dealtLines()
        let contiguous = try write(lines), split = try write(dealt)
        defer { for u in [contiguous, split] { try? FileManager.default.removeItem(at: u.deletingLastPathComponent()) } }
        #expect(throws: JSONLDebateStream.NotGrouped.self) { _ = try JSONLDebateStream.read(split, task: task, strict: false) { _ in } }

        var expected: [[ResponseRecord]] = []
        let a = try JSONLDebateStream.read(contiguous, task: task, strict: false) { expected.append($0) }
        var got: [[ResponseRecord]] = []
        var inOrder: [ResponseRecord] = []
        let b = try JSONLDebateStream.readIndexed(split, task: task, strict: false, { got.append($0) }, inFileOrder: { inOrder.append($0) })
        #expect(got == expected && got.count == 7)
        #expect(b.responses == a.responses && b.result.skipped == a.result.skipped && b.result.questions == a.result.questions)
        #expect(b.result.agents == a.result.agents && b.result.rounds == a.result.rounds && b.result.run == a.result.run)
        #expect(b.result.skipReasons.count == a.result.skipReasons.count)
        #expect(inOrder == (try LogReader.read(split, task: task)).records)
        // Strict: the first problem is still an error.
        #expect(throws: IngestError.self) { _ = try JSONLDebateStream.readIndexed(split, task: task, strict: true, { _ in }) }
    }

    /// Debates whose 64-bit hashes collide in `readIndexed`'s first pass are still kept apart:
    /// with a hash that makes every debate collide, one that merges the same question of the
    /// two runs, and one that merges only q0's (so a debate put off must be handed on before a
    /// later debate of its own), the split log gives exactly what the real hash gives (debates,
    /// their order, records, skip reasons, the records in file order, the strict error), which
    /// is what `read` gives on the contiguous log.
    @Test(arguments: [nil, AnswerTask.numeric])
    func indexedReadKeepsDebatesWithCollidingHashesApart(task: AnswerTask?) throws {
        let (lines, dealt) = Self.dealtLines()
        let contiguous = try write(lines), split = try write(dealt)
        defer { for u in [contiguous, split] { try? FileManager.default.removeItem(at: u.deletingLastPathComponent()) } }
        var expected: [[ResponseRecord]] = []
        _ = try JSONLDebateStream.read(contiguous, task: task, strict: false) { expected.append($0) }
        func indexed(_ hash: (ResponseRecord) -> UInt64) throws -> (debates: [[ResponseRecord]], inOrder: [ResponseRecord], summary: JSONLDebateStream.Summary) {
            var debates: [[ResponseRecord]] = [], inOrder: [ResponseRecord] = []
            let s = try JSONLDebateStream.readIndexed(split, task: task, strict: false, maxLineBytes: RecordsJSONLReader.defaultMaxLineBytes,
                                                      hash: hash, { debates.append($0) }, inFileOrder: { inOrder.append($0) })
            return (debates, inOrder, s)
        }
        func strictError(_ hash: (ResponseRecord) -> UInt64) -> String {
            do {
                _ = try JSONLDebateStream.readIndexed(split, task: task, strict: true, maxLineBytes: RecordsJSONLReader.defaultMaxLineBytes,
                                                      hash: hash, { _ in }, inFileOrder: nil)
                return "no error"
            } catch { return "\(error)" }
        }
        let real = try indexed(JSONLDebateStream.debateHash)
        #expect(real.debates == expected && real.debates.count == 7)
        let collide: [(String, (ResponseRecord) -> UInt64)] = [
            ("all", { _ in 0 }),
            ("question", { UInt64($0.question.dropFirst())! }),
            ("q0 only", { $0.question == "q0" ? 42 : JSONLDebateStream.debateHash($0) }),
        ]
        for (name, hash) in collide {
            let got = try indexed(hash)
            #expect(got.debates == real.debates, "hash \(name)")
            #expect(got.inOrder == real.inOrder, "hash \(name)")
            #expect(got.summary.responses == real.summary.responses && got.summary.result.skipped == real.summary.result.skipped, "hash \(name)")
            #expect(got.summary.result.skipReasons == real.summary.result.skipReasons && got.summary.result.questions == 7, "hash \(name)")
            #expect(strictError(hash) == strictError(JSONLDebateStream.debateHash) && strictError(hash) != "no error", "hash \(name)")
        }
    }
}
