import Foundation
import ChorusStats
import ChorusRecords

/// What each agent was finetuned on, and how much the agents' training sets overlap (issue 12):
/// the paper's mechanism, "each model sees different data", measured on a real run.
public enum TrainingDataMetrics {
    /// One agent's training file of one iteration.
    public struct AgentRow: Sendable {
        /// The finetuning iteration.
        public var iteration: Int
        /// The agent as the run names it.
        public var agent: String
        /// The number of training examples in the file.
        public var examples: Int
        /// Distinct run questions the examples ask; examples matching no question.
        public var questions: Int
        /// Examples whose question matches no question of the run.
        public var unmatched: Int
        /// Examples whose response has no extractable answer.
        public var noAnswer: Int
        /// Fraction of examples (with a question that has truth) whose answer is right; nil if none.
        public var accuracy: Double?
        /// Plug-in entropy (nats) of the answers over all examples (the answer distribution).
        public var answerEntropy: Double?
        /// The most frequent answers with counts, most frequent first (at most 5).
        public var topAnswers: [(answer: String, count: Int)]
    }

    /// Overlap of two agents' training sets of one iteration.
    public struct PairRow: Sendable {
        /// The finetuning iteration.
        public var iteration: Int
        /// The first agent of the pair.
        public var a: String
        /// The second agent of the pair.
        public var b: String
        /// Jaccard |A ∩ B| / |A ∪ B| of the sets of (question, answer) pairs; nil when both sets
        /// are empty. The question is the run question the example matched, else its prompt
        /// text (white space collapsed): training questions need not be in the run's debate logs
        /// (the official code finetunes on debates of training questions and evaluates on test
        /// ones). Examples without an extracted answer are left out.
        public var pairJaccard: Double?
        /// Jaccard of the sets of response texts (white space collapsed).
        public var textJaccard: Double?
    }

    /// One row per training set: its size, matched questions, answer accuracy and answer entropy.
    /// - Complexity: O(total examples).
    public static func agents(_ sets: [TrainingSet]) -> [AgentRow] {
        sets.map { s in
            var counts: [String: Int] = [:]
            var order: [String] = []
            var right = 0, judged = 0, none = 0
            for e in s.examples {
                if let a = e.answer { if counts[a] == nil { order.append(a) }; counts[a, default: 0] += 1 } else { none += 1 }
                if let c = e.correct { judged += 1; if c { right += 1 } }
            }
            let total = counts.values.reduce(0, +)
            var h: Double? = nil
            if total > 0 { h = counts.values.reduce(0.0) { acc, c in let p = Double(c) / Double(total); return acc - p * log(p) } }
            let pairs: [(answer: String, count: Int)] = order.map { (answer: $0, count: counts[$0]!) }
            let top = pairs.sorted { (x: (answer: String, count: Int), y: (answer: String, count: Int)) -> Bool in
                x.count != y.count ? x.count > y.count : x.answer < y.answer
            }.prefix(5)
            return AgentRow(iteration: s.iteration, agent: s.agent, examples: s.examples.count,
                            questions: Set(s.examples.compactMap(\.question)).count,
                            unmatched: s.examples.filter { $0.question == nil }.count, noAnswer: none,
                            accuracy: judged > 0 ? Double(right) / Double(judged) : nil, answerEntropy: h,
                            topAnswers: Array(top))
        }
    }

    /// Every pair of agents with training files in the same iteration.
    /// - Complexity: O(iterations · agents² · examples).
    public static func pairs(_ sets: [TrainingSet]) -> [PairRow] {
        var out: [PairRow] = []
        for it in Array(Set(sets.map(\.iteration))).sorted() {
            let these = sets.filter { $0.iteration == it }
            let qa = these.map { Set($0.examples.compactMap { e in questionKey(e).flatMap { q in e.answer.map { q + "\u{1F}" + $0 } } }) }
            let tx = these.map { Set($0.examples.map { normalise($0.response) }) }
            for i in these.indices { for j in these.indices where j > i {
                out.append(PairRow(iteration: it, a: these[i].agent, b: these[j].agent,
                                   pairJaccard: jaccard(qa[i], qa[j]), textJaccard: jaccard(tx[i], tx[j])))
            } }
        }
        return out
    }

    /// The identity of an example's question: the matched run question, else its prompt.
    static func questionKey(_ e: TrainingSet.Example) -> String? {
        e.question.map { "q\u{1F}" + $0 } ?? e.prompt.map { "p\u{1F}" + normalise($0) }
    }

    /// Per iteration: `training.overlap`, the mean over agent pairs of the (question, answer)
    /// Jaccard (`PairRow.pairJaccard`): the quantity the simulator reports under that name.
    public static func iterationRows(_ pairs: [PairRow]) -> [(iteration: Int, value: Double, pairs: Int)] {
        Array(Set(pairs.map(\.iteration))).sorted().compactMap { it in
            let v = pairs.filter { $0.iteration == it }.compactMap(\.pairJaccard)
            return v.isEmpty ? nil : (it, v.reduce(0, +) / Double(v.count), v.count)
        }
    }

    /// |A ∩ B| / |A ∪ B|; nil when both are empty.
    public static func jaccard<T: Hashable>(_ a: Set<T>, _ b: Set<T>) -> Double? {
        let u = a.union(b).count
        return u == 0 ? nil : Double(a.intersection(b).count) / Double(u)
    }

    static func normalise(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
