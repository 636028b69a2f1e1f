/// The trainable parameters of one model: generation weights θ and critic weights w.
///
/// Generation: π_θ(c | q) = softmax_c((b(q,c) + θ·φ(q,c)) / τ). θ is shared across questions,
/// so what a model learns on train questions carries over to held-out ones. θ = 0 is the base
/// ("pretrained") model.
/// Critic answer choice (rounds ≥ 2): P(a) ∝ exp(w·f(a)) with features
/// f(a) = ([a = own previous], peer share of a, evidence of a as read, log π_θ(a | q)).
public struct AgentModel: Sendable, Equatable {
    /// The generation weights θ ∈ R^d (θ = 0: the base model).
    public var theta: [Double]
    /// (w_stay, w_support, w_evidence, w_prior).
    public var criticWeights: [Double]

    /// Number of critic features.
    public static let criticFeatureCount = 4

    /// The base model: θ = 0 and the configured initial critic weights.
    public init(dimension: Int, debate: DebateParameters) {
        theta = [Double](repeating: 0, count: dimension)
        criticWeights = [debate.stayWeight, debate.supportWeight, debate.evidenceWeight, debate.priorWeight]
    }
}
