/// One model's finetuning data: chain examples (question, chain, weight) for θ and critic
/// decisions (answers in view with their features, the chosen one, weight) for w.
/// Flat arrays, appended to while debates run.
public struct TrainingData: Sendable, Equatable {
    /// Training question of each chain example.
    public var question: [Int32] = []
    /// Chain of each chain example.
    public var chain: [Int32] = []
    /// Likelihood weight of each chain example.
    public var weight: [Double] = []
    /// Origin of each chain example: 0 generator data, 1 D^C−, 2 D^C+ (critic data).
    public var split: [Int8] = []
    /// Decisions: number of answers in view, at most `maxView`.
    public var decisionViewCount: [Int32] = []
    /// Features at [(i·maxView + v)·F + j].
    public var decisionFeatures: [Double] = []
    /// Decisions: index (into the view) of the answer chosen.
    public var decisionChosen: [Int32] = []
    /// Likelihood weight of each decision.
    public var decisionWeight: [Double] = []
    /// Origin of each decision: 1 D^C−, 2 D^C+, 0 unfiltered.
    public var decisionSplit: [Int8] = []
    /// The most answers a decision can have in view.
    public let maxView: Int

    /// Empty data for views of at most `maxView` answers.
    public init(maxView: Int) { self.maxView = maxView }

    /// The number of chain examples.
    public var chainCount: Int { question.count }
    /// The number of critic decisions.
    public var decisionCount: Int { decisionChosen.count }

    /// Appends a chain example (`split`: 0 generator data, 1 D^C−, 2 D^C+).
    public mutating func addChain(question q: Int, chain c: Int, weight w: Double, split sp: Int8 = 0) {
        question.append(Int32(q)); chain.append(Int32(c)); weight.append(w); split.append(sp)
    }

    /// Appends a critic decision whose features are `features[offset ..< offset + viewCount·F]`.
    public mutating func addDecision(features: [Double], offset: Int, viewCount: Int, chosen: Int, weight w: Double,
                                     split sp: Int8 = 0) {
        decisionSplit.append(sp)
        let F = AgentModel.criticFeatureCount
        decisionViewCount.append(Int32(viewCount))
        for v in 0..<maxView {
            for j in 0..<F {
                decisionFeatures.append(v < viewCount ? features[offset + v * F + j] : 0)
            }
        }
        decisionChosen.append(Int32(chosen)); decisionWeight.append(w)
    }

    /// Sets the weights of critic examples so that D^C− carries the share `mix` of the critic
    /// data's total weight and D^C+ the share 1 − mix, with mean weight 1 over the critic data:
    /// ω− = mix · n / n−, ω+ = (1 − mix) · n / n+, n = n− + n+ (the paper's mixture
    /// D^C = w·D^C− + (1 − w)·D^C+ read as proportions of the critic training set). If one part
    /// is empty, the other gets weight 1. Generator examples keep weight 1.
    public mutating func normaliseCriticMix(_ mix: Double) {
        func weights(_ sp: [Int8]) -> (Double, Double) {
            var nm = 0.0, np = 0.0
            for x in sp { if x == 1 { nm += 1 } else if x == 2 { np += 1 } }
            if nm == 0 || np == 0 { return (1, 1) }
            return (mix * (nm + np) / nm, (1 - mix) * (nm + np) / np)
        }
        let (cm, cp) = weights(split)
        for i in weight.indices where split[i] != 0 { weight[i] = split[i] == 1 ? cm : cp }
        let (dm, dp) = weights(decisionSplit)
        for i in decisionWeight.indices where decisionSplit[i] != 0 { decisionWeight[i] = decisionSplit[i] == 1 ? dm : dp }
    }

    /// Empties the data, keeping the capacity.
    public mutating func removeAll() {
        question.removeAll(keepingCapacity: true); chain.removeAll(keepingCapacity: true)
        weight.removeAll(keepingCapacity: true); split.removeAll(keepingCapacity: true)
        decisionSplit.removeAll(keepingCapacity: true)
        decisionViewCount.removeAll(keepingCapacity: true); decisionFeatures.removeAll(keepingCapacity: true)
        decisionChosen.removeAll(keepingCapacity: true); decisionWeight.removeAll(keepingCapacity: true)
    }

    /// Appends another set of examples (same `maxView`), e.g. to accumulate iterations.
    public mutating func append(_ other: TrainingData) {
        precondition(other.maxView == maxView)
        question += other.question; chain += other.chain; weight += other.weight; split += other.split
        decisionSplit += other.decisionSplit
        decisionViewCount += other.decisionViewCount; decisionFeatures += other.decisionFeatures
        decisionChosen += other.decisionChosen; decisionWeight += other.decisionWeight
    }
}
