/// Majority voting over agents' answers.
public enum Vote {
    /// Majority (plurality) vote among the agents that gave an answer.
    ///
    /// The answer given by the most agents wins; a tie goes to the tied answer given by the
    /// lowest-numbered agent; nil when nobody answered (every answer nil, or no agents).
    /// This is the label rule of Subramaniam et al. (2025), §3 (ŷ = majority of the final round),
    /// with a deterministic tie-break so that the same transcript always gives the same label.
    /// - Complexity: O(m) for m agents (plus hashing the answers).
    public static func majority(_ answers: [(agent: Int, answer: String?)]) -> String? {
        var count: [String: Int] = [:]
        var firstAgent: [String: Int] = [:]
        for (agent, answer) in answers {
            guard let a = answer else { continue }
            count[a, default: 0] += 1
            firstAgent[a] = min(firstAgent[a] ?? Int.max, agent)
        }
        var best: String? = nil
        var bestCount = 0, bestAgent = Int.max
        for (a, c) in count {
            let ag = firstAgent[a]!
            if c > bestCount || (c == bestCount && ag < bestAgent) {
                best = a; bestCount = c; bestAgent = ag
            }
        }
        return best
    }

    /// Counts of each distinct answer (nil answers excluded), in order of first appearance by agent.
    static func tally(_ answers: [String?]) -> [(answer: String, count: Int)] {
        var order: [String] = []
        var count: [String: Int] = [:]
        for case let a? in answers {
            if count[a] == nil { order.append(a) }
            count[a, default: 0] += 1
        }
        return order.map { ($0, count[$0]!) }
    }
}
