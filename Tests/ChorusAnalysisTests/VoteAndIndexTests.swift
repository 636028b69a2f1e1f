import Testing
import ChorusRecords
@testable import ChorusAnalysis

@Suite struct VoteTests {
    @Test func pluralityWins() {
        #expect(Vote.majority([(0, "a"), (1, "b"), (2, "b")]) == "b")
    }
    @Test func tieGoesToLowestNumberedAgent() {
        // Listed out of order: agent 1 gave "b", agent 2 gave "a"; tie → agent 1's answer.
        #expect(Vote.majority([(2, "a"), (1, "b")]) == "b")
        #expect(Vote.majority([(0, "x"), (1, "y"), (2, "z")]) == "x")
        // Two-two tie: "q" is given by agents 3 and 0, "p" by 1 and 2 → "q" (agent 0).
        #expect(Vote.majority([(1, "p"), (2, "p"), (3, "q"), (0, "q")]) == "q")
    }
    @Test func noAnswersMeansNil() {
        #expect(Vote.majority([]) == nil)
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
