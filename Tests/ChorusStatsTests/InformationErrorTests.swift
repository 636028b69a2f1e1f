import Testing
import ChorusStats

/// A vector that is not a distribution is a typed error, never a NaN result.
@Suite("Information theory: typed errors")
struct InformationErrorTests {
    static let bad: [(String, [Double])] = [
        ("empty", []), ("negative", [0.5, 0.6, -0.1]), ("NaN", [0.5, .nan, 0.5]),
        ("+∞", [.infinity, 0]), ("sum 0.9", [0.5, 0.4]), ("sum 1.1", [0.6, 0.5]),
    ]

    @Test func badVectorsAreInvalidDistributionEverywhere() {
        let good = [0.5, 0.5]
        for (what, p) in Self.bad {
            let q = p.isEmpty ? [] : good + [Double](repeating: 0, count: max(0, p.count - 2))
            #expect(thrownKind { try Info.entropy(p) } == "invalidDistribution", "entropy of \(what)")
            #expect(thrownKind { try Info.crossEntropy(p, q) } == "invalidDistribution", "cross-entropy of \(what)")
            #expect(thrownKind { try Info.kl(p, q) } == "invalidDistribution", "KL(\(what) ‖ q)")
            #expect(thrownKind { try Info.kl(q, p) } == "invalidDistribution", "KL(q ‖ \(what))")
            #expect(thrownKind { try Info.jensenShannon([q, p]) } == "invalidDistribution", "JS with \(what)")
            #expect(thrownKind { try Info.disagreement(p, q) } == "invalidDistribution", "disagreement of \(what)")
            if !p.isEmpty {
                #expect(thrownKind { try Info.mutualInformation(joint: [p, p].map { $0.map { $0 / 2 } }) } == "invalidDistribution", "MI of \(what)")
            }
        }
    }

    @Test func sumToleranceIsRespected() throws {
        #expect(thrownKind { try Info.entropy([0.5, 0.5 + 1e-12]) } == nil)
        #expect(thrownKind { try Info.entropy([0.5, 0.5 + 1e-6]) } == "invalidDistribution")
        #expect(thrownKind { try Info.entropy([0.5, 0.5 + 1e-6], tolerance: 1e-5) } == nil)
    }

    @Test func sizeAndParameterErrors() {
        #expect(thrownKind { try Info.kl([0.5, 0.5], [1.0 / 3, 1.0 / 3, 1.0 / 3]) } == "sizeMismatch")
        #expect(thrownKind { try Info.jensenShannon([[1, 0], [1, 0, 0]]) } == "sizeMismatch")
        #expect(thrownKind { try Info.jensenShannon([[1, 0], [0, 1]], weights: [1]) } == "sizeMismatch")
        #expect(thrownKind { try Info.jensenShannon([[1, 0], [0, 1]], weights: [0.7, 0.7]) } == "invalidDistribution")
        #expect(thrownKind { try Info.jensenShannon([]) } == "invalidDistribution")
        #expect(thrownKind { try Info.mutualInformation(joint: [[0.5, 0.5], [0]]) } == "sizeMismatch")
        #expect(thrownKind { try Info.mutualInformation(joint: []) } == "invalidDistribution")
        #expect(thrownKind { try Info.mutualInformation(counts: [[0, 0]]) } == "insufficientData")
        #expect(thrownKind { try Info.mutualInformation(counts: [[3, -1]]) } == "invalidDistribution")
        #expect(thrownKind { try Info.entropy(logits: []) } == "invalidDistribution")
        #expect(thrownKind { try Info.entropy(logits: [1, .nan]) } == "invalidDistribution")
        #expect(thrownKind { try Info.entropy(logits: [1, .infinity]) } == "invalidDistribution")
        #expect(thrownKind { try Info.entropy(logits: [-.infinity, -.infinity]) } == "invalidDistribution")
        #expect(thrownKind { try Info.entropy(logits: [1, 2], temperature: 0) } == "invalidParameter")
        #expect(thrownKind { try Info.kl(logitsP: [1, 2], logitsQ: [1]) } == "sizeMismatch")
    }
}
