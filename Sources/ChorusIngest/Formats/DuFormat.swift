/// Du et al. debate JSON (github.com/composable-models/llm_multiagent_debate), also written by
/// the multiagent-finetuning code (github.com/vsubramaniam851/multiagent-ft).
///
/// One object: question text → `[agent_contexts, ground_truth, ...]` (items after the ground
/// truth are ignored). `agent_contexts` holds one list per agent of chat messages
/// `{"role", "content"}` alternating user/assistant, so round r (1-based) is the assistant
/// message at index 2r − 1. Leading `system` messages are allowed and ignored. `content` is a
/// string, or a list of `{"type": "text", "text": ...}` parts (joined). A question is skipped
/// when its value is not such a list, an agent's messages do not alternate user/assistant
/// (including a last user message with no reply), or its agents answered different numbers of
/// rounds.
enum DuFormat {
    static func parse(_ root: JSONValue, path: String) throws -> ParsedLog {
        guard case .object(let members) = root else {
            throw IngestError.wrongLayout(path: path, format: .du, reason: "the top level is \(root.kindName), expected an object mapping questions to [agent_contexts, ground_truth, ...]")
        }
        var log = ParsedLog()
        for (index, m) in members.enumerated() {
            let label = ParsedDebate.label(index, m.key)
            switch debate(m.value) {
            case .success(let (replies, truth)):
                log.debates.append(ParsedDebate(index: index, question: m.key, truth: truth, agentNames: nil, replies: replies))
            case .failure(let why):
                log.skipped.append(SkippedDebate(index: index, label: label, reason: why.reason))
            }
        }
        if log.debates.isEmpty, !members.isEmpty, log.skipped.allSatisfy({ $0.reason.hasPrefix(Self.notAList) }) {
            throw IngestError.wrongLayout(path: path, format: .du, reason: "no value is a [agent_contexts, ground_truth, ...] list (first: \(log.skipped[0].text))")
        }
        return log
    }

    struct Reason: Error { var reason: String }
    static let notAList = "value is not [agent_contexts, ground_truth, ...]"

    static func debate(_ v: JSONValue) -> Result<([[String]], String?), Reason> {
        // The Du et al. biography layout: person → agent_contexts directly (no wrapping list and
        // no ground truth; the facts are in a separate file, `chorus analyze --facts`). Read as
        // [agent_contexts] without truth (issue 12).
        if case .array(let items) = v, case .array(let firstAgent)? = items.first, case .object? = firstAgent.first {
            return debate(.array([v]))
        }
        guard case .array(let items) = v, let first = items.first, case .array(let contexts) = first else {
            return .failure(Reason(reason: "\(notAList) (found \(v.kindName))"))
        }
        guard !contexts.isEmpty else { return .failure(Reason(reason: "no agents")) }
        var truth: String? = nil
        if items.count > 1 {
            switch items[1] {
            case .null: truth = nil
            default:
                guard let t = items[1].truthText else { return .failure(Reason(reason: "ground truth is \(items[1].kindName), expected a string or a number")) }
                truth = t
            }
        }
        var replies: [[String]] = []
        for (a, ctx) in contexts.enumerated() {
            guard case .array(let messages) = ctx else { return .failure(Reason(reason: "agent \(a): context is \(ctx.kindName), expected a list of messages")) }
            var texts: [String] = []
            var expectUser = true
            var sawNonSystem = false
            for (k, msg) in messages.enumerated() {
                guard case .object = msg else { return .failure(Reason(reason: "agent \(a) message \(k): \(msg.kindName), expected {\"role\", \"content\"}")) }
                guard let role = msg["role"]?.stringValue else { return .failure(Reason(reason: "agent \(a) message \(k): missing \"role\"")) }
                if role == "system", !sawNonSystem { continue }
                sawNonSystem = true
                let want = expectUser ? "user" : "assistant"
                guard role == want else {
                    return .failure(Reason(reason: "agent \(a) message \(k): role \"\(role)\" breaks the user/assistant alternation (expected \"\(want)\")"))
                }
                if !expectUser {
                    guard let content = msg["content"], let text = contentText(content) else {
                        return .failure(Reason(reason: "agent \(a) message \(k): missing or non-text \"content\""))
                    }
                    texts.append(text)
                }
                expectUser.toggle()
            }
            if !expectUser { return .failure(Reason(reason: "agent \(a): the last user message has no assistant reply")) }
            guard !texts.isEmpty else { return .failure(Reason(reason: "agent \(a): no assistant reply")) }
            replies.append(texts)
        }
        let counts = replies.map(\.count)
        if Set(counts).count > 1 {
            return .failure(Reason(reason: "uneven rounds: agents answered " + counts.map(String.init).joined(separator: ", ") + " rounds"))
        }
        return .success((replies, truth))
    }

    /// A message's text: a string, or the concatenated `text` of a list of parts.
    static func contentText(_ v: JSONValue) -> String? {
        switch v {
        case .string(let s): return s
        case .array(let parts):
            var out = ""
            for p in parts {
                if let s = p.stringValue { out += s } else if let s = p["text"]?.stringValue { out += s } else { return nil }
            }
            return out
        default: return nil
        }
    }
}
