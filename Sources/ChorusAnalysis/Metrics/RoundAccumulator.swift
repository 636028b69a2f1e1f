import ChorusStats
import ChorusRecords

/// The per-round table (`RoundMetrics`), the per-agent accuracy (`AgentAccuracy`) and the
/// per-question text metrics, gathered one debate at a time, so that a log can be analysed
/// without holding its records (`chorus analyze` streams JSON Lines through it; issue 10).
///
/// `add` computes every per-question value of the debate at once (`QuestionMetrics`,
/// `FlipCounts`, `TextDiversity`, `Vendi`) and keeps only those numbers; the bootstrap
/// intervals over questions are drawn at the end (`rows`), from values ordered by question id as
/// in `RoundMetrics.table`, which is itself this accumulator fed from a `DebateIndex`. So the
/// streamed and the in-memory tables are the same numbers, bit for bit.
///
/// Memory: per (group, round) present in a question, 4 bytes + its 10 values in `PackedRows`
/// (6 answer metrics: 1 byte each while a (group, round) has at most 256 distinct values;
/// 4 text metrics: nothing while they never vary, as in a log without text, else 1 or 8 bytes
/// each), exactly the bits computed; per (agent, round) response, 5 bytes; plus each
/// question's id once. No text and no record is kept after `add` returns. (Before, 84 bytes
/// per (question, round) and a copy of the round's arrays on every `add`.)
/// - Complexity: `add` is O(records of the debate) plus its text metrics; `rows` is
///   O(rows · metrics · replicates · Q) for Q questions per group.
public struct RoundAccumulator: Sendable {
    /// Mean distinct-2, self-BLEU and Vendi score (TF-IDF kernel) of one row's texts, each the
    /// mean over questions (in order of first appearance) with at least two texts in the round.
    public struct TextRow: Sendable, Equatable {
        /// Mean distinct-2: distinct word bigrams over all bigrams of a question's texts.
        public var distinct2: Double?
        /// Mean self-BLEU of a question's texts (nil unless self-BLEU was asked for).
        public var selfBLEU: Double?
        /// Mean Vendi score (order 1, TF-IDF cosine kernel): the effective number of distinct texts.
        public var vendi: Double?
    }

    /// The per-question columns, in storage order.
    private enum Column: Int, CaseIterable {
        case individual, majority, oracle, unanimity, consensus, entropy, tfidf, distinct2, selfBLEU, vendi
    }
    private static let stride = Column.allCases.count
    /// "No value" (the question does not count for the metric): a NaN with a payload that
    /// arithmetic never produces, so a NaN computed by a metric is kept as a value, as before.
    private static let absent = Double(bitPattern: 0x7FF8_0000_DEAD_BEEF)
    private static func isAbsent(_ x: Double) -> Bool { x.bitPattern == absent.bitPattern }

    /// Columns from `textColumn` on are the text metrics, packed apart from the answer metrics
    /// (they vary continuously when a log has text, and not at all when it has none).
    private static let textColumn = Column.tfidf.rawValue

    private struct RoundState: Sendable {
        var debate: [Int32] = []          // group-local question index, arrival order
        var answerValues = PackedRows(width: RoundAccumulator.textColumn)
        var textValues = PackedRows(width: RoundAccumulator.stride - RoundAccumulator.textColumn)
        var agents: Set<Int> = []
        var responses = 0
        var noAnswer = 0
        var flips = FlipCounts()

        /// Entry `i`'s value of column `c` (the bits computed in `add`).
        func value(_ i: Int, _ c: Column) -> Double {
            c.rawValue < RoundAccumulator.textColumn ? answerValues[i, c.rawValue] : textValues[i, c.rawValue - RoundAccumulator.textColumn]
        }
        mutating func append(_ qi: Int32, _ v: [Double]) {
            debate.append(qi)
            answerValues.append(Array(v[..<RoundAccumulator.textColumn]))
            textValues.append(Array(v[RoundAccumulator.textColumn...]))
        }
    }
    private struct AgentState: Sendable {
        var debate: [Int32] = []
        var judged: [Int8] = []           // −1 unjudged, 0 wrong, 1 right
        var total = 0
        var answered = 0
    }
    private struct AgentRound: Hashable, Sendable { var agent: Int; var round: Int }
    private struct GroupState: Sendable {
        var questions: [String] = []
        var rounds: [Int: RoundState] = [:]
        var agents: [AgentRound: AgentState] = [:]
    }

