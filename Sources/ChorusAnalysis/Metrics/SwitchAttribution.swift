/// How much of the switching between rounds followed evidence and how much followed support,
/// where the simulator records the evidence an agent read (`ResponseRecord.evidence`).
///
/// For an agent that switched from answer o (round r − 1) to answer a (round r):
/// - *support* favoured the switch when a had more agents than o in round r − 1
///   (s(a) > s(o), counts over all agents of that round);
/// - *evidence* favoured the switch when the evidence the agent read for a exceeds its reading
///   for o: e(a) is the switch record's `evidence`; e(o) is the agent's own round r − 1
///   `evidence` if recorded (it chose o then), else the mean `evidence` of round-r records that
///   chose o; a switch with neither reading available is `unattributed`.
/// Each attributed switch lands in exactly one of evidenceOnly, supportOnly, both, neither.
/// The share of switches that support alone explains is a conformity measure that, unlike
/// `FlipCounts.conformity`, is not confounded with following better evidence. Known bias: the
/// readings are noisy, so a switch towards a truly better answer can look support-driven.
public struct SwitchAttribution: Sendable, Equatable {
    /// Switches that evidence favoured and support did not.
    public var evidenceOnly = 0
    /// Switches that support favoured and evidence did not.
    public var supportOnly = 0
    /// Switches that both evidence and support favoured.
    public var both = 0
    /// Switches that neither evidence nor support favoured.
    public var neither = 0
    /// Switches without an evidence reading for one of the two answers.
    public var unattributed = 0

    /// All counts at 0.
    public init() {}

    /// Attributed switches.
    public var attributed: Int { evidenceOnly + supportOnly + both + neither }
    /// Fraction of attributed switches that support favoured and evidence did not.
    public var supportOnlyShare: Double? { attributed > 0 ? Double(supportOnly) / Double(attributed) : nil }
    /// Fraction of attributed switches that evidence favoured (alone or with support).
    public var evidenceShare: Double? { attributed > 0 ? Double(evidenceOnly + both) / Double(attributed) : nil }

    /// Adds another set of counts to these (pooling questions or rounds).
    public mutating func add(_ o: SwitchAttribution) {
        evidenceOnly += o.evidenceOnly; supportOnly += o.supportOnly; both += o.both
        neither += o.neither; unattributed += o.unattributed
    }

    /// The attribution of the switches from round `r − 1` to round `r` of one debate.
    public static func count(_ d: DebateIndex.Debate, to r: Int) -> SwitchAttribution {
        var s = SwitchAttribution()
        guard let prev = d.responses[r - 1], let cur = d.responses[r] else { return s }
        var support: [String: Int] = [:]
        for rec in prev.values { if let a = rec.answer { support[a, default: 0] += 1 } }
        var readings: [String: [Double]] = [:]
        // In agent order: the mean of the readings is a floating-point sum, which must not
        // depend on the dictionary's per-process order.
        for agent in cur.keys.sorted() { if let rec = cur[agent], let a = rec.answer, let e = rec.evidence { readings[a, default: []].append(e) } }
        for agent in cur.keys.sorted() {
            guard let old = prev[agent], let new = cur[agent], old.answer != new.answer, let a = new.answer else { continue }
            let eOld: Double?
            if let e = old.evidence, old.answer != nil { eOld = e }
            else if let o = old.answer, let rs = readings[o], !rs.isEmpty { eOld = rs.reduce(0, +) / Double(rs.count) }
            else if old.answer == nil { eOld = -.infinity }   // no answer before: any reading beats it
            else { eOld = nil }
            guard let eNew = new.evidence, let eo = eOld else { s.unattributed += 1; continue }
            let bySupport = (support[a] ?? 0) > (old.answer.flatMap { support[$0] } ?? 0)
            let byEvidence = eNew > eo
            switch (byEvidence, bySupport) {
            case (true, true): s.both += 1
            case (true, false): s.evidenceOnly += 1
            case (false, true): s.supportOnly += 1
            case (false, false): s.neither += 1
            }
        }
        return s
    }
}
