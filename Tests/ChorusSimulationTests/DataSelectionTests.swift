import Testing
@testable import ChorusSimulation

@Suite("Data selection")
struct DataSelectionTests {
    /// A hand-made 3-agent, 2-round debate: round 1 answers (0, 1, 2), round 2 answers (0, 0, 2),
    /// final majority 0. Chains are 10·seat + round so that each example can be traced.
    func debate() -> DebateRunner {
        var r = DebateRunner(agents: 3, rounds: 2, answers: 4)
        r.answer = [0, 1, 2, 0, 0, 2]
        r.chain = [10, 11, 12, 20, 21, 22]
        r.final = 0
        let F = AgentModel.criticFeatureCount
        for seat in 0..<3 {
            r.viewCount[seat] = 2
            r.chosen[seat] = seat == 1 ? 1 : 0
            for v in 0..<2 { for j in 0..<F { r.viewFeatures[(seat * 3 + v) * F + j] = Double(100 * seat + 10 * v + j) } }
        }
        return r
    }

    func collect(_ rule: SelectionRule, majority1: Int = 1, seats: [Int] = [0, 1, 2], critics: [Int] = [3, 4, 5],
                 trainCritics: Bool = true) -> [TrainingData] {
        var data = [TrainingData](repeating: TrainingData(maxView: 3), count: 6)
        DataSelection.collect(debate(), question: 7, rule: rule, roundOneMajority: majority1,
                              generatorSeats: seats, criticSeats: critics,
                              trainGenerators: true, trainCritics: trainCritics, into: &data)
        return data
    }

    @Test("consensus: generator data are the round-1 chains agreeing with the final majority")
    func consensus() {
        let d = collect(.consensus)
        #expect(d[0].chain == [10] && d[0].question == [7])
        #expect(d[1].chainCount == 0 && d[2].chainCount == 0)
        // Critics: seat 0 right→right (D^C+), seat 1 wrong→ŷ (D^C−), seat 2 wrong→wrong (unused).
        #expect(d[3].chain == [20] && d[3].split == [2] && d[3].decisionSplit == [2])
        #expect(d[4].chain == [21] && d[4].split == [1] && d[4].decisionSplit == [1])
        #expect(d[4].decisionChosen == [1] && d[4].decisionViewCount == [2])
        #expect(d[5].chainCount == 0 && d[5].decisionCount == 0)
        // The decision's features are copied from the runner (seat 1, answers in view 0 and 1).
        #expect(Array(d[4].decisionFeatures[0..<4]) == [100, 101, 102, 103])
        #expect(Array(d[4].decisionFeatures[4..<8]) == [110, 111, 112, 113])
        #expect(d[4].decisionFeatures.count == 3 * AgentModel.criticFeatureCount)
    }

    @Test("self-consistency uses the round-1 majority as the label")
    func selfConsistency() {
        let d = collect(.selfConsistency, majority1: 1)
        #expect(d[0].chainCount == 0 && d[1].chain == [11] && d[2].chainCount == 0)
        // Label 1: no final answer is 1, so no critic example.
        #expect(d[3].chainCount == 0 && d[4].chainCount == 0 && d[5].chainCount == 0)
    }

    @Test("ground truth (STaR) keeps exactly the correct responses")
    func groundTruth() {
        let d = collect(.groundTruth)
        #expect(d[0].chain == [10] && d[1].chainCount == 0 && d[2].chainCount == 0)
        #expect(d[3].split == [2] && d[4].split == [1] && d[5].chainCount == 0)
    }

    @Test("none keeps every response")
    func none() {
        let d = collect(.none)
        #expect(d[0].chain == [10] && d[1].chain == [11] && d[2].chain == [12])
        #expect(d[3].chain == [20] && d[4].chain == [21] && d[5].chain == [22])
        #expect(d[5].split == [0])
    }

    @Test("a shared model pools the data of all its seats; untrained critics get nothing")
    func pooling() {
        let d = collect(.none, seats: [0, 0, 0], critics: [0, 0, 0])
        #expect(d[0].chain == [10, 11, 12, 20, 21, 22])
        #expect(d[0].decisionCount == 3)
        let e = collect(.none, trainCritics: false)
        #expect(e[3].chainCount == 0 && e[4].chainCount == 0)
    }

    @Test("D^C−/D^C+ split")
    func criticSplit() {
        #expect(DataSelection.criticSplit(first: 1, last: 0, label: 0) == .minus)
        #expect(DataSelection.criticSplit(first: 0, last: 0, label: 0) == .plus)
        #expect(DataSelection.criticSplit(first: 0, last: 1, label: 0) == .unused)
        #expect(DataSelection.criticSplit(first: 2, last: 1, label: 0) == .unused)
    }

    @Test("the critic mixture gives D^C− the share w of the weight, mean weight 1")
    func mixture() {
        var d = TrainingData(maxView: 2)
        d.addChain(question: 0, chain: 0, weight: 1, split: 0)   // generator example
        for _ in 0..<2 { d.addChain(question: 0, chain: 1, weight: 1, split: 1) }
        for _ in 0..<6 { d.addChain(question: 0, chain: 2, weight: 1, split: 2) }
        d.normaliseCriticMix(2.0 / 3)
        #expect(d.weight[0] == 1)
        let minus = d.weight[1...2].reduce(0, +), plus = d.weight[3...].reduce(0, +)
        #expect(abs(minus / (minus + plus) - 2.0 / 3) < 1e-12)
        #expect(abs((minus + plus) / 8 - 1) < 1e-12)
    }
}