    /// Compute distinct-2 and Vendi per question (and self-BLEU when `selfBLEU`).
    public let textExtras: Bool
    /// Compute self-BLEU too (quadratic in the texts of a question, so off by default).
    public let selfBLEU: Bool
    /// Keep the per-agent judgements for `agentRows`.
    public let agentAccuracy: Bool
    /// Compute the per-question metrics of `rows` and `textRows` (false: only `agentRows` is
    /// wanted, as in `AgentAccuracy.table`, and the metrics and text measures are skipped).
    public let roundMetrics: Bool
    /// The groups in order of first appearance.
    public private(set) var groups: [DebateIndex.Group] = []
    /// Debates added.
    public private(set) var debates = 0
    private var state: [DebateIndex.Group: GroupState] = [:]

    /// An empty accumulator; the flags choose which measures `add` computes.
    public init(textExtras: Bool = false, selfBLEU: Bool = false, agentAccuracy: Bool = false, roundMetrics: Bool = true) {
        self.textExtras = textExtras; self.selfBLEU = selfBLEU; self.agentAccuracy = agentAccuracy
        self.roundMetrics = roundMetrics
    }

    /// Adds one question's debate. Debates of a group must come in the order in which their
    /// questions first appear (it orders the text means), each question once.
    public mutating func add(_ d: DebateIndex.Debate) {
        debates += 1
        if state[d.group] == nil { groups.append(d.group); state[d.group] = GroupState() }
        var g = state.removeValue(forKey: d.group)!
        let qi = Int32(g.questions.count)
        g.questions.append(d.question)
        for (r, byAgent) in d.responses {
            let recs = d.round(r)
            var v = [Double](repeating: Self.absent, count: Self.stride)
            func set(_ c: Column, _ x: Double?) { if let x { v[c.rawValue] = x } }
            if roundMetrics {
                set(.individual, QuestionMetrics.individualAccuracy(d, round: r))
                set(.majority, QuestionMetrics.majorityCorrect(d, round: r))
                set(.oracle, QuestionMetrics.oracleCorrect(d, round: r))
                set(.unanimity, QuestionMetrics.unanimous(d, round: r))
                set(.consensus, QuestionMetrics.consensus(d, round: r))
                set(.entropy, QuestionMetrics.answerEntropy(d, round: r))
                let texts = recs.compactMap(\.text)
                if texts.count >= 2 {
                    set(.tfidf, TextDiversity.tfidfDissimilarity(texts))
                    if textExtras {
                        set(.distinct2, TextDiversity.distinctN(texts, n: 2))
                        if selfBLEU { set(.selfBLEU, TextDiversity.selfBLEU(texts)) }
                        if let x = try? Vendi.score(texts: texts), x.isFinite { v[Column.vendi.rawValue] = x }
                    }
                }
            }
            // Mutated in place (`[key, default:]`): a copy taken out and stored back would
            // share, and so copy, the round's arrays on every debate.
            g.rounds[r, default: RoundState()].append(qi, v)
            g.rounds[r]!.agents.formUnion(byAgent.keys)
            g.rounds[r]!.responses += recs.count
            g.rounds[r]!.noAnswer += recs.filter { $0.answer == nil }.count
            g.rounds[r]!.flips.add(FlipCounts.count(d, to: r))
            if agentAccuracy {
                for rec in recs {
                    let key = AgentRound(agent: rec.agent, round: r)
                    let judged: Int8 = QuestionMetrics.judge(rec, in: d).map { $0 ? 1 : 0 } ?? -1
                    g.agents[key, default: AgentState()].debate.append(qi)
                    g.agents[key]!.judged.append(judged)
                    g.agents[key]!.total += 1
                    if rec.answer != nil { g.agents[key]!.answered += 1 }
                }
            }
        }
        state[d.group] = g
    }

    /// The stream of a group's intervals (as `RoundMetrics.table` and `AgentAccuracy.table`).
    static func groupStream(_ stream: SeedStream, _ g: DebateIndex.Group) -> SeedStream {
        stream.child(g.run).child(g.regime).child(g.seed ?? UInt64.max, UInt64(bitPattern: Int64(g.iteration)))
    }

    /// Entry positions of a round ordered by question id (the bootstrap's order).
    private static func byQuestion(_ rs: RoundState, _ questions: [String]) -> [Int] {
        Array(rs.debate.indices).sorted { questions[Int(rs.debate[$0])] < questions[Int(rs.debate[$1])] }
    }

