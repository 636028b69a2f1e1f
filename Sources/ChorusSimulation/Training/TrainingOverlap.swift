import Foundation

extension MetricName {
    /// Training-data overlap between models (issue 12): the Jaccard index |A ∩ B| / |A ∪ B| of
    /// two models' sets of (question, answer) pairs in the data each is finetuned on at this
    /// iteration, averaged over model pairs: all models | generator models | critic models.
    /// Reported at iteration k for the data selected from iteration k's debates (which trains
    /// the models of iteration k + 1), so not at the last iteration. 1 = every model sees the
    /// same (question, answer) pairs; the paper's "each model sees different data" is < 1.
    /// The same quantity as `chorus analyze --run`'s `training.overlap` on real training files.
    public static let trainingOverlap = "training.overlap"
    public static let trainingOverlapGenerator = "training.overlap.generator"
    public static let trainingOverlapCritic = "training.overlap.critic"
}

/// Collects each model's (question, answer) pairs while the models are finetuned, and gives the
/// mean pairwise Jaccard indices (`MetricName.trainingOverlap*`).
///
/// A pair is (q, ans(q, c)) for every chain example (q, c) with positive weight in the data the
/// model is trained on (after the critic mix and any compute-matched subsampling). A model
/// trained on nothing at this iteration (e.g. the critics of `no-critic`) has no training set
/// and enters no pair; no row without a pair.
struct TrainingOverlap {
    private var sets: [Int: Set<Int64>] = [:]

    /// Records the data model `m` is finetuned on.
    /// - Complexity: O(examples).
    mutating func add(model m: Int, data: TrainingData, bank: TaskBank) {
        var s = Set<Int64>()
        s.reserveCapacity(data.chainCount)
        for i in 0..<data.chainCount where data.weight[i] > 0 {
            let q = Int(data.question[i]), c = Int(data.chain[i])
            s.insert(Int64(q) * Int64(bank.answers) + Int64(bank.answer[q * bank.chains + c]))
        }
        sets[m] = s
    }

    /// Mean pairwise Jaccard over the models given (distinct models, each pair once).
    static func meanJaccard(_ models: [Int], _ sets: [Int: Set<Int64>]) -> Double? {
        let ms = Array(Set(models)).sorted().filter { !(sets[$0]?.isEmpty ?? true) }
        var sum = 0.0, pairs = 0
        for i in ms.indices { for j in ms.indices where j > i {
            let a = sets[ms[i]]!, b = sets[ms[j]]!
            let u = a.union(b).count
            guard u > 0 else { continue }
            sum += Double(a.intersection(b).count) / Double(u); pairs += 1
        } }
        return pairs > 0 ? sum / Double(pairs) : nil
    }

    /// The metric values of the models trained so far, and resets.
    mutating func finish(generatorModels: [Int], criticModels: [Int]) -> [(String, Double)] {
        var out: [(String, Double)] = []
        if let x = Self.meanJaccard(Array(sets.keys), sets) { out.append((MetricName.trainingOverlap, x)) }
        if let x = Self.meanJaccard(generatorModels, sets) { out.append((MetricName.trainingOverlapGenerator, x)) }
        if let x = Self.meanJaccard(criticModels, sets) { out.append((MetricName.trainingOverlapCritic, x)) }
        sets.removeAll()
        return out
    }
}
