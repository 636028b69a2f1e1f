import Testing
import ChorusTestSupport
import Foundation
import ChorusRecords
@testable import ChorusIngest

/// Each format read from a small fixture written for these tests; expected values worked out
/// by hand from the fixture and the rules (comments give the reasoning).
@Suite struct DuFormatTests {
    func answers(_ r: IngestResult, round: Int) -> [String: [String?]] {
        var out: [String: [String?]] = [:]
        for rec in r.records where rec.round == round {
            var row = out[rec.question] ?? []
            while row.count <= rec.agent { row.append(nil) }
            row[rec.agent] = rec.answer
            out[rec.question] = row
        }
        return out
    }

    @Test func numericFixture() throws {
        let r = try LogReader.read(Paths.fixture("du_numeric.json"))
        #expect(r.format == .du)
        #expect(r.task == .numeric)
        #expect(r.run == "du_numeric.json")
        #expect(r.questions == 3 && r.agents == 2 && r.rounds == 2)
        #expect(r.records.count == 3 * 2 * 2)
        // q0003 has uneven rounds, q0004 breaks the user/assistant alternation.
        #expect(r.skipped == 2)
        #expect(r.skipReasons.count == 2)
        #expect(r.skipReasons[0].hasPrefix("q0003") && r.skipReasons[0].contains("uneven rounds"))
        #expect(r.skipReasons[1].hasPrefix("q0004") && r.skipReasons[1].contains("alternation"))

        let r1 = answers(r, round: 1), r2 = answers(r, round: 2)
        #expect(r1["q0000"] == ["5", "6"])
        #expect(r2["q0000"] == ["5", "5"])            // last of two boxes; "5.00" → "5"
        #expect(r1["q0001"] == ["101234", "234"])     // commas removed; "{,}" splits the number
        #expect(r2["q0001"] == [nil, "5"])            // "no idea"; last number "5"
        #expect(r1["q0002"] == ["-4.5", "-4.5"])      // system message skipped; text parts joined
        #expect(r2["q0002"] == ["-4.5", "-1.5"])
        let truths = Set(r.records.map { "\($0.question)=\($0.truth ?? "-")" })
        #expect(truths == ["q0000=5", "q0001=101234", "q0002=-4.5"])
        // Round 1: 1 + 1 + 2 of 6 correct; round 2: 2 + 0 + 1.
        #expect(r.records.filter { $0.round == 1 && $0.correct == true }.count == 4)
        #expect(r.records.filter { $0.round == 2 && $0.correct == true }.count == 3)
        #expect(r.records.filter { $0.answer == nil }.allSatisfy { $0.correct == false })
    }

    @Test func recordsFollowTheContract() throws {
        let r = try LogReader.read(Paths.fixture("du_numeric.json"))
        for rec in r.records {
            #expect(rec.regime == "log" && rec.iteration == 0 && rec.seed == nil && rec.run == "du_numeric.json")
            #expect(rec.role == (rec.round == 1 ? .generator : .critic))
            #expect(rec.text != nil)
        }
        let q2a1r1 = r.records.first { $0.question == "q0002" && $0.agent == 1 && $0.round == 1 }
        #expect(q2a1r1?.text == "It is 4.5 below zero: -4.5")
        // Stable ids: the position in the file, whether or not earlier questions were skipped.
        #expect(Set(r.records.map(\.question)) == ["q0000", "q0001", "q0002"])
    }

