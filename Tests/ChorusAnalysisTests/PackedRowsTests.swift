import Testing
import Foundation
import ChorusStats
import ChorusRecords
@testable import ChorusAnalysis

/// Issue 10, bounded memory: `RoundAccumulator` keeps its per-question values in `PackedRows`
/// (one byte a value, or none), which must give back the very bits written, and the
/// accumulator's table must be the bootstrap of the per-question values recomputed directly.
@Suite struct PackedRowsTests {
    /// Reads every value back and compares bit patterns with the rows as written.
    func expectSameBits(_ p: PackedRows, _ rows: [[Double]]) {
        #expect(p.count == rows.count)
        for (i, row) in rows.enumerated() {
            for (c, x) in row.enumerated() where p[i, c].bitPattern != x.bitPattern {
                Issue.record("row \(i) column \(c): \(p[i, c]) read, \(x) written")
                return
            }
        }
    }

    @Test func aConstantColumnCostsNothingAndSmallPalettesOneByteAValue() {
        // Special values: −0 and +0, two NaN payloads, ±∞, a subnormal.
        let specials: [Double] = [0, -0.0, .nan, Double(bitPattern: 0x7FF8_0000_DEAD_BEEF), .infinity, -.infinity,
                                  .leastNonzeroMagnitude, 1.0 / 3, 2.0 / 3, 1]
        var constant = PackedRows(width: 4)
        let absent = [Double](repeating: Double(bitPattern: 0x7FF8_0000_DEAD_BEEF), count: 4)
        for _ in 0..<1000 { constant.append(absent) }
        expectSameBits(constant, Array(repeating: absent, count: 1000))
        #expect(constant.storedBytes == 8)   // the palette's one value

        var rng = Xoshiro256(seed: 7)
        var small = PackedRows(width: 6), rows: [[Double]] = []
        for _ in 0..<5000 {
            let row = (0..<6).map { _ in specials[Int(rng.next() % UInt64(specials.count))] }
            rows.append(row); small.append(row)
        }
        expectSameBits(small, rows)
        #expect(small.storedBytes == 5000 * 6 + specials.count * 8)

        // The second distinct value arrives late: the earlier rows keep their value.
        var late = PackedRows(width: 2)
        var lateRows = Array(repeating: [0.5, 0.5], count: 100)
        for r in lateRows { late.append(r) }
        lateRows.append([0.5, -0.0]); late.append([0.5, -0.0])
        expectSameBits(late, lateRows)
        #expect(late.storedBytes == 101 * 2 + 2 * 8)
    }

    @Test func overflowingThePaletteWidensEveryRowExactly() {
        var rng = Xoshiro256(seed: 11)
        var p = PackedRows(width: 3), rows: [[Double]] = []
        // 255 distinct values first (fits), then random doubles (overflow half-way through a row).
        for i in 0..<85 { let row = [Double(3 * i), Double(3 * i + 1), Double(3 * i + 2)]; rows.append(row); p.append(row) }
        #expect(p.storedBytes == 85 * 3 + 255 * 8)
        for _ in 0..<400 {
            let row = [Double(rng.next() % 4), Double(bitPattern: rng.next()), -0.0]
            rows.append(row); p.append(row)
        }
        expectSameBits(p, rows)
        #expect(p.storedBytes == rows.count * 3 * 8)
    }

    /// A log of several groups: answers from a few values, some unanswered, truths on some
    /// questions, texts on some responses; one group of 300 questions whose text values overflow
    /// the palette.
    static func log(seed: UInt64) -> [ResponseRecord] {
        var rng = Xoshiro256(seed: seed)
        func pick(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
        let words = ["alpha", "beta", "gamma", "delta", "eps", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu"]
        var out: [ResponseRecord] = []
        for (regime, questions, agents, withText) in [("a", 40, 3, false), ("b", 300, 3, true), ("c", 25, 5, true)] {
            for s in 1...2 as ClosedRange<UInt64> {
                // Question ids out of order, so the bootstrap order (by id) differs from arrival order.
                for q in (0..<questions).shuffled(using: &rng) {
                    let truth: String? = pick(4) == 0 ? nil : String(pick(3))
                    for round in 1...2 {
                        for agent in 0..<agents {
                            let answer: String? = pick(8) == 0 ? nil : String(pick(4))
                            let text: String? = withText && pick(5) != 0
                                ? (0..<(3 + pick(6))).map { _ in words[pick(words.count)] }.joined(separator: " ") : nil
                            out.append(ResponseRecord(run: "r", regime: regime, seed: s, iteration: 0, question: "q\(q)", agent: agent,
                                                      role: .generator, round: round, answer: answer,
                                                      correct: truth.map { answer == $0 }, truth: truth, text: text))
                        }
                    }
                }
            }
        }
        return out
    }

    @Test func theTableIsTheBootstrapOfThePerQuestionValuesRecomputedDirectly() {
        let index = DebateIndex(Self.log(seed: 3))
        let stream = SeedStream(seed: 5).child("analyze")
        let rows = RoundMetrics.table(index, stream: stream, replicates: 200)
        var k = 0
        for g in index.groups {
            let debates = index.debates(g).sorted { $0.question < $1.question }
            for r in index.rounds(g) {
                let row = rows[k]; k += 1
                #expect(row.regime == g.regime && row.seed == g.seed && row.round == r)
                let s = RoundAccumulator.groupStream(stream, g).child(UInt64(r))
                func expectSame(_ got: Summary?, _ name: String, _ values: [Double]) {
                    let want = RoundMetrics.bootstrapMean(values, stream: s.child(name), replicates: 200)
                    #expect(got != nil)
                    guard let got else { return }
                    #expect(got.n == want.n && got.mean.bitPattern == want.mean.bitPattern
                            && got.lower.bitPattern == want.lower.bitPattern && got.upper.bitPattern == want.upper.bitPattern,
                            "\(g) round \(r) \(name)")
                }
                let present = debates.filter { $0.responses[r] != nil }
                expectSame(row.individualAccuracy, "individual", present.compactMap { QuestionMetrics.individualAccuracy($0, round: r) })
                expectSame(row.consensus, "consensus", present.compactMap { QuestionMetrics.consensus($0, round: r) })
                expectSame(row.answerEntropy, "entropy", present.compactMap { QuestionMetrics.answerEntropy($0, round: r) })
                // The text column: a plain mean, over questions ordered by id as the bootstrap's.
                let texts = present.compactMap { d -> Double? in
                    let t = d.round(r).compactMap(\.text)
                    return t.count >= 2 ? TextDiversity.tfidfDissimilarity(t) : nil
                }
                if texts.isEmpty { #expect(row.textDiversity == nil) } else {
                    #expect(row.textDiversity?.bitPattern == (texts.reduce(0, +) / Double(texts.count)).bitPattern)
                }
            }
        }
        #expect(k == rows.count && rows.count == 12)
    }
}
