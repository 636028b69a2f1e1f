/// Majority voting over agents' answers, as strings (the log analyses' entry to
/// `AnswerKernels.plurality`).
public enum Vote {
    /// Plurality vote among the agents that gave an answer: the answer given by the most agents;
    /// a tie goes to the largest tied answer string (`AnswerKernels`' one tie rule, as the
    /// official multiagent-ft code's `most_frequent`); nil when nobody answered.
    /// This is the label rule of Subramaniam et al. (2025), §3 (ŷ = majority of the final round).
    /// - Complexity: O(m log m) for m agents.
    public static func majority(_ answers: [(agent: Int, answer: String?)]) -> String? {
        majority(answers.map(\.answer))
    }

    /// The same over a round's answers in agent order.
    public static func majority(_ answers: [String?]) -> String? {
        let coding = AnswerCoding(answers)
        return coding.answer(AnswerKernels.plurality(answers.map(coding.code), alphabet: coding.alphabet))
    }

    /// Counts of each distinct answer (nil answers excluded), in ascending order of the answers
    /// (`AnswerCoding`), the order in which the kernels sum over answers.
    static func tally(_ answers: [String?]) -> [(answer: String, count: Int)] {
        let coding = AnswerCoding(answers)
        let counts = AnswerKernels.tally(answers.map(coding.code), alphabet: coding.alphabet).counts
        return coding.answers.enumerated().map { ($0.element, counts[$0.offset]) }
    }
}
