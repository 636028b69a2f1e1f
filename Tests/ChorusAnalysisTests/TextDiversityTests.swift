import Testing
import Foundation
@testable import ChorusAnalysis

@Suite struct TextDiversityTests {
    @Test func tokenizer() {
        #expect(Tokenizer.words("The answer is 42.") == ["the", "answer", "is", "42"])
        #expect(Tokenizer.ngrams(["a", "b", "c"], n: 2) == ["a b", "b c"])
        #expect(Tokenizer.ngrams(["a"], n: 2).isEmpty)
    }
    @Test func distinctN() {
        // tokens a b a | b c: 3 distinct unigrams of 5; bigrams "a b","b a","b c": 3 of 3.
        #expect(TextDiversity.distinctN(["a b a", "b c"], n: 1) == 0.6)
        #expect(TextDiversity.distinctN(["a b a", "b c"], n: 2) == 1)
        #expect(TextDiversity.distinctN(["", "x"], n: 2) == nil)
    }
    @Test func jaccard() {
        // {a,b} vs {b,c}: 1 shared of 3.
        #expect(abs(TextDiversity.ngramJaccard(["a b", "b c"], n: 1)! - 1.0 / 3) < 1e-15)
        #expect(TextDiversity.ngramJaccard(["a b"], n: 1) == nil)
        // three texts: {a}, {a}, {b}: pair sims 1, 0, 0 → 1/3.
        #expect(abs(TextDiversity.ngramJaccard(["a", "a", "b"], n: 1)! - 1.0 / 3) < 1e-15)
    }
    @Test func tfidf() {
        // D = 2: idf(a) = ln(3/3)+1 = 1, idf(b) = idf(c) = ln(3/2)+1 = w.
        // v1 = (a 1, b w), v2 = (a 1, c w): cos = 1/(1 + w²).
        let w = log(1.5) + 1
        #expect(abs(TextDiversity.tfidfDissimilarity(["a b", "a c"])! - (1 - 1 / (1 + w * w))) < 1e-12)
        #expect(abs(TextDiversity.tfidfDissimilarity(["x y", "y x"])!) < 1e-12)
        #expect(abs(TextDiversity.tfidfDissimilarity(["x", "y"])! - 1) < 1e-12)
    }
    @Test func bleu() {
        // "the cat sat" vs "the cat ran", N = 2: p1 = 2/3, p2 = 1/2, BP = 1 → √(1/3).
        let h = ["the", "cat", "sat"], r = ["the", "cat", "ran"]
        #expect(abs(TextDiversity.bleu(hypothesis: h, references: [r], maxN: 2) - (1.0 / 3).squareRoot()) < 1e-12)
        // brevity: "the cat" vs "the cat sat", N = 1: p1 = 1, BP = exp(1 − 3/2).
        #expect(abs(TextDiversity.bleu(hypothesis: ["the", "cat"], references: [h], maxN: 1) - exp(-0.5)) < 1e-12)
        // smoothing: "a b" vs "b a", N = 2: p1 = 1, p2 = 0 → 0.1/1 → √0.1.
        #expect(abs(TextDiversity.bleu(hypothesis: ["a", "b"], references: [["b", "a"]], maxN: 2) - 0.1.squareRoot()) < 1e-12)
        // clipping: "the the the" vs "the cat": p1 = 1/3 (clipped to 1), BP = 1 (c = 3 > r = 2).
        #expect(abs(TextDiversity.bleu(hypothesis: ["the", "the", "the"], references: [["the", "cat"]], maxN: 1) - 1.0 / 3) < 1e-12)
        // self-BLEU of the symmetric pair = the pair's BLEU.
        #expect(abs(TextDiversity.selfBLEU(["the cat sat", "the cat ran"], maxN: 2)! - (1.0 / 3).squareRoot()) < 1e-12)
    }
    @Test func embeddings() throws {
        // cos(e1,e2) = 0, cos(e1,e3) = cos(e2,e3) = 1/√2 → mean dissimilarity (3 − √2)/3.
        let d = try TextDiversity.embeddingDissimilarity([[1, 0], [0, 1], [1, 1]])!
        #expect(abs(d - (3 - 2.0.squareRoot()) / 3) < 1e-12)
        #expect(throws: AnalysisError.self) { try TextDiversity.embeddingDissimilarity([[1, 0], [1]]) }
    }
}
