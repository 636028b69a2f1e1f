/// One question's debate as read from a whole-document log, before answer extraction.
struct ParsedDebate: Sendable {
    /// Position of the question in the file (0-based); gives the stable id "q0007".
    var index: Int
    /// The question (for messages).
    var question: String
    /// The raw ground truth, when the log has one.
    var truth: String?
    /// Agent names, when the log has them (LLM-Agora model names).
    var agentNames: [String]?
    /// `replies[agent][round - 1]`: each agent's reply text per round.
    var replies: [[String]]

    var agents: Int { replies.count }
    var rounds: Int { replies.first?.count ?? 0 }

    /// The stable question id: "q" and the 0-based position, at least 4 digits.
    static func id(_ index: Int) -> String {
        let s = String(index)
        return "q" + String(repeating: "0", count: max(0, 4 - s.count)) + s
    }

    /// A label for skip reasons: id and the question's start.
    static func label(_ index: Int, _ question: String) -> String {
        let oneLine = question.split(whereSeparator: \.isNewline).joined(separator: " ")
        let short = oneLine.count > 40 ? String(oneLine.prefix(40)) + "…" : oneLine
        return "\(id(index)) \"\(short)\""
    }
}

/// A question dropped while reading, with the reason.
struct SkippedDebate: Sendable {
    var index: Int
    var label: String
    var reason: String
    var text: String { "\(label): \(reason)" }
}

/// The result of parsing a whole-document log's layout.
struct ParsedLog: Sendable {
    var debates: [ParsedDebate] = []
    var skipped: [SkippedDebate] = []
}

extension JSONValue {
    /// Text of a ground-truth value: a string as is, a number as its literal; nil otherwise.
    var truthText: String? {
        switch self {
        case .string(let s): return s
        case .number(let n): return n
        default: return nil
        }
    }
}
