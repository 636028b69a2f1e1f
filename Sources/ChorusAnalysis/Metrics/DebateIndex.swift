import ChorusRecords

/// Records grouped as debates: run (with regime and seed) → iteration → question → round → agent.
///
/// Groups keep the order in which they first appear in the input, so tables come out in the
/// order of the transcript. When two records share (run, regime, seed, iteration, question,
/// round, agent), the first is kept and the rest are counted in `duplicates` (a malformed log,
/// never silently merged into a different number).
/// - Complexity: O(n) to build for n records (hashing).
public struct DebateIndex: Sendable {
    /// A set of debates that belong together: one run, regime, seed and finetuning iteration.
    public struct Group: Hashable, Sendable, CustomStringConvertible {
        /// The run identifier.
        public var run: String
        /// The regime name (`log` for real logs).
        public var regime: String
        /// The simulation seed; nil for real logs.
        public var seed: UInt64?
        /// The finetuning iteration (0 = base model).
        public var iteration: Int
        /// A group with these keys.
        public init(run: String, regime: String, seed: UInt64?, iteration: Int) {
            self.run = run; self.regime = regime; self.seed = seed; self.iteration = iteration
        }
        public var description: String {
            "\(run)/\(regime)" + (seed.map { "/seed \($0)" } ?? "") + "/iteration \(iteration)"
        }
    }

    /// One question's debate: every round's responses, by agent.
    public struct Debate: Sendable {
        /// The group the debate belongs to.
        public var group: Group
        /// The question's identifier.
        public var question: String
        /// round → agent → record.
        public var responses: [Int: [Int: ResponseRecord]]
        /// One debate from its records (all of one group and question), in any order; when two
        /// records share (round, agent) the first is kept and the rest are counted in `duplicates`.
        public init(group: Group, question: String, records: some Sequence<ResponseRecord>, duplicates: inout Int) {
            self.group = group; self.question = question; self.responses = [:]
            for rec in records {
                if responses[rec.round]?[rec.agent] != nil { duplicates += 1; continue }
                responses[rec.round, default: [:]][rec.agent] = rec
            }
        }
        init(group: Group, question: String, responses: [Int: [Int: ResponseRecord]]) {
            self.group = group; self.question = question; self.responses = responses
        }
        /// The rounds present, ascending.
        public var rounds: [Int] { responses.keys.sorted() }
        /// The records of one round ordered by agent (empty if the round is absent).
        public func round(_ r: Int) -> [ResponseRecord] {
            guard let byAgent = responses[r] else { return [] }
            return byAgent.keys.sorted().map { byAgent[$0]! }
        }
        /// The majority answer of a round (`Vote.majority`: ties to the largest answer).
        public func majority(round r: Int) -> String? {
            Vote.majority(round(r).map(\.answer))
        }
        /// The coding of every answer given in the debate, all rounds (`AnswerCoding`).
        public var coding: AnswerCoding {
            AnswerCoding(responses.values.lazy.flatMap { $0.values.lazy.map(\.answer) })
        }
        /// Whether any record of the round carries ground truth (`correct` or `truth`).
        public func hasTruth(round r: Int) -> Bool {
            round(r).contains { $0.correct != nil || $0.truth != nil }
        }
        /// Whether `answer` is judged correct in this round: some record giving that answer is
        /// marked correct, or (when no record with it carries `correct`) it equals a recorded truth.
        public func isCorrect(_ answer: String?, round r: Int) -> Bool {
            guard let a = answer else { return false }
            let recs = round(r)
            let withIt = recs.filter { $0.answer == a }
            if withIt.contains(where: { $0.correct == true }) { return true }
            if withIt.contains(where: { $0.correct == false }) { return false }
            return recs.contains { $0.truth == a }
        }
    }

    /// The groups in order of first appearance.
    public private(set) var groups: [Group] = []
    /// Records dropped because an earlier record had the same key.
    public private(set) var duplicates = 0
    private var debatesByGroup: [Group: [Debate]] = [:]
    private var position: [Group: [String: Int]] = [:]

    /// Indexes `records` into debates by group and question, groups and questions in order of
    /// first appearance.
    /// - Complexity: O(n) expected for n records.
    public init(_ records: [ResponseRecord]) {
        for rec in records {
            let g = Group(run: rec.run, regime: rec.regime, seed: rec.seed, iteration: rec.iteration)
            if debatesByGroup[g] == nil { groups.append(g); debatesByGroup[g] = []; position[g] = [:] }
            let idx: Int
            if let i = position[g]![rec.question] { idx = i } else {
                idx = debatesByGroup[g]!.count
                position[g]![rec.question] = idx
                debatesByGroup[g]!.append(Debate(group: g, question: rec.question, responses: [:]))
            }
            if debatesByGroup[g]![idx].responses[rec.round]?[rec.agent] != nil { duplicates += 1; continue }
            debatesByGroup[g]![idx].responses[rec.round, default: [:]][rec.agent] = rec
        }
    }

    /// The distinct run names, in order of first appearance.
    public var runs: [String] {
        var seen = Set<String>(); var out: [String] = []
        for g in groups where seen.insert(g.run).inserted { out.append(g.run) }
        return out
    }

    /// The debates of one group, in order of first appearance of their questions.
    public func debates(_ group: Group) -> [Debate] { debatesByGroup[group] ?? [] }

    /// The debates of every group with this run and iteration (all regimes and seeds).
    public func debates(run: String, iteration: Int) -> [Debate] {
        groups.filter { $0.run == run && $0.iteration == iteration }.flatMap { debates($0) }
    }

    /// The iterations present for a run, ascending.
    public func iterations(run: String) -> [Int] {
        Array(Set(groups.filter { $0.run == run }.map(\.iteration))).sorted()
    }

    /// All rounds present in a group, ascending.
    public func rounds(_ group: Group) -> [Int] {
        Array(Set(debates(group).flatMap { $0.responses.keys })).sorted()
    }

    /// The agents present in a group, ascending.
    public func agents(_ group: Group) -> [Int] {
        Array(Set(debates(group).flatMap { $0.responses.values.flatMap { $0.keys } })).sorted()
    }
}
