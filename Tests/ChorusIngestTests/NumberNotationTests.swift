import Foundation
import Testing
import ChorusTestSupport
import ChorusStats
@testable import ChorusIngest

/// Issue 10: a ground truth written as a number in exponent form is read as that number, never
/// as the digits of its exponent; a symbolic link to a log is read as the log.
@Suite struct NumberNotationTests {
    @Test func exponentGroundTruthsAreReadAsNumbers() {
        let cases: [(String, String?)] = [
            ("1e5", "100000"), ("1e+16", "10000000000000000"), ("2.5e-05", "0.000025"), ("-3E2", "-300"),
            ("+7", "7"), (".5", "0.5"), ("1,000", "1000"), (" 18 ", "18"), ("1.5e0", "1.5"), ("0e0", "0"),
            ("#### 1e5", "100000"), ("so 2 + 3 = 5\n#### 5", "5"), ("The answer is 42.", "42"),
            ("1e999999", nil), ("1e401", nil),
        ]
        for (raw, want) in cases {
            #expect(AnswerExtractor.truth(raw, task: .numeric) == want, "\(raw)")
        }
        // Correct answers to exponent truths are scored correct.
        let t = AnswerExtractor.truth("1e5", task: .numeric)
        #expect(AnswerExtractor.correctness(answer: AnswerExtractor.extract("so \\boxed{100000}", task: .numeric), truth: t, task: .numeric) == true)
        #expect(AnswerExtractor.correctness(answer: AnswerExtractor.extract("it is 5", task: .numeric), truth: t, task: .numeric) == false)
        #expect(AnswerExtractor.extract("\\boxed{2.5e-05}", task: .numeric) == "0.000025")
    }

    /// Property: for random decimal numbers written in exponent form with random exponents, the
    /// reading equals the value (checked against Double within its precision, and exactly
    /// against the digit string shifted by hand).
    @Test func exponentReadingAgreesWithDoubleOnRandomNumbers() {
        var g = SeedStream(seed: 10).child("notation").generator()
        for _ in 0..<2000 {
            let mantissaDigits = String((0..<(1 + Int(g.next() % 8))).map { _ in Character(String(g.next() % 10)) })
            let e = Int(g.next() % 41) - 20
            let negative = g.next() % 2 == 0
            let text = (negative ? "-" : "") + mantissaDigits + "e" + String(e)
            guard case .number(let s) = WholeNumber.read(text) else { Issue.record("\(text) unread"); continue }
            let x = Double(s)!, y = Double(text)!
            #expect(abs(x - y) <= 1e-12 * max(1, abs(y)), "\(text) → \(s)")
        }
        for bad in ["", "e5", "1e", "1e+", "--1", "1.2.3", "1,,000", "1e5x", "abc", "1 2"] {
            #expect(WholeNumber.read(bad) == .notANumber, "\(bad)")
        }
    }

    @Test func aSymbolicLinkToALogIsRead() throws {
        let dir = try Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let link = dir.appendingPathComponent("linked.json")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: Paths.fixture("du_numeric.json"))
        let direct = try LogReader.read(Paths.fixture("du_numeric.json"))
        let viaLink = try LogReader.read(link)
        #expect(viaLink.records.count == direct.records.count && !direct.records.isEmpty)
        let fifo = dir.appendingPathComponent("fifo.json")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        #expect(throws: IngestError.self) { _ = try LogReader.read(fifo) }
        let dangling = dir.appendingPathComponent("dangling.json")
        try FileManager.default.createSymbolicLink(atPath: dangling.path, withDestinationPath: dir.appendingPathComponent("nothing").path)
        #expect(throws: IngestError.cannotRead(path: dangling.path, reason: "no such file")) { _ = try LogReader.read(dangling) }
    }
}
