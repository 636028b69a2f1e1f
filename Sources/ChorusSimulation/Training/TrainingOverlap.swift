import Foundation
import ChorusAnalysis


/// Collects each model's (question, answer) pairs while the models are finetuned, and gives the
/// mean pairwise Jaccard indices (`MetricName.trainingOverlap*`).
///
/// A pair is (q, ans(q, c)) for every chain example (q, c) with positive weight in the data the
/// model is trained on (after the critic mix and any compute-matched subsampling). A model
/// trained on nothing at this iteration (e.g. the critics of `no-critic`) has no training set
/// and enters no pair; no row without a pair.
struct TrainingOverlap {
    /// Per model: a bitmap over the (question, answer) pairs, bit q·A + a (A answers per question),
    /// so a pair's intersection and union are popcounts over trainQuestions·A/64 words.
    private var sets: [Int: [UInt64]] = [:]

    /// Records the data model `m` is finetuned on.
    /// - Complexity: O(examples + Q·A/64).
    mutating func add(model m: Int, data: TrainingData, bank: TaskBank) {
        var bits = [UInt64](repeating: 0, count: (bank.questionCount * bank.answers + 63) / 64)
        for i in 0..<data.chainCount where data.weight[i] > 0 {
            let q = Int(data.question[i]), c = Int(data.chain[i])
            let b = q * bank.answers + Int(bank.answer[q * bank.chains + c])
            bits[b >> 6] |= 1 << UInt64(b & 63)
        }
        sets[m] = bits
    }

    /// Mean pairwise Jaccard over the models given (distinct models with a non-empty set, each
    /// pair once); nil without a pair.
    static func meanJaccard(_ models: [Int], _ sets: [Int: [UInt64]]) -> Double? {
        let ms = Array(Set(models)).sorted().filter { sets[$0].map { $0.contains { $0 != 0 } } ?? false }
        var sum = 0.0, pairs = 0
        for i in ms.indices { for j in ms.indices where j > i {
            let a = sets[ms[i]]!, b = sets[ms[j]]!
            var inter = 0, union = 0
            for w in a.indices { inter += (a[w] & b[w]).nonzeroBitCount; union += (a[w] | b[w]).nonzeroBitCount }
            sum += Double(inter) / Double(union); pairs += 1
        } }
        return pairs > 0 ? sum / Double(pairs) : nil
    }

    /// The metric values of the models trained so far, and resets.
    mutating func finish(generatorModels: [Int], criticModels: [Int]) -> [(String, Double)] {
        var out: [(String, Double)] = []
        if let x = Self.meanJaccard(Array(sets.keys), sets) { out.append((MetricName.trainingOverlap, x)) }
        if let x = Self.meanJaccard(generatorModels, sets) { out.append((MetricName.trainingOverlapGenerator, x)) }
        if let x = Self.meanJaccard(criticModels, sets) { out.append((MetricName.trainingOverlapCritic, x)) }
        sets.removeAll(keepingCapacity: true)
        return out
    }

    /// A bitmap of the given bit indices (for tests).
    static func bitmap(_ bits: [Int], count: Int) -> [UInt64] {
        var out = [UInt64](repeating: 0, count: (count + 63) / 64)
        for b in bits { out[b >> 6] |= 1 << UInt64(b & 63) }
        return out
    }
}