    @Test func strictMakesSkipsErrors() {
        #expect(throws: IngestError.self) { try LogReader.read(Paths.fixture("du_numeric.json"), strict: true) }
        do {
            _ = try LogReader.read(Paths.fixture("du_numeric.json"), strict: true)
        } catch let e as IngestError {
            guard case .invalidRecord(_, let loc, let why) = e else { Issue.record("wrong error \(e)"); return }
            #expect(loc.hasPrefix("q0003"))
            #expect(why.contains("uneven"))
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func choiceWithOneAgent() throws {
        let r = try LogReader.read(Paths.fixture("du_choice_one_agent.json"))
        #expect(r.task == .choice)
        #expect(r.questions == 2 && r.agents == 1 && r.rounds == 3)
        let a = r.records.sorted { ($0.question, $0.round) < ($1.question, $1.round) }.map(\.answer)
        // q0: (B); (B); "(X) B" has no letter A–J → no answer. q1: (A) (lower-case (a) ignored); (C) ((K) out of range); (A).
        #expect(a == ["B", "B", nil, "A", "C", "A"])
        #expect(Set(r.records.map(\.truth)) == ["B", "A"])   // " (a) " → "A"
        #expect(r.records.map { $0.correct! } .filter { $0 }.count == 4)
    }

    @Test func mathVariantOneRound() throws {
        let r = try LogReader.read(Paths.fixture("mft_math.json"))
        #expect(r.task == .math)
        #expect(r.questions == 4 && r.agents == 2 && r.rounds == 1)
        let got = r.records.sorted { ($0.question, $0.agent) < ($1.question, $1.agent) }.map { "\($0.answer ?? "-")|\($0.correct!)" }
        #expect(got == [
            "\\frac{3}{4}|true", "\\frac{3}{4}|true",   // dfrac → frac; spaces removed
            "90|true", "-|false",                       // ^\circ removed; no box → no answer
            "(-1,1)|true", "[-1,1]|false",              // \left/\right removed; unclosed last box ignored
            "0.50|true", ".5|true",                     // \$ removed; equal as numbers
        ])
        #expect(r.records.allSatisfy { $0.role == .generator })
    }

    @Test func sevenAgentsWithExtraItems() throws {
        let r = try LogReader.read(Paths.fixture("du_seven_agents.json"))
        #expect(r.agents == 7 && r.rounds == 2 && r.questions == 2)
        // Round 1: agent k answers k mod 3 + 1 + q; the truth is 2 + q → agents 1 and 4 right.
        let right1 = r.records.filter { $0.round == 1 && $0.correct == true }.map(\.agent).sorted()
        #expect(right1 == [1, 1, 4, 4])
        #expect(r.records.filter { $0.round == 2 }.allSatisfy { $0.correct == true })
    }

    @Test func forcedTaskOverridesDetection() throws {
        let r = try LogReader.read(Paths.fixture("du_choice_one_agent.json"), task: .free)
        #expect(r.task == .free && r.taskReason == "given")
        #expect(r.records.allSatisfy { $0.answer == nil && $0.correct == nil && $0.truth == nil })
        #expect(r.records.count == 6)
    }
}

@Suite struct AgoraFormatTests {
    @Test func smallFixture() throws {
        let r = try LogReader.read(Paths.fixture("agora_small.json"))
        #expect(r.format == .agora && r.task == .numeric)
        #expect(r.agentNames == ["zeta-model", "alpha-model"])   // file order, not alphabetical
        #expect(r.questions == 2 && r.agents == 2 && r.rounds == 3)
        #expect(r.skipped == 2)
        #expect(r.skipReasons[0].hasPrefix("q0002") && r.skipReasons[0].contains("uneven rounds"))
        #expect(r.skipReasons[1].hasPrefix("q0003") && r.skipReasons[1].contains("agent_response"))
        func ans(_ q: String, _ a: Int) -> [String?] {
            r.records.filter { $0.question == q && $0.agent == a }.sorted { $0.round < $1.round }.map(\.answer)
        }
        #expect(ans("q0000", 0) == ["7", "7", "7"])
        #expect(ans("q0000", 1) == ["12", "7", "7"])
        // "\boxed{answer}" (an echoed prompt) is the last box and holds no number → no answer.
        #expect(ans("q0001", 0) == [nil, "150", "150"])
        #expect(ans("q0001", 1) == [nil, "150", "-150"])
        let correctByRound = (1...3).map { k in r.records.filter { $0.round == k && $0.correct == true }.count }
        #expect(correctByRound == [1, 4, 3])
    }

    @Test func formatCanBeForced() throws {
        #expect(throws: IngestError.self) { try LogReader.read(Paths.fixture("agora_small.json"), format: .du) }
        #expect(throws: IngestError.self) { try LogReader.read(Paths.fixture("du_numeric.json"), format: .agora) }
        let r = try LogReader.read(Paths.fixture("agora_small.json"), format: .agora)
        #expect(r.records.count == 12)
    }
}
