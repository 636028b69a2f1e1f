import ChorusStats

/// Turns one debate on a training question into finetuning examples (docs/design.md §2, paper §2.2).
///
/// The pseudo-label ŷ depends on the rule: the debate's final majority (`consensus`), the
/// majority of the round-1 answers (`selfConsistency`), the true answer (`groundTruth`).
/// - Generator data D^G_n: seat n's round-1 chain if its answer equals ŷ.
/// - Critic data for seat n (only when the debate had ≥ 2 rounds): the trajectory (round-1
///   answer of seat n, final-round answer of seat n) is in D^C−_n if round 1 ≠ ŷ and final = ŷ,
///   in D^C+_n if round 1 = ŷ and final = ŷ, otherwise it is not used. Examples are tagged with
///   their part; `TrainingData.normaliseCriticMix` then weights them so that D^C− makes up the
///   share w of the critic data (the paper's mixture). A critic example is the final-round
///   chain (for θ) and the final-round answer choice (for w).
/// - `none`: every round-1 chain, and every final-round critic response with weight 1.
public enum DataSelection {
    /// Which of a trajectory's examples a rule keeps.
    public enum CriticSplit: Equatable, Sendable {
        /// D^C−: wrong in round 1, equal to the label at the end.
        case minus
        /// D^C+: equal to the label in round 1 and at the end.
        case plus
        /// Neither: the trajectory is not critic data.
        case unused
    }

    /// The label ŷ of a debate under a rule; `roundOneMajority` is the majority of round-1 answers.
    @inline(__always)
    public static func label(_ rule: SelectionRule, final: Int, roundOneMajority: Int) -> Int? {
        switch rule {
        case .consensus: return final
        case .selfConsistency: return roundOneMajority
        case .groundTruth: return 0
        case .none: return nil
        }
    }

    /// D^C− / D^C+ membership of a trajectory that answered `first` in round 1 and `last` in the
    /// final round, for label ŷ.
    @inline(__always)
    public static func criticSplit(first: Int, last: Int, label: Int) -> CriticSplit {
        guard last == label else { return .unused }
        return first == label ? .plus : .minus
    }

    /// Appends the examples of the debate held in `runner` (question q) to `data[model]`.
    /// - Parameters:
    ///   - runner: the runner holding the debate just run.
    ///   - q: the training question.
    ///   - rule: how the pseudo-label ŷ is chosen.
    ///   - generatorSeats: the model of each generator seat.
    ///   - criticSeats: the model of each critic seat.
    ///   - trainGenerators: whether generator seats contribute data.
    ///   - trainCritics: whether critic seats contribute data.
    ///   - data: the training data of each model, appended to.
    ///   - roundOneMajority: majority of the round-1 answers (for `selfConsistency`).
    public static func collect(_ runner: DebateRunner, question q: Int, rule: SelectionRule,
                               roundOneMajority: Int,
                               generatorSeats: [Int], criticSeats: [Int],
                               trainGenerators: Bool, trainCritics: Bool,
                               into data: inout [TrainingData]) {
        let n = runner.agents
        let yHat = label(rule, final: runner.final, roundOneMajority: roundOneMajority)
        if trainGenerators {
            for seat in 0..<n where yHat == nil || runner.answer[seat] == yHat! {
                data[generatorSeats[seat]].addChain(question: q, chain: runner.chain[seat], weight: 1)
            }
        }
        guard trainCritics, runner.rounds >= 2 else { return }
        let last = (runner.rounds - 1) * n
        let F = AgentModel.criticFeatureCount
        for seat in 0..<n {
            let split: Int8
            if let y = yHat {
                switch criticSplit(first: runner.answer[seat], last: runner.answer[last + seat], label: y) {
                case .minus: split = 1
                case .plus: split = 2
                case .unused: continue
                }
            } else {
                split = 0
            }
            let model = criticSeats[seat]
            data[model].addChain(question: q, chain: runner.chain[last + seat], weight: 1, split: split)
            data[model].addDecision(features: runner.viewFeatures, offset: seat * runner.maxView * F,
                                    viewCount: runner.viewCount[seat], chosen: runner.chosen[seat], weight: 1, split: split)
        }
    }
}
