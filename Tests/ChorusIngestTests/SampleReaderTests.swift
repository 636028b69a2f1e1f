import Foundation
import Testing
import ChorusTestSupport
@testable import ChorusIngest

/// The sample-file reader (`--map`) on fixtures the tests write: long and wide layouts, JSON
/// Lines and CSV, lists of samples, and the errors that name file, line, key and column.
@Suite("sample files (--map)")
struct SampleReaderTests {
    static func write(_ text: String, _ name: String) throws -> (URL, URL) {
        let dir = try Paths.temporaryDirectory()
        let u = dir.appendingPathComponent(name)
        try text.write(to: u, atomically: true, encoding: .utf8)
        return (dir, u)
    }

    static func message(_ body: () throws -> Void) -> String {
        do { try body(); return "" } catch { return "\(error)" }
    }

    static let longJSONL = """
    {"problem": "What is 2+2?", "solution": "2+2 = 4", "answer": "#### 4", "model": "gpt", "iter": 0, "k": 0}
    {"problem": "What is 2+2?", "solution": "It is 5.", "answer": "#### 4", "model": "gpt", "iter": 0, "k": 1}

    {"problem": "What is 2+2?", "solution": "\\\\boxed{4}", "answer": "#### 4", "model": "llama", "iter": 0, "k": 0}
    {"problem": "What is 3*3?", "solution": "no idea", "answer": "#### 9", "model": "llama", "iter": 1, "k": 0}
    """

    @Test("long JSON Lines: one sample a row, answers extracted and scored, models and iterations named")
    func longJSONL() throws {
        let (dir, u) = try Self.write(Self.longJSONL, "s.jsonl")
        defer { try? FileManager.default.removeItem(at: dir) }
        let map = try SampleMap.parse("question=problem,response=solution,truth=answer,agent=model,iteration=iter,sample=k")
        let f = try SampleReader.read(u.path, map: map)
        #expect(f.syntax == .jsonl && f.layout == .long && f.task == .numeric && f.rows == 4)
        #expect(f.models == ["gpt", "llama"])
        #expect(f.samples.map(\.answer) == ["4", "5", "4", nil])
        #expect(f.samples.map(\.correct) == [true, false, true, false])
        #expect(f.samples.map(\.iteration) == [0, 0, 0, 1])
        #expect(f.samples.map(\.location) == ["line 1", "line 2", "line 4", "line 5"])
        #expect(f.samples.map(\.sampleID) == ["0", "1", "0", "0"])
        // Without an agent column every row is the one default model.
        let g = try SampleReader.read(u.path, map: SampleMap.parse("question=problem,response=solution,truth=answer"))
        #expect(g.models == [SampleReader.defaultModel] && g.samples.count == 4)
    }

    @Test("wide JSON Lines: response=*.solution takes every model's field, named by its key; per-row scalars are not models")
    func wideJSONL() throws {
        let text = """
        {"problem": "Q1", "answer": "4", "id": 7, "gpt": {"solution": "It is 4", "score": 1}, "llama": {"solution": "5"}}
        {"problem": "Q2", "answer": "(B)", "id": 8, "gpt": {"solution": "(B)"}, "llama": {"solution": "(C)"}}
        """
        let (dir, u) = try Self.write(text, "w.jsonl")
        defer { try? FileManager.default.removeItem(at: dir) }
        let f = try SampleReader.read(u.path, map: SampleMap.parse("question=problem,truth=answer,response=*.solution"), task: .numeric)
        #expect(f.layout == .wide && f.models == ["gpt", "llama"] && f.samples.count == 4)
        #expect(f.samples.map(\.model) == ["gpt", "llama", "gpt", "llama"])
        // A nested prefix, and lists of samples per model.
        let lists = """
        {"q": "Q1", "truth": 4, "out": {"gpt": {"samples": ["4", "5", "4"]}, "llama": {"samples": ["1", "2", "4"]}}}
        """
        let (d2, u2) = try Self.write(lists, "l.jsonl")
        defer { try? FileManager.default.removeItem(at: d2) }
        let l = try SampleReader.read(u2.path, map: SampleMap.parse("question=q,truth=truth,response=out.*.samples"))
        #expect(l.models == ["gpt", "llama"] && l.samples.count == 6)
        #expect(l.samples.map(\.correct) == [true, false, true, false, false, true])
        #expect(l.samples.map(\.sampleID) == ["0", "1", "2", "0", "1", "2"])
        #expect(l.samples[1].location == "line 1, gpt[1]")
        // Keys with dots are found whole; `answer` is read like a truth; `correct` overrides.
        let dotted = """
        {"q": "Q1", "gold": "C", "m.a": {"pred": "c", "ok": "yes"}, "m.b": {"pred": "(D)", "ok": 1}}
        """
        let (d3, u3) = try Self.write(dotted, "d.jsonl")
        defer { try? FileManager.default.removeItem(at: d3) }
        let d = try SampleReader.read(u3.path, map: SampleMap.parse("question=q,truth=gold,answer=*.pred,correct=*.ok"))
        #expect(d.task == .choice && d.models == ["m.a", "m.b"])
        #expect(d.samples.map(\.answer) == ["C", "D"] && d.samples.map(\.correct) == [true, true])
    }

