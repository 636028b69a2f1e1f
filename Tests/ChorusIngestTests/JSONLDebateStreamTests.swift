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
}
