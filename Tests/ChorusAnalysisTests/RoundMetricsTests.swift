import Testing
import ChorusTestSupport
import Foundation
import ChorusStats
import ChorusRecords
@testable import ChorusAnalysis

/// Expected values are worked out by hand from the table in `Fixture`.
@Suite struct RoundMetricsTests {
    static let ln2 = log(2.0), ln3 = log(3.0)

    func check(_ rows: [RoundRow]) {
        #expect(rows.count == 2)
        let r1 = rows[0], r2 = rows[1]
        #expect(r1.round == 1 && r2.round == 2 && r1.questions == 3 && r1.agents == 3)
        // Round 1. individual: q1 1/3, q2 1/3, q3 2/3 → 4/9. majority: q1 three-way tie → the
        // largest string "6", wrong; q2 "8" wrong, q3 "1" right → 1/3. oracle: 1. unanimity: 0 (q3 has a non-answer).
        // consensus: q1 1/3, q2 2/3, q3 2/2 → 2/3. no answer: 1 of 9.
        // entropy: q1 ln 3, q2 ln 3 − (2/3) ln 2, q3 0.
        #expect(abs(r1.individualAccuracy!.mean - 4.0 / 9) < 1e-12)
        #expect(abs(r1.majorityAccuracy!.mean - 1.0 / 3) < 1e-12)
        #expect(r1.oracleAccuracy!.mean == 1)
        #expect(r1.oracleAccuracy!.lower == 1 && r1.oracleAccuracy!.upper == 1)
        #expect(r1.unanimity.mean == 0)
        #expect(abs(r1.consensus.mean - 2.0 / 3) < 1e-12)
        #expect(abs(r1.noAnswerRate - 1.0 / 9) < 1e-12)
        #expect(abs(r1.answerEntropy.mean - (2 * Self.ln3 - 2.0 / 3 * Self.ln2) / 3) < 1e-12)
        #expect(r1.flips == nil)
        // Round 2. individual: 2/3, 0, 1 → 5/9. majority: 1, 0, 1 → 2/3. oracle: 1, 0, 1 → 2/3.
        // unanimity: 0, 1, 1 → 2/3. consensus: 2/3, 1, 1 → 8/9. entropy: ln 3 − (2/3) ln 2, 0, 0.
        #expect(abs(r2.individualAccuracy!.mean - 5.0 / 9) < 1e-12)
        #expect(abs(r2.majorityAccuracy!.mean - 2.0 / 3) < 1e-12)
        #expect(abs(r2.oracleAccuracy!.mean - 2.0 / 3) < 1e-12)
        #expect(abs(r2.unanimity.mean - 2.0 / 3) < 1e-12)
        #expect(abs(r2.consensus.mean - 8.0 / 9) < 1e-12)
        #expect(r2.noAnswerRate == 0)
        #expect(abs(r2.answerEntropy.mean - (Self.ln3 - 2.0 / 3 * Self.ln2) / 3) < 1e-12)
        // Flips: q1 RR, WR (5→4; the round-1 plurality is "6", so not to it), W→other W (6→5);
        // q2 WSW, WSW, RW (to plurality "8"); q3 WR (no answer → "1", to plurality), RR, RR.
        let f = r2.flips!
        #expect(f.rightRight == 3 && f.rightWrong == 1 && f.wrongRight == 2)
        #expect(f.wrongSameWrong == 2 && f.wrongOtherWrong == 1 && f.unjudged == 0)
        #expect(f.switches == 4 && f.toPlurality == 2 && f.total == 9)
        #expect(f.conformity == 0.5)
        for s in [r1.individualAccuracy!, r2.consensus, r2.unanimity] {
            #expect(s.lower <= s.mean && s.mean <= s.upper)
            #expect(s.n == 3)
        }
    }

    @Test func handComputedTable() { check(RoundMetrics.table(Fixture.records())) }

    /// Only `truth` recorded (no `correct` flags): the same table.
    @Test func truthWithoutCorrectFlags() { check(RoundMetrics.table(Fixture.records(withCorrect: false))) }

    /// Only `correct` flags recorded (no `truth`): the same table.
    @Test func correctFlagsWithoutTruth() { check(RoundMetrics.table(Fixture.records(withTruth: false))) }

    @Test func noGroundTruth() {
        let rows = RoundMetrics.table(Fixture.records(withCorrect: false, withTruth: false))
        #expect(rows[0].individualAccuracy == nil && rows[0].majorityAccuracy == nil && rows[0].oracleAccuracy == nil)
        let f = rows[1].flips!
        #expect(f.unjudged == 9 && f.rightRight == 0 && f.switches == 4 && f.toPlurality == 2)
        #expect(abs(rows[1].consensus.mean - 8.0 / 9) < 1e-12)
    }

    @Test func sameSeedSameIntervals() {
        let a = RoundMetrics.table(Fixture.records(), stream: SeedStream(seed: 3))
        let b = RoundMetrics.table(Fixture.records().shuffled(using: &SplitMixShim.g), stream: SeedStream(seed: 3))
        #expect(a[0].consensus == b[0].consensus)
        #expect(a[1].individualAccuracy == b[1].individualAccuracy)
    }

    @Test func textDiversityColumn() {
        let recs = Fixture.records().map { r -> ResponseRecord in
            var r = r; r.text = r.agent == 0 ? "a b" : "a c"; return r
        }
        // Per question texts "a b", "a c", "a c": pairs (1,2),(1,3) have cos 1/(1+w²) with
        // w = ln(4/2)+1 for b (df 1 of D 3) and c's weight ln(4/3)+1 (df 2)... worked below.
        let wb = log(4.0 / 2) + 1, wc = log(4.0 / 3) + 1, wa = 1.0
        let cos12 = wa * wa / ((wa * wa + wb * wb).squareRoot() * (wa * wa + wc * wc).squareRoot())
        let expected = ((1 - cos12) * 2 + 0) / 3
        let rows = RoundMetrics.table(recs)
        #expect(abs(rows[0].textDiversity! - expected) < 1e-12)
    }
}

/// A deterministic shuffle source for the order-independence test.
enum SplitMixShim { nonisolated(unsafe) static var g = SplitMix64(state: 42) }
