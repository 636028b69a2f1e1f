import Testing
import Foundation
import ChorusRecords
import ChorusTestSupport
@testable import ChorusIngest

/// Expected numbers for one shared real log, computed independently of the Swift code by
/// `Independent/expected_realdata.py` (Python `json` + `re`, run once; output pasted here).
struct RealLogExpectation: Sendable, CustomTestStringConvertible {
    var file: String
    var task: AnswerTask
    var questions: Int
    var agents: Int
    var rounds: Int
    /// Per round: correct responses, no-answer responses, questions whose majority is right,
    /// unanimous questions.
    var correct: [Int]
    var noAnswer: [Int]
    var majority: [Int]
    var unanimous: [Int]
    /// FNV-1a 64 of every record's "question\tagent\tround\tanswer\tcorrect\n" in question,
    /// round, agent order ("-" for no answer, 1/0 for correct).
    var digest: UInt64

    var testDescription: String { file }

    static let all: [RealLogExpectation] = [
        .init(file: "agora_gsm_3models_rounds3.json", task: .numeric, questions: 100, agents: 3, rounds: 3,
              correct: [27, 29, 30], noAnswer: [86, 7, 3], majority: [13, 9, 13], unanimous: [0, 1, 1], digest: 0x211e545283fc33bf),
        .init(file: "du_gsm_gpt35_agents3_rounds2.json", task: .numeric, questions: 100, agents: 3, rounds: 2,
              correct: [224, 238], noAnswer: [0, 1], majority: [83, 80], unanimous: [61, 93], digest: 0x6265ad88873b9d16),
        .init(file: "du_gsm_qwen3-0.6b_agents3_rounds3.json", task: .numeric, questions: 20, agents: 3, rounds: 3,
              correct: [48, 50, 51], noAnswer: [0, 0, 0], majority: [17, 16, 17], unanimous: [15, 17, 20], digest: 0x4d5c714e14f4fdbb),
        .init(file: "du_mmlu_qwen3-14b_agents3_rounds3.json", task: .choice, questions: 20, agents: 3, rounds: 3,
              correct: [52, 56, 55], noAnswer: [5, 1, 1], majority: [18, 19, 19], unanimous: [16, 17, 18], digest: 0xcd010cc1350e6134),
        .init(file: "mft_math_agents2_rounds2.json", task: .math, questions: 5, agents: 2, rounds: 2,
              correct: [4, 1], noAnswer: [6, 9], majority: [2, 1], unanimous: [2, 0], digest: 0x2065b17e87421ee7),
    ]

    var url: URL { RealData.url(file) }
}

/// The majority rule (issue 9's one tie rule), written again here for the cross-check: most
/// frequent answer among agents that answered; ties → the largest tied answer (Unicode scalar
/// order, as Python compares strings).
func testMajority(_ answers: [String?]) -> String? {
    var counts: [String: Int] = [:]
    for case let a? in answers { counts[a, default: 0] += 1 }
    guard let top = counts.values.max() else { return nil }
    return counts.filter { $0.value == top }.keys.max { Array($0.unicodeScalars.map(\.value)).lexicographicallyPrecedes($1.unicodeScalars.map(\.value)) }
}

/// Skipped, with the reason, where the real logs are absent (`RealData`); a log missing from a
/// folder that holds the others fails.
@Suite(.tags(.realData), .requiresRealData())
struct RealDataTests {
    @Test(arguments: RealLogExpectation.all)
    func realLog(_ x: RealLogExpectation) throws {
        let r = try LogReader.read(x.url)
        #expect(r.skipped == 0, "\(r.skipReasons)")
        #expect(r.task == x.task)
        #expect(r.questions == x.questions && r.agents == x.agents && r.rounds == x.rounds)
        #expect(r.records.count == x.questions * x.agents * x.rounds)
        #expect(r.run == x.file)

        let sorted = r.records.sorted { ($0.question, $0.round, $0.agent) < ($1.question, $1.round, $1.agent) }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for rec in sorted {
            h = fnv1a("\(rec.question)\t\(rec.agent)\t\(rec.round)\t\(rec.answer ?? "-")\t\(rec.correct == true ? 1 : 0)\n".utf8, h)
        }
        #expect(h == x.digest, "record-level digest differs from the independent Python extraction")

        for k in 1...x.rounds {
            let round = sorted.filter { $0.round == k }
            #expect(round.filter { $0.correct == true }.count == x.correct[k - 1], "round \(k) correct")
            #expect(round.filter { $0.answer == nil }.count == x.noAnswer[k - 1], "round \(k) no answer")
            let byQuestion = Dictionary(grouping: round, by: \.question)
            var maj = 0, unan = 0
            for (_, recs) in byQuestion {
                let answers = recs.sorted { $0.agent < $1.agent }.map(\.answer)
                let truth = recs[0].truth!
                if let m = testMajority(answers), AnswerExtractor.equal(m, truth, task: x.task) { maj += 1 }
                if answers.allSatisfy({ $0 != nil }) && Set(answers).count == 1 { unan += 1 }
            }
            #expect(maj == x.majority[k - 1], "round \(k) majority")
            #expect(unan == x.unanimous[k - 1], "round \(k) unanimity")
        }
    }

    @Test func realLogsDirectoryListing() throws {
        // Every JSON log there is covered by an expectation above.
        let files = try FileManager.default.contentsOfDirectory(atPath: RealData.directory.path).filter { $0.hasSuffix(".json") || $0.hasSuffix(".jsonl") }
        #expect(Set(files) == Set(RealLogExpectation.all.map(\.file)))
    }
}
