import Foundation
import Testing
@testable import ChorusAnalysis

/// The shared answer kernels against hand computations and identities.
@Suite struct AnswerKernelsTests {
    let missing = AnswerKernels.missing

    @Test func pluralityAndTies() {
        #expect(AnswerKernels.plurality([2, 1, 2], alphabet: 4) == 2)
        #expect(AnswerKernels.plurality([0, 3, 1], alphabet: 4) == 3)              // three-way tie → largest
        #expect(AnswerKernels.plurality([1, 2, 2, 1], alphabet: 3) == 2)
        #expect(AnswerKernels.plurality([missing, missing], alphabet: 2) == missing)
        #expect(AnswerKernels.plurality([missing, 0], alphabet: 2) == 0)
    }

    @Test func consensusCountsAnsweringAgents() {
        // 4 agents, one silent: 2 of the 3 answering give the plurality answer 1.
        #expect(AnswerKernels.consensus([1, 1, 0, missing], plurality: 1) == 2.0 / 3)
        #expect(AnswerKernels.consensus([missing, missing], plurality: missing) == nil)
        #expect(AnswerKernels.unanimous([2, 2, 2]) == 1)
        #expect(AnswerKernels.unanimous([2, 2, missing]) == 0)
        #expect(AnswerKernels.unanimous([missing, missing]) == 0)
        #expect(AnswerKernels.unanimous([]) == nil)
    }

    @Test func entropyByHand() {
        // Counts (2, 1) among 3 answering: H = −(2/3)ln(2/3) − (1/3)ln(1/3); MM adds (2−1)/(2·3).
        let h = AnswerKernels.entropy([0, 0, 1, missing], alphabet: 2)!
        let hand = -(2.0 / 3) * log(2.0 / 3) - (1.0 / 3) * log(1.0 / 3)
        #expect(abs(h.plugIn - hand) < 1e-15)
        #expect(abs(h.millerMadow - (hand + 1.0 / 6)) < 1e-15)
        #expect(AnswerKernels.entropy([missing], alphabet: 1) == nil)
        // Identity: the entropy does not depend on how the answers are coded.
        let a = AnswerKernels.entropy([0, 1, 1, 2, 2, 2], alphabet: 3)!, b = AnswerKernels.entropy([2, 0, 0, 1, 1, 1], alphabet: 3)!
        #expect(abs(a.plugIn - b.plugIn) < 1e-15)
    }

    @Test func disagreementAndFlips() {
        // Pairs of (0, 0, 1): (0,0) agree, two pairs differ → 2/3; a missing answer differs from all.
        #expect(AnswerKernels.disagreement([0, 0, 1]) == 2.0 / 3)
        #expect(AnswerKernels.disagreement([missing, missing]) == 1)
        #expect(AnswerKernels.disagreement([3]) == nil)
        let f = AnswerKernels.flips(firstCorrect: [false, true, true, false], lastCorrect: [true, false, true, false])
        #expect(f.wrongRight == 0.25 && f.rightWrong == 0.25)
    }

    @Test func crossNLLAndEmbeddingDissimilarity() {
        // logP[i·n + j], diagonal ignored: the two ordered pairs give −(−1) and −(−2), mean 1.5.
        let lp: [Double] = [0, -1, -2, 0]
        #expect(lp.withUnsafeBufferPointer { AnswerKernels.crossNLL($0, agents: 2) } == 1.5)
        // Orthogonal unit vectors: 1 − 0 = 1; identical: 0; mean over the three pairs of
        // (e1, e1, e2) = (0 + 1 + 1)/3. A zero vector counts as cosine 0.
        #expect(AnswerKernels.embeddingDissimilarity([[1, 0], [1, 0], [0, 1]]) == 2.0 / 3)
        #expect(AnswerKernels.embeddingDissimilarity([[0, 0], [1, 0]]) == 1)
        #expect(AnswerKernels.embeddingDissimilarity([[1, 0]]) == nil)
    }

    @Test func codingKeepsStringOrder() {
        let c = AnswerCoding(["b", nil, "a", "10", "9", "b"])
        #expect(c.answers == ["10", "9", "a", "b"])
        #expect(c.code("a") == 2 && c.code(nil) == AnswerKernels.missing && c.code("zz") == AnswerKernels.missing)
        #expect(c.answer(3) == "b" && c.answer(-1) == nil)
    }
}
