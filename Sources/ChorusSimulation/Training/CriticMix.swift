import ChorusStats

/// How the critic data D^C = D^C− ∪ D^C+ are mixed (paper §2.2, the official code's rule and
/// the proportional reading of the paper's weight w).
public enum CriticMix: String, Codable, Sendable, CaseIterable {
    /// The official multiagent-ft code: every D^C− example is kept, and for each one a D^C+
    /// example (drawn uniformly without replacement) is added with probability ½; all weights
    /// are 1. In expectation D^C− is 2/3 of the critic set, the paper's w ≈ 2/3.
    case official
    /// Every D^C− and D^C+ example is kept and weighted so that D^C− carries the share
    /// `finetune.critic_mix_weight` of the critic data's total weight
    /// (`TrainingData.normaliseCriticMix`).
    case reweight
}

extension TrainingData {
    /// Applies the official code's critic mix in place: generator examples (split 0) are kept;
    /// critic chain examples and critic decisions (which `DataSelection.collect` appends in the
    /// same order, one of each per trajectory) are kept for every D^C− trajectory, and after each
    /// D^C− trajectory one not yet used D^C+ trajectory (uniform, without replacement) is kept
    /// with probability ½. Every kept example has weight 1. Draws: one shuffle of the D^C+
    /// trajectories, one uniform per D^C− trajectory.
    /// - Complexity: O(examples).
    public mutating func applyOfficialCriticMix(using g: inout Xoshiro256) {
        let criticChains = split.indices.filter { split[$0] != 0 }
        let decisions = decisionSplit.indices.filter { decisionSplit[$0] != 0 }
        guard criticChains.count == decisions.count else {
            preconditionFailure("critic chain examples and decisions are appended in pairs")
        }
        var plus = criticChains.indices.filter { split[criticChains[$0]] == 2 }
        for i in stride(from: plus.count - 1, to: 0, by: -1) { plus.swapAt(i, g.nextInt(below: i + 1)) }
        var keep = [Bool](repeating: false, count: criticChains.count)
        var next = 0
        for t in criticChains.indices where split[criticChains[t]] == 1 {
            keep[t] = true
            if g.nextUnit() < 0.5, next < plus.count { keep[plus[next]] = true; next += 1 }
        }
        var keepChain = [Bool](repeating: true, count: chainCount)
        var keepDecision = [Bool](repeating: true, count: decisionCount)
        for t in criticChains.indices where !keep[t] {
            keepChain[criticChains[t]] = false
            keepDecision[decisions[t]] = false
        }
        filter(chains: keepChain, decisions: keepDecision)
        for i in weight.indices where split[i] != 0 { weight[i] = 1 }
        for i in decisionWeight.indices where decisionSplit[i] != 0 { decisionWeight[i] = 1 }
    }

    /// Keeps a uniform random subsample (without replacement, original order kept) of
    /// ⌈n / divisor⌉ chain examples and ⌈m / divisor⌉ critic decisions: the compute-matched
    /// budget of a model that pools the data of `divisor` seats.
    /// - Complexity: O(examples).
    public mutating func subsample(divisor: Int, using g: inout Xoshiro256) {
        guard divisor > 1 else { return }
        func mask(_ n: Int) -> [Bool] {
            let k = (n + divisor - 1) / divisor
            // Selection sampling (Knuth, TAOCP vol. 2, Algorithm S): each item is taken with
            // probability (needed)/(remaining), giving a uniform k-subset in order.
            var out = [Bool](repeating: false, count: n)
            var needed = k
            for i in 0..<n where needed > 0 {
                if g.nextUnit() * Double(n - i) < Double(needed) { out[i] = true; needed -= 1 }
            }
            return out
        }
        filter(chains: mask(chainCount), decisions: mask(decisionCount))
    }

    /// Keeps the chain examples and decisions whose mask entry is true.
    mutating func filter(chains keepChain: [Bool], decisions keepDecision: [Bool]) {
        var out = TrainingData(maxView: maxView)
        let F = AgentModel.criticFeatureCount
        for i in 0..<chainCount where keepChain[i] {
            out.question.append(question[i]); out.chain.append(chain[i])
            out.weight.append(weight[i]); out.split.append(split[i])
        }
        for i in 0..<decisionCount where keepDecision[i] {
            out.decisionViewCount.append(decisionViewCount[i])
            out.decisionFeatures.append(contentsOf: decisionFeatures[(i * maxView * F)..<((i + 1) * maxView * F)])
            out.decisionChosen.append(decisionChosen[i]); out.decisionWeight.append(decisionWeight[i])
            out.decisionSplit.append(decisionSplit[i])
        }
        self = out
    }
}
