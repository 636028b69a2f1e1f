import Testing
import ChorusStats
@testable import ChorusSimulation

@Suite("Majority vote")
struct MajorityVoteTests {
    @Test("a strict majority wins and consumes no random draw")
    func strictMajority() {
        var g = Xoshiro256(seed: 1)
        let before = g
        #expect(MajorityVote.vote([2, 1, 2], alphabet: 4, using: &g) == 2)
        #expect(MajorityVote.vote([3, 3, 3, 0, 1], alphabet: 4, using: &g) == 3)
        #expect(g == before)
    }

    @Test("ties are broken uniformly among the tied answers only")
    func tieBreak() {
        var g = Xoshiro256(seed: 2)
        var counts = [0, 0, 0, 0]
        let n = 20_000
        for _ in 0..<n { counts[MajorityVote.vote([0, 3, 2], alphabet: 4, using: &g)] += 1 }
        #expect(counts[1] == 0)
        // Each of 0, 2, 3 with probability 1/3: binomial sd √(n·(1/3)(2/3)); 5 sd tolerance.
        let sd = (Double(n) * (1.0 / 3) * (2.0 / 3)).squareRoot()
        for a in [0, 2, 3] { #expect(abs(Double(counts[a]) - Double(n) / 3) < 5 * sd) }
        var counts2 = [0, 0, 0]
        for _ in 0..<n { counts2[MajorityVote.vote([1, 2, 2, 1], alphabet: 3, using: &g)] += 1 }
        #expect(counts2[0] == 0)
        #expect(abs(Double(counts2[1]) - Double(n) / 2) < 5 * (Double(n) / 4).squareRoot())
    }

    @Test("the tie-break is reproducible from the seed")
    func seeded() {
        var g1 = Xoshiro256(seed: 3), g2 = Xoshiro256(seed: 3)
        let a = (0..<50).map { _ in MajorityVote.vote([0, 1, 2], alphabet: 3, using: &g1) }
        let b = (0..<50).map { _ in MajorityVote.vote([0, 1, 2], alphabet: 3, using: &g2) }
        #expect(a == b)
    }
}
