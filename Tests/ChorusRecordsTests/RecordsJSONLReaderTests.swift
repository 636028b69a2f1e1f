import Foundation
import Testing
import ChorusTestSupport
@testable import ChorusRecords

/// The canonical JSON Lines reader beside its writer (`RecordsJSONLReader`, `RecordsJSONL`):
/// round trips, lines across read-buffer boundaries, and its typed errors.
@Suite struct RecordsJSONLReaderTests {
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

    /// Each bad line throws one `RecordsReadError` naming the file, the line and the column.
    @Test func badLinesNameFileLineAndColumn() throws {
        let dir = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let ok = RecordsJSONL.encodeLine(ResponseRecord(run: "r", regime: "log", question: "q", agent: 0, role: .generator, round: 1,
                                                        answer: "1", correct: true))
        func url(_ name: String) -> URL { dir.appendingPathComponent(name + ".jsonl") }
        func error(_ name: String, _ bytes: [UInt8], maxLineBytes: Int = RecordsJSONLReader.defaultMaxLineBytes) throws -> RecordsReadError? {
            try Data(bytes).write(to: url(name))
            do { _ = try RecordsJSONLReader.readAll(url(name), maxLineBytes: maxLineBytes) } catch let e as RecordsReadError { return e }
            return nil
        }
        let head = Array((ok + "\n").utf8)
        #expect(try error("syntax", head + Array("{\"run\" 1}\n".utf8))?.description
                == "\(url("syntax").path):2:8 (byte \(head.count + 7)): malformed JSON: expected ':' after a key, found '1'")
        let notUTF8 = try #require(try error("utf8", head + [0x7B, 0x22, 0xC3, 0x28, 0x22, 0x7D, 0x0A]))
        guard case .notUTF8(_, let pos, let detail) = notUTF8 else { Issue.record("\(notUTF8)"); return }
        #expect(pos == SourcePosition(line: 2, column: 3, byteOffset: head.count + 2))
        #expect(detail == "invalid sequence starting 0xC3 0x28")
        #expect(try error("long", head + head, maxLineBytes: 20) == .lineTooLong(path: url("long").path, line: 1, limit: 20))
        let missing = dir.appendingPathComponent("none.jsonl")
        #expect(throws: RecordsReadError.cannotRead(path: missing.path, reason: "No such file or directory")) {
            try RecordsJSONLReader.readAll(missing)
        }
        // Well-formed lines that are not records are returned, not thrown.
        try Data(head + Array("[1]\n{\"run\":\"r\"}\n".utf8)).write(to: url("invalid"))
        let all = try RecordsJSONLReader.readAll(url("invalid"))
        #expect(all.records.count == 1)
        #expect(all.invalid.map(\.line) == [2, 3])
        #expect(all.invalid.map(\.reason) == ["the line is not a JSON object",
                                              "missing keys 'regime', 'iteration', 'question', 'agent', 'role', 'round'"])
    }
}
