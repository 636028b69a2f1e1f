/// One model's finetuning data: chain examples (question, chain, weight) for θ and critic
/// decisions (answers in view with their features, the chosen one, weight) for w.
/// Flat arrays, appended to while debates run.
public struct TrainingData: Sendable, Equatable {
    public var question: [Int32] = []
    public var chain: [Int32] = []
    public var weight: [Double] = []
    /// Decisions: number of answers in view, at most `maxView`.
    public var decisionViewCount: [Int32] = []
    /// Features at [(i·maxView + v)·F + j].
    public var decisionFeatures: [Double] = []
    public var decisionChosen: [Int32] = []
    public var decisionWeight: [Double] = []
    public let maxView: Int

    public init(maxView: Int) { self.maxView = maxView }

    public var chainCount: Int { question.count }
    public var decisionCount: Int { decisionChosen.count }

    public mutating func addChain(question q: Int, chain c: Int, weight w: Double) {
        question.append(Int32(q)); chain.append(Int32(c)); weight.append(w)
    }

    /// Appends a critic decision whose features are `features[offset ..< offset + viewCount·F]`.
    public mutating func addDecision(features: [Double], offset: Int, viewCount: Int, chosen: Int, weight w: Double) {
        let F = AgentModel.criticFeatureCount
        decisionViewCount.append(Int32(viewCount))
        for v in 0..<maxView {
            for j in 0..<F {
                decisionFeatures.append(v < viewCount ? features[offset + v * F + j] : 0)
            }
        }
        decisionChosen.append(Int32(chosen)); decisionWeight.append(w)
    }

    public mutating func removeAll() {
        question.removeAll(keepingCapacity: true); chain.removeAll(keepingCapacity: true)
        weight.removeAll(keepingCapacity: true)
        decisionViewCount.removeAll(keepingCapacity: true); decisionFeatures.removeAll(keepingCapacity: true)
        decisionChosen.removeAll(keepingCapacity: true); decisionWeight.removeAll(keepingCapacity: true)
    }

    public mutating func append(_ other: TrainingData) {
        precondition(other.maxView == maxView)
        question += other.question; chain += other.chain; weight += other.weight
        decisionViewCount += other.decisionViewCount; decisionFeatures += other.decisionFeatures
        decisionChosen += other.decisionChosen; decisionWeight += other.decisionWeight
    }
}
