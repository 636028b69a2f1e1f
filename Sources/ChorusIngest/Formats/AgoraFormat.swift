/// LLM-Agora JSON (github.com/gauss5930/LLM-Agora).
///
/// A list of records `{question_id, question, agent_response, summarization, answer}`;
/// `agent_response` maps each model name to its list of responses, one per round; `answer` is
/// the ground truth (a GSM8K solution). Agents are numbered in the order of the keys of
/// `agent_response`. `summarization` (the summaries shown between rounds) is not an agent
/// response and is not turned into records. A record is skipped when `agent_response` is
/// missing or not an object of string lists, or its models answered different numbers of rounds.
enum AgoraFormat {
    static func parse(_ root: JSONValue, path: String) throws -> ParsedLog {
        guard case .array(let items) = root else {
            throw IngestError.wrongLayout(path: path, format: .agora, reason: "the top level is \(root.kindName), expected a list of records")
        }
        var log = ParsedLog()
        for (index, item) in items.enumerated() {
            let question = item["question"]?.stringValue ?? ""
            let label = ParsedDebate.label(index, question)
            func skip(_ why: String) { log.skipped.append(SkippedDebate(index: index, label: label, reason: why)) }
            guard case .object = item else { skip("record is \(item.kindName), expected an object"); continue }
            guard let responses = item["agent_response"] else { skip("missing \"agent_response\""); continue }
            guard case .object(let models) = responses, !models.isEmpty else { skip("\"agent_response\" is \(responses.kindName), expected a non-empty object of model → responses"); continue }
            var replies: [[String]] = []
            var bad: String? = nil
            for m in models {
                guard case .array(let list) = m.value else { bad = "model \"\(m.key)\": responses are \(m.value.kindName), expected a list"; break }
                var texts: [String] = []
                for (r, x) in list.enumerated() {
                    guard let s = x.stringValue else { bad = "model \"\(m.key)\" round \(r + 1): \(x.kindName), expected a string"; break }
                    texts.append(s)
                }
                if bad != nil { break }
                if texts.isEmpty { bad = "model \"\(m.key)\": no responses"; break }
                replies.append(texts)
            }
            if let bad { skip(bad); continue }
            let counts = replies.map(\.count)
            if Set(counts).count > 1 {
                skip("uneven rounds: " + zip(models, counts).map { "\($0.key) \($1)" }.joined(separator: ", ")); continue
            }
            var truth: String? = nil
            if let a = item["answer"], a != .null {
                guard let t = a.truthText else { skip("\"answer\" is \(a.kindName), expected a string or a number"); continue }
                truth = t
            }
            log.debates.append(ParsedDebate(index: index, question: question, truth: truth, agentNames: models.map(\.key), replies: replies))
        }
        if log.debates.isEmpty, !items.isEmpty, log.skipped.allSatisfy({ $0.reason.contains("agent_response") || $0.reason.hasPrefix("record is") }) {
            throw IngestError.wrongLayout(path: path, format: .agora, reason: "no record has an \"agent_response\" object (first: \(log.skipped[0].text))")
        }
        return log
    }
}