    /// One row per (group, round): groups in order of first appearance, rounds ascending
    /// (the table of `RoundMetrics.table`).
    public func rows(stream: SeedStream = SeedStream(seed: 0), replicates: Int = RoundMetrics.replicates) -> [RoundRow] {
        var rows: [RoundRow] = []
        for g in groups {
            let gst = state[g]!
            let gs = Self.groupStream(stream, g)
            for (k, r) in gst.rounds.keys.sorted().enumerated() {
                let rs = gst.rounds[r]!
                let order = Self.byQuestion(rs, gst.questions)
                func values(_ c: Column) -> [Double] {
                    order.compactMap { i in let x = rs.value(i, c); return Self.isAbsent(x) ? nil : x }
                }
                let stream = gs.child(UInt64(r))
                func summary(_ name: String, _ c: Column) -> Summary {
                    RoundMetrics.bootstrapMean(values(c), stream: stream.child(name), replicates: replicates)
                }
                func optionalSummary(_ name: String, _ c: Column) -> Summary? {
                    let v = values(c)
                    return v.isEmpty ? nil : RoundMetrics.bootstrapMean(v, stream: stream.child(name), replicates: replicates)
                }
                let text = values(.tfidf)
                rows.append(RoundRow(
                    run: g.run, regime: g.regime, seed: g.seed, iteration: g.iteration, round: r,
                    questions: rs.debate.count, agents: rs.agents.count,
                    individualAccuracy: optionalSummary("individual", .individual),
                    majorityAccuracy: optionalSummary("majority", .majority),
                    oracleAccuracy: optionalSummary("oracle", .oracle),
                    unanimity: summary("unanimity", .unanimity),
                    consensus: summary("consensus", .consensus),
                    noAnswerRate: rs.responses == 0 ? .nan : Double(rs.noAnswer) / Double(rs.responses),
                    answerEntropy: summary("entropy", .entropy),
                    flips: k > 0 ? rs.flips : nil,
                    textDiversity: text.isEmpty ? nil : text.reduce(0, +) / Double(text.count)))
            }
        }
        return rows
    }

    /// The text means of each row of `rows`, in the same order (questions in order of first
    /// appearance; nil when no question of the row has two texts, or without `textExtras`).
    public func textRows() -> [TextRow] {
        var out: [TextRow] = []
        for g in groups {
            let gst = state[g]!
            for r in gst.rounds.keys.sorted() {
                let rs = gst.rounds[r]!
                func mean(_ c: Column) -> Double? {
                    var sum = 0.0, n = 0
                    for i in rs.debate.indices {
                        let x = rs.value(i, c)
                        if !Self.isAbsent(x) { sum += x; n += 1 }
                    }
                    return n == 0 ? nil : sum / Double(n)
                }
                out.append(TextRow(distinct2: mean(.distinct2), selfBLEU: mean(.selfBLEU), vendi: mean(.vendi)))
            }
        }
        return out
    }

    /// The rounds present in any group, ascending.
    public var allRounds: [Int] { Array(Set(state.values.flatMap(\.rounds.keys))).sorted() }

    /// Per-agent accuracy rows (`AgentAccuracy.table`): groups in order, then agent, then round;
    /// empty unless built with `agentAccuracy`.
    public func agentRows(stream: SeedStream = SeedStream(seed: 0), replicates: Int = RoundMetrics.replicates) -> [AgentAccuracy.Row] {
        var rows: [AgentAccuracy.Row] = []
        for g in groups {
            let gst = state[g]!
            let gs = Self.groupStream(stream, g)
            let agents = Array(Set(gst.agents.keys.map(\.agent))).sorted()
            let rounds = gst.rounds.keys.sorted()
            for a in agents {
                for r in rounds {
                    guard let st = gst.agents[AgentRound(agent: a, round: r)], st.total > 0 else { continue }
                    let order = Array(st.debate.indices).sorted { gst.questions[Int(st.debate[$0])] < gst.questions[Int(st.debate[$1])] }
                    let v = order.compactMap { i -> Double? in st.judged[i] < 0 ? nil : Double(st.judged[i]) }
                    guard !v.isEmpty else { continue }
                    rows.append(AgentAccuracy.Row(group: g, agent: a, round: r,
                                                  accuracy: RoundMetrics.bootstrapMean(v, stream: gs.child(UInt64(a), UInt64(r)), replicates: replicates),
                                                  noAnswerRate: Double(st.total - st.answered) / Double(st.total)))
                }
            }
        }
        return rows
    }
}
