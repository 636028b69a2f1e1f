import Testing
import ChorusTestSupport
import Foundation
import ChorusRecords
@testable import ChorusIngest

/// Bad input gives a typed `IngestError` naming the file and place; never a crash or a hang.
@Suite final class BadInputTests {
    let dir: URL
    init() throws { dir = try Paths.temporaryDirectory() }
    deinit { try? FileManager.default.removeItem(at: dir) }

    func write(_ name: String, _ bytes: [UInt8]) throws -> URL {
        let u = dir.appendingPathComponent(name)
        try Data(bytes).write(to: u)
        return u
    }
    func write(_ name: String, _ text: String) throws -> URL { try write(name, Array(text.utf8)) }

    func error(_ url: URL, format: LogFormat? = nil, maxLineBytes: Int = RecordsJSONLReader.defaultMaxLineBytes) -> IngestError? {
        do { _ = try LogReader.read(url, format: format, maxLineBytes: maxLineBytes); return nil }
        catch let e as IngestError { return e }
        catch { Issue.record("not an IngestError: \(error)"); return nil }
    }

    @Test func missingFileAndDirectory() {
        let e = error(dir.appendingPathComponent("nope.json"))
        #expect(e == .cannotRead(path: dir.appendingPathComponent("nope.json").path, reason: "no such file"))
        if case .cannotRead = error(dir) {} else { Issue.record("a directory should be unreadable") }
        // A character device (never-ending /dev/zero) is refused, not read forever.
        if case .cannotRead(_, let why)? = error(URL(fileURLWithPath: "/dev/zero")) { #expect(why.contains("not a regular file")) }
        else { Issue.record("/dev/zero should be refused") }
    }

    @Test func emptyFiles() throws {
        for (name, text) in [("empty.json", ""), ("blank.json", " \n\t\n"), ("blank.jsonl", "\n\n")] {
            let u = try write(name, text)
            #expect(error(u) == .emptyFile(path: u.path), "\(name)")
        }
        let u = try write("blank2.jsonl", "\n  \n")
        #expect(error(u, format: .jsonl) == .emptyFile(path: u.path))
    }

    @Test func malformedJSONNamesLineAndColumn() throws {
        let u = try write("bad.json", "{\n  \"q\": [[[{\"role\": \"user\", \"content\": \"x\"}]], \"5\"],\n  \"r\": [1, 2,]\n}")
        guard case .malformedJSON(let p, let pos, let reason)? = error(u) else { Issue.record("expected malformedJSON"); return }
        #expect(p == u.path)
        #expect(pos.line == 3 && pos.column == 14)
        #expect(reason.contains("expected a value"))
        #expect(error(u)!.description.contains("bad.json:3:14 (byte"))
    }

    @Test func malformedJSONVariants() throws {
        let cases: [(String, Int, Int)] = [
            ("{\"a\": [1, 2}", 1, 12),             // wrong closer
            ("[{\"question\": \"x\"} {}]", 1, 20),  // missing comma
            ("{\"a\": \"unterminated}", 1, 7),
            ("{\"a\": tru}", 1, 7),
            ("{\"a\": 01}", 1, 7),
            ("{\"a\": \"x\\q\"}", 1, 9),            // bad escape
            ("{\"a\": \"tab\there\"}", 1, 11),      // raw control character
            ("[1] [2]", 1, 5),                      // trailing data
            ("{\"a\": NaN}", 1, 7),
        ]
        for (i, (text, line, col)) in cases.enumerated() {
            let u = try write("m\(i).json", text)
            guard case .malformedJSON(_, let pos, _)? = error(u) else { Issue.record("case \(i): expected malformedJSON, got \(String(describing: error(u)))"); continue }
            #expect(pos.line == line && pos.column == col, "case \(i): \(text) → \(pos)")
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() throws {
        let u = try write("deep.json", String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000))
        guard case .malformedJSON(_, _, let reason)? = error(u) else { Issue.record("expected malformedJSON"); return }
        #expect(reason.contains("nesting deeper"))
        let v = try write("deep.jsonl", "{\"run\": " + String(repeating: "[", count: 100_000) + "\n")
        if case .malformedJSON = error(v, format: .jsonl) {} else { Issue.record("expected malformedJSON for JSONL") }
    }

    @Test func malformedJSONLNamesTheLine() throws {
        let good = #"{"run":"a","regime":"log","iteration":0,"question":"q","agent":0,"role":"generator","round":1,"answer":"1","correct":true}"#
        let u = try write("bad.jsonl", good + "\n" + good.replacingOccurrences(of: "\"agent\":0", with: "\"agent\":1") + "\n{\"run\": \"a\", \"regime\"}\n")
        guard case .malformedJSON(_, let pos, let reason)? = error(u) else { Issue.record("expected malformedJSON"); return }
        #expect(pos.line == 3 && pos.column == 22)
        #expect(pos.byteOffset == 2 * good.utf8.count + 2 + 21)
        #expect(reason.contains("':'"))
    }

    @Test func notUTF8() throws {
        var bytes = Array("{\"q\": [[[{\"role\": \"user\", \"content\": \"caf".utf8)
        bytes += [0xE9]   // Latin-1 é
        bytes += Array("\"}]], \"5\"]}".utf8)
        let u = try write("latin1.json", bytes)
        guard case .notUTF8(_, let pos, let detail)? = error(u) else { Issue.record("expected notUTF8, got \(String(describing: error(u)))"); return }
        #expect(pos.byteOffset == 41 && pos.line == 1)
        #expect(detail.contains("0xE9"))

        let v = try write("utf16.json", [0xFF, 0xFE, 0x7B, 0x00, 0x7D, 0x00])
        guard case .notUTF8(_, _, let d16)? = error(v) else { Issue.record("expected notUTF8"); return }
        #expect(d16.contains("UTF-16"))

        let good = #"{"run":"a","regime":"log","iteration":0,"question":"q","agent":0,"role":"generator","round":1,"text":"x"}"#
        let w = try write("bad.jsonl", Array((good + "\n").utf8) + Array(good.utf8.prefix(100)) + [0xC3, 0x28] + Array("\"}\n".utf8))
        guard case .notUTF8(_, let p2, _)? = error(w) else { Issue.record("expected notUTF8 for JSONL"); return }
        #expect(p2.line == 2 && p2.column == 101)

        let overlong = try write("overlong.jsonl", Array("{\"run\":\"".utf8) + [0xC0, 0xAF] + Array("\"}\n".utf8))
        if case .notUTF8 = error(overlong) {} else { Issue.record("overlong encoding must be rejected") }
        let surrogate = try write("surrogate.jsonl", Array("{\"run\":\"".utf8) + [0xED, 0xA0, 0x80] + Array("\"}\n".utf8))
        if case .notUTF8 = error(surrogate, format: .jsonl) {} else { Issue.record("encoded surrogates must be rejected") }
    }

    @Test func hugeLine() throws {
        let long = "{\"run\":\"" + String(repeating: "x", count: 5000) + "\"}\n"
        let u = try write("long.jsonl", "{\"run\":\"a\",\"regime\":\"log\",\"iteration\":0,\"question\":\"q\",\"agent\":0,\"role\":\"generator\",\"round\":1}\n" + long)
        #expect(error(u, maxLineBytes: 1000) == .lineTooLong(path: u.path, line: 2, limit: 1000))
        // Without a newline at all.
        let v = try write("long2.jsonl", String(long.dropLast()))
        #expect(error(v, format: .jsonl, maxLineBytes: 1000) == .lineTooLong(path: v.path, line: 1, limit: 1000))
    }

    @Test func unknownFormats() throws {
        for (name, text) in [("csv.json", "a,b\n1,2\n"), ("num.json", "42"), ("str.json", "\"hello\""), ("yaml.json", "key: value\n")] {
            let u = try write(name, text)
            guard case .unknownFormat(let p, _)? = error(u) else { Issue.record("\(name): expected unknownFormat, got \(String(describing: error(u)))"); continue }
            #expect(p == u.path)
        }
    }

    @Test func validJSONInTheWrongLayout() throws {
        let u = try write("list.json", "[1, 2, 3]")
        guard case .wrongLayout(_, .agora, _)? = error(u) else { Issue.record("expected wrongLayout, got \(String(describing: error(u)))"); return }
        let v = try write("obj.json", "{\"a question\": 5, \"another\": \"x\"}")
        guard case .wrongLayout(_, .du, _)? = error(v) else { Issue.record("expected wrongLayout"); return }
        let w = try write("emptyobj.json", "{}")
        guard case .noUsableRecords? = error(w) else { Issue.record("expected noUsableRecords, got \(String(describing: error(w)))"); return }
    }

    @Test func allRecordsSkippedIsAnError() throws {
        let u = try write("allbad.json", #####"{"q": [[[{"role": "user", "content": "x"}]], "#### 5"]}"#####)
        guard case .noUsableRecords(_, 1, let reasons)? = error(u) else { Issue.record("expected noUsableRecords"); return }
        #expect(reasons.first?.contains("last user message has no assistant reply") == true)
        let v = try write("notruth.json", #####"{"q": [[[{"role": "user", "content": "x"}, {"role": "assistant", "content": "5"}]], "#### five"]}"#####)
        do { _ = try LogReader.read(v, task: .numeric); Issue.record("expected an error") }
        catch let e as IngestError {
            guard case .noUsableRecords(_, _, let rs) = e else { Issue.record("wrong error \(e)"); return }
            #expect(rs.first?.contains("has no numeric answer") == true)
        }
    }

    @Test func hugeRoundNumbersAreSkippedNotAllocated() throws {
        // A record claiming round 2e9 (or Int.max) once tried to build the set 1...R in memory.
        for round in ["2000000000", "\(Int.max)"] {
            let line = #"{"run":"r","regime":"log","iteration":0,"question":"q","agent":0,"role":"generator","round":"# + round + #","answer":"1","correct":null}"#
            let ok = #"{"run":"r","regime":"log","iteration":0,"question":"p","agent":0,"role":"generator","round":1,"answer":"1","correct":null}"#
            let u = try write("huge\(round).jsonl", line + "\n" + ok + "\n")
            let r = try LogReader.read(u)
            #expect(r.records.count == 1 && r.skipped == 1)
            #expect(r.skipReasons.first?.contains("uneven rounds") == true)
        }
    }

    @Test func extremeIntegersDoNotOverflow() throws {
        // agent Int.max once trapped on `max agent + 1`; iteration and seed at their limits.
        let line = #"{"run":"r","regime":"log","seed":18446744073709551615,"iteration":\#(Int.max),"question":"q","agent":\#(Int.max),"role":"generator","round":1,"answer":"1","correct":true}"#
        let u = try write("extreme.jsonl", line + "\n")
        let r = try LogReader.read(u)
        #expect(r.records.count == 1 && r.agents == 1 && r.rounds == 1)
    }

    @Test func overflowingNumbersAreInvalidNotInfinite() throws {
        // 1e999 is valid JSON but reads as +∞: a record carrying it is skipped with its reason.
        let base = #""run":"r","regime":"log","iteration":0,"question":"q","role":"generator","round":1,"answer":"1","correct":true"#
        let lines = ["{\(base),\"agent\":0,\"logprob\":1e999}", "{\(base),\"agent\":1,\"evidence\":-1e999}",
                     "{\(base),\"agent\":2,\"embedding\":[1,1e999]}", "{\(base),\"agent\":3,\"logprob\":-2.5}"]
        let u = try write("overflow.jsonl", lines.joined(separator: "\n") + "\n")
        let r = try LogReader.read(u)
        #expect(r.records.count == 1 && r.records[0].logProbability == -2.5)
        #expect(r.skipped == 3)
        #expect(r.skipReasons.allSatisfy { $0.contains("finite number") })
    }

    @Test func randomGarbageNeverCrashes() throws {
        // Deterministic pseudo-random byte strings and truncations of a valid log: every read
        // either succeeds or throws an IngestError.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 33 }
        let alphabet = Array("{}[]\":,\\ \n0123456789-.eEtrufalsn\u{00e9}ab".utf8) + [0xFF, 0xC3]
        for i in 0..<200 {
            let n = Int(next() % 200)
            let bytes = (0..<n).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] }
            let u = try write("g\(i).json", bytes)
            _ = error(u)
        }
        let valid = try Data(contentsOf: Paths.fixture("du_numeric.json"))
        for cut in stride(from: 0, to: valid.count, by: 37) {
            let u = try write("cut\(cut).json", Array(valid.prefix(cut)))
            _ = error(u)
        }
    }
}
