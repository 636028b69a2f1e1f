import Foundation
import Testing
import ChorusTestSupport
import PropertyBased
import ChorusRecords
@testable import ChorusIngest

/// Property-based tests of the parsers and the answer extractor (issue 10), with
/// x-sheep/swift-property-based: each property is checked on `count` random inputs (shrunk to a
/// smallest failing case on failure). The inputs differ between runs; a failure prints the
/// `.fixedSeed(…)` that reproduces it.
@Suite("Properties of the parsers and the answer extractor")
struct PropertyTests {
    /// A finite Double over the whole exponent range: mantissa × 10^e.
    static let anyDouble = zip(Gen.double(in: -10...10), Gen.int(in: -300...300)).map { m, e in m * pow(10, Double(e)) }

    /// Formattings of x that read back as x (shortest, %.17g, exponent forms, upper case, a plus
    /// sign, a GSM8K `####` line).
    static func formattings(_ x: Double) -> [String] {
        ["\(x)", String(format: "%.17g", x), String(format: "%.16e", x), String(format: "%.17G", x),
         x >= 0 ? "+" + String(format: "%.16e", x) : String(format: "%.16E", x), "so the result is:\n#### \(x)"]
    }

    /// The canonical form keeps 15 significant digits, rounded half up (`TextScan.canonicalDecimal`),
    /// so the truth read back is x to 15 digits: within half a unit of the 15th digit, at most
    /// 5·10⁻¹⁵·|x|, plus Double's own rounding (and one subnormal step).
    @Test("the numeric ground truth of every formatting of a Double is that Double, to 15 significant digits")
    func truthRoundTripsEveryFormatting() async {
        await propertyCheck(count: 300, input: Self.anyDouble) { x in
            for s in Self.formattings(x) {
                let t = AnswerExtractor.truth(s, task: .numeric)
                guard let y = t.flatMap(Double.init) else { Issue.record("\(s) → \(t ?? "nil")"); continue }
                #expect(abs(y - x) <= max(5.0e-15 * abs(x) + 2 * abs(x).ulp, 1e-323), "\(s) → \(t!)")
            }
        }
    }

    @Test("scoring does not depend on notation: any formatting of the answer is right against any of the truth")
    func scoringIsNotationFree() async {
        await propertyCheck(count: 200, input: Self.anyDouble, Gen.int(in: 0...5), Gen.int(in: 0...4)) { x, i, j in
            let truth = AnswerExtractor.truth(Self.formattings(x)[i], task: .numeric)
            let answer = AnswerExtractor.extract("Let me think. The final answer is \\boxed{\(Self.formattings(x)[j])}.", task: .numeric)
            #expect(AnswerExtractor.correctness(answer: answer, truth: truth, task: .numeric) == true, "\(x): \(answer ?? "nil") vs \(truth ?? "nil")")
        }
    }

    /// Any Unicode scalar (surrogates, which are not scalars, become U+FFFD), so strings hold
    /// quotes, backslashes, control characters and astral characters.
    static let string = Gen.uint32(in: 0...0x10FFFF).map { Character(Unicode.Scalar($0) ?? "\u{FFFD}") }
        .array(of: 0...12).map { String($0) }
    static let finite = zip(Gen.double(in: -1...1), Gen.int(in: -300...300)).map { m, e in m * pow(10, Double(e)) }

    @Test("a record written as a JSON Lines line reads back as the same record")
    func recordLinesRoundTrip() async {
        let head = zip(Self.string, Self.string, Gen.uint64().optional(), Gen.int(in: 0...1000), Self.string,
                       Gen.int(in: 0...64), Gen.bool, Gen.int(in: 1...50))
        let tail = zip(Self.string.optional(), Gen.bool.optional(), Gen.int(in: 0...100).optional(), Self.finite.optional(),
                       Self.string.optional(), Self.finite.array(of: 0...4).optional())
        let record = zip(head, tail).map { h, t in
            ResponseRecord(run: h.0, regime: h.1, seed: h.2, iteration: h.3, question: h.4, agent: h.5,
                           role: h.6 ? .critic : .generator, round: h.7, answer: t.0, correct: t.1, truth: t.0,
                           chain: t.2, style: t.2.map { $0 / 2 }, logProbability: t.3, evidence: t.3.map { -$0 },
                           text: t.4, embedding: t.5)
        }
        await propertyCheck(count: 300, input: record) { r in
            let line = Array(RecordsJSONL.encodeLine(r).utf8)
            let back = try line.withUnsafeBufferPointer { try RecordLineDecoder.decode($0) }
            guard case .record(let read) = back else { Issue.record("not a record: \(back)"); return }
            #expect(read == r)
        }
    }

    /// Every prefix of a valid log: read whole it gives records or one typed error naming the
    /// file; streamed (JSON Lines) it gives exactly the same records or also an error.
    @Test("any truncation of a valid log gives success or one clear error, streamed or read whole",
          arguments: ["records_small.jsonl", "du_numeric.json", "agora_small.json", "mft_math.json"])
    func truncations(name: String) async throws {
        let full = try Data(contentsOf: Paths.fixture(name))
        let dir = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        await propertyCheck(count: 60, input: Gen.int(in: 0...full.count)) { n in
            let url = dir.appendingPathComponent("cut-\(n)-" + name)
            try full.prefix(n).write(to: url)
            defer { try? FileManager.default.removeItem(at: url) }
            let whole: Result<IngestResult, any Error> = Result { try LogReader.read(url) }
            if case .failure(let e) = whole {
                #expect(e is IngestError, "\(n) bytes: \(type(of: e)) \(e)")
                #expect("\(e)".contains(url.path) && !"\(e)".contains("\n"), "\(n) bytes: \(e)")
            }
            guard name.hasSuffix(".jsonl"), (try? LogReader.inspect(url).format) == .jsonl else { return }
            var streamed: [ResponseRecord] = []
            let s = Result { try JSONLDebateStream.read(url, task: nil, strict: false) { streamed += $0 } }
            switch (whole, s) {
            case (.success(let w), .success(let st)):
                #expect(streamed == w.records && st.result.skipped == w.skipped && st.result.skipReasons == w.skipReasons)
            case (.failure, .failure(let e)):
                #expect(e is IngestError)
            default:
                Issue.record("\(n) bytes: read whole \(whole), streamed \(s)")
            }
        }
    }
}