    @Test("CSV: long and wide layouts, quoted fields over several lines keep the line numbers right")
    func csv() throws {
        let wide = "problem,answer,gpt.solution,llama.solution\n\"What is\n2+2?\",4,\"It is 4\",5\nWhat is 3*3?,9,9,\n"
        let (dir, u) = try Self.write(wide, "w.csv")
        defer { try? FileManager.default.removeItem(at: dir) }
        let f = try SampleReader.read(u.path, map: SampleMap.parse("question=problem,truth=answer,response=*.solution"))
        #expect(f.syntax == .csv && f.layout == .wide && f.models == ["gpt", "llama"])
        #expect(f.samples.map(\.question) == ["What is\n2+2?", "What is\n2+2?", "What is 3*3?", "What is 3*3?"])
        #expect(f.samples.map(\.location) == ["line 2", "line 2", "line 4", "line 4"])
        // An empty cell is an empty response: no answer, wrong.
        #expect(f.samples.map(\.answer) == ["4", "5", "9", nil] && f.samples.map(\.correct) == [true, false, true, false])
        let long = "q\tmodel\tresp\ttruth\nA\tx\t\"multi\nline 1\"\t1\nA\ty\t2\t1\n"
        let (d2, u2) = try Self.write(long, "l.tsv")
        defer { try? FileManager.default.removeItem(at: d2) }
        let l = try SampleReader.read(u2.path, map: SampleMap.parse("question=q,response=resp,truth=truth,agent=model"))
        #expect(l.syntax == .tsv && l.models == ["x", "y"] && l.samples.map(\.correct) == [true, false])
        #expect(l.samples.map(\.location) == ["line 2", "line 4"])
        // A row with too few fields, after a two-line record, is named by its line.
        let bad = "q,resp\n\"a\nb\",1\nc\n"
        let (d3, u3) = try Self.write(bad, "b.csv")
        defer { try? FileManager.default.removeItem(at: d3) }
        let m = Self.message { _ = try SampleReader.read(u3.path, map: SampleMap.parse("question=q,response=resp")) }
        #expect(m.contains("b.csv: line 4: 1 fields, but the header has 2"), "\(m)")
    }

    @Test("map errors: unknown key, no '=', repeated key, missing question, misplaced wildcard, agent with a wildcard")
    func mapErrors() {
        func m(_ s: String) -> String { Self.message { _ = try SampleMap.parse(s) } }
        #expect(m("question=q,respnse=r").contains("unknown key 'respnse'; allowed: question, response"))
        #expect(m("question=q,response").contains("entry 'response' has no '='"))
        #expect(m("question=q,question=p,response=r").contains("key 'question' is given twice"))
        #expect(m("response=r").contains("the key 'question' is required"))
        #expect(m("question=q").contains("map a sample"))
        #expect(m("question=*.q,response=r").contains("only response, answer and correct take the wildcard"))
        #expect(m("question=q,response=*.r,agent=a").contains("the model is named by the key"))
        #expect(m("question=q,response=a*.r").contains("one whole path segment"))
        #expect(m("question=q,response=x.*.r,answer=*.a").contains("same part before '*'"))
        #expect(m("question=q,response=*.r,answer=a").contains("every per-model field takes '*'"))
        #expect(m("question=q,response=r..s").contains("empty path segment"))
    }

