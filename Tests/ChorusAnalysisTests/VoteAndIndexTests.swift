import Testing
import ChorusTestSupport
import ChorusRecords
@testable import ChorusAnalysis

@Suite struct VoteTests {
    @Test func pluralityWins() {
        #expect(Vote.majority([(0, "a"), (1, "b"), (2, "b")]) == "b")
    }
    @Test func tieGoesToTheLargestAnswerString() {
        // The official multiagent-ft rule: sort (count, answer) pairs, take the last.
        #expect(Vote.majority([(2, "a"), (1, "b")]) == "b")
        #expect(Vote.majority([(0, "x"), (1, "y"), (2, "z")]) == "z")
        #expect(Vote.majority([(1, "p"), (2, "p"), (3, "q"), (0, "q")]) == "q")
        // String order, not numeric order: "9" > "10"; code points: "é" (U+00E9) > "z".
        #expect(Vote.majority([(0, "10"), (1, "9")]) == "9")
        #expect(Vote.majority([(0, "z"), (1, "é")]) == "é")
        // A strict plurality wins whatever its string.
        #expect(Vote.majority([(0, "a"), (1, "a"), (2, "z")]) == "a")
    }
    /// Against an independent transcription of the official rule on random answer lists.
    @Test func agreesWithTheOfficialMostFrequentRule() {
        var state: UInt64 = 12345
        func next(_ n: Int) -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int((state >> 33) % UInt64(n)) }
        let pool = ["1", "2", "10", "x", "X", "é", "ab", "a"]
        for _ in 0..<500 {
            let m = 1 + next(7)
            let answers: [String] = (0..<m).map { _ in pool[next(pool.count)] }
            // most_frequent: max over (count, answer) with Python's tuple and str ordering.
            let counts = Dictionary(answers.map { ($0, 1) }, uniquingKeysWith: +)
            let official = counts.max { x, y in x.value != y.value ? x.value < y.value : AnswerCoding.precedes(x.key, y.key) }!.key
            #expect(Vote.majority(answers.map { Optional($0) }) == official, "\(answers)")
        }
    }
    @Test func noAnswersMeansNil() {
        #expect(Vote.majority([(agent: Int, answer: String?)]()) == nil)
        #expect(Vote.majority([(0, nil), (1, nil)]) == nil)
        #expect(Vote.majority([(0, nil), (1, nil), (2, "k")]) == "k")
    }
}

@Suite struct DebateIndexTests {
    @Test func groupsAndOrder() {
        let recs = Fixture.records(run: "a") + Fixture.records(run: "b")
        let idx = DebateIndex(recs)
        #expect(idx.runs == ["a", "b"])
        #expect(idx.groups.count == 2)
        let d = idx.debates(idx.groups[0])
        #expect(d.map(\.question) == ["q1", "q2", "q3"])
        #expect(d[0].rounds == [1, 2])
        #expect(d[0].round(2).map(\.answer) == ["4", "4", "5"])
        #expect(idx.agents(idx.groups[0]) == [0, 1, 2])
        #expect(idx.duplicates == 0)
    }
    @Test func duplicatesAreCountedNotMerged() {
        var recs = Fixture.records()
        var dup = recs[0]; dup.answer = "999"
        recs.append(dup)
        let idx = DebateIndex(recs)
        #expect(idx.duplicates == 1)
        #expect(idx.debates(idx.groups[0])[0].round(1)[0].answer == "4")
    }
    @Test func seedsAndRegimesAreSeparateGroups() {
        var recs = Fixture.records()
        let more = Fixture.records().map { r -> ResponseRecord in var r = r; r.seed = 7; return r }
        recs += more
        #expect(DebateIndex(recs).groups.count == 2)
    }
}
