/// How a regime labels its own training data (no rule but `groundTruth` looks at the truth).
public enum SelectionRule: String, Sendable, CaseIterable {
    /// ŷ = majority vote of the debate's final round (the paper's rule).
    case consensus
    /// ŷ = majority vote of the round-1 answers (self-consistency, no debate needed).
    case selfConsistency = "self-consistency"
    /// ŷ = the true answer (STaR's filter).
    case groundTruth = "ground-truth"
    /// No filter: every response is a training example.
    case none
}