    @Test("row errors name the file, line, key and column")
    func rowErrors() throws {
        let (dir, u) = try Self.write(Self.longJSONL, "s.jsonl")
        defer { try? FileManager.default.removeItem(at: dir) }
        var m = Self.message { _ = try SampleReader.read(u.path, map: SampleMap.parse("question=problem,response=soln")) }
        #expect(m.contains("s.jsonl: line 1: response=soln: no field 'soln' (keys there: problem, solution"), "\(m)")
        m = Self.message { _ = try SampleReader.read(u.path, map: SampleMap.parse("question=problem,response=solution,agent=model,sample=iter")) }
        #expect(m.contains("s.jsonl: line 2: sample=iter: sample '0' of model 'gpt'") && m.contains("already on line 1"), "\(m)")
        let badIt = "{\"q\": \"a\", \"r\": \"1\", \"it\": \"two\"}\n"
        let (d2, u2) = try Self.write(badIt, "i.jsonl")
        defer { try? FileManager.default.removeItem(at: d2) }
        m = Self.message { _ = try SampleReader.read(u2.path, map: SampleMap.parse("question=q,response=r,iteration=it")) }
        #expect(m.contains("i.jsonl: line 1: iteration=it: 'two' is not a whole number"), "\(m)")
        let csv = "problem,gpt.solution,llama.answer\nq,1,2\n"
        let (d3, u3) = try Self.write(csv, "c.csv")
        defer { try? FileManager.default.removeItem(at: d3) }
        m = Self.message { _ = try SampleReader.read(u3.path, map: SampleMap.parse("question=problem,truth=gold,response=*.solution")) }
        #expect(m.contains("c.csv: line 1 (header): truth=gold: no column 'gold' (columns: problem, gpt.solution, llama.answer)"), "\(m)")
        m = Self.message { _ = try SampleReader.read(u3.path, map: SampleMap.parse("question=problem,response=*.solution,answer=*.answer")) }
        #expect(m.contains("model 'gpt' has no column 'gpt.answer'"), "\(m)")
        let lists = "{\"q\": \"a\", \"m\": {\"r\": [\"1\", \"2\"], \"a\": \"1\"}}\n"
        let (d4, u4) = try Self.write(lists, "x.jsonl")
        defer { try? FileManager.default.removeItem(at: d4) }
        m = Self.message { _ = try SampleReader.read(u4.path, map: SampleMap.parse("question=q,response=*.r,answer=*.a")) }
        #expect(m.contains("x.jsonl: line 1: model 'm': per-model fields must all be lists of one length"), "\(m)")
        m = Self.message { _ = try SampleReader.read(dir.appendingPathComponent("gone.csv").path, map: SampleMap.parse("question=q,response=r")) }
        #expect(m.contains("gone.csv: cannot read: no such file"), "\(m)")
    }

    @Test("a question whose ground truth differs between rows is a listed warning; the first truth is used")
    func truthConflict() throws {
        let text = "{\"q\": \"a\", \"r\": \"1\", \"t\": \"1\"}\n{\"q\": \"a\", \"r\": \"2\", \"t\": \"2\"}\n"
        let (dir, u) = try Self.write(text, "t.jsonl")
        defer { try? FileManager.default.removeItem(at: dir) }
        let f = try SampleReader.read(u.path, map: SampleMap.parse("question=q,response=r,truth=t"))
        #expect(f.warnings.count == 1 && f.warnings[0].contains("t.jsonl: line 2: the ground truth differs from the one on line 1"))
        #expect(f.samples.map(\.correct) == [true, false])
    }
}
