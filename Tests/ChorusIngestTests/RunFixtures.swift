import Foundation
@testable import ChorusIngest

/// Small run fixtures the tests write themselves (never copies of ../shared/realdata).
enum RunFixtures {
    /// One question of a Du et al. log: its text, its GSM-style truth number, and
    /// `answers[agent][round]` (nil: a reply without a number).
    struct Question { var text: String; var truth: Int; var answers: [[Int?]] }

    static func quote(_ s: String) -> String {
        let d = try! JSONSerialization.data(withJSONObject: [s], options: [.withoutEscapingSlashes])
        let t = String(decoding: d, as: UTF8.self)
        return String(t.dropFirst().dropLast())
    }

    /// A Du et al. debate JSON document.
    static func du(_ qs: [Question]) -> String {
        var members: [String] = []
        for q in qs {
            var agents: [String] = []
            for rounds in q.answers {
                var msgs: [String] = []
                for (r, a) in rounds.enumerated() {
                    let user = r == 0 ? "Can you solve the following math problem? \(q.text) Explain your reasoning." : "These are the solutions from other agents. Update your answer."
                    msgs.append("{\"role\":\"user\",\"content\":\(quote(user))}")
                    let reply = a.map { "The answer is \\\\boxed{\($0)}." } ?? "I am not sure."
                    msgs.append("{\"role\":\"assistant\",\"content\":\"\(reply)\"}")
                }
                agents.append("[" + msgs.joined(separator: ",") + "]")
            }
            members.append("\(quote(q.text)):[[\(agents.joined(separator: ","))],\(quote("Work. #### \(q.truth)"))]")
        }
        return "{" + members.joined(separator: ",\n") + "}"
    }

    /// A FastChat training file: (question text, answer) per example.
    static func fastchat(_ examples: [(String, Int)]) -> String {
        "[" + examples.enumerated().map { i, e in
            "{\"id\":\"ex\(i)\",\"conversations\":[{\"from\":\"human\",\"value\":\(quote("Can you solve the following math problem? \(e.0) Explain your reasoning."))},{\"from\":\"gpt\",\"value\":\"So \\\\boxed{\(e.1)}.\"}]}"
        }.joined(separator: ",") + "]"
    }

    /// An OpenAI chat JSON Lines training file.
    static func openai(_ examples: [(String, Int)]) -> String {
        examples.map { e in
            "{\"messages\":[{\"role\":\"system\",\"content\":\"You are a helpful assistant.\"},{\"role\":\"user\",\"content\":\(quote(e.0))},{\"role\":\"assistant\",\"content\":\"The answer is \\\\boxed{\(e.1)}.\"}]}"
        }.joined(separator: "\n") + "\n"
    }

    static func write(_ text: String, _ dir: URL, _ name: String) throws -> URL {
        let u = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: u.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: u, atomically: true, encoding: .utf8)
        return u
    }

    /// Two iterations, 3 agents × 2 rounds, questions "What is 1+1?" (truth 2) and
    /// "What is 2+3?" (truth 5); training files for agents a0 (FastChat) and a1 (OpenAI).
    static let iteration0 = [Question(text: "What is 1+1?", truth: 2, answers: [[2, 2], [3, 2], [4, 4]]),
                             Question(text: "What is 2+3?", truth: 5, answers: [[5, 5], [5, 5], [6, 5]])]
    static let iteration1 = [Question(text: "What is 1+1?", truth: 2, answers: [[2, 2], [2, 2], [2, 2]]),
                             Question(text: "What is 2+3?", truth: 5, answers: [[5, 5], [nil, 5], [6, 6]])]

    static func run(in dir: URL) throws -> URL {
        _ = try write(du(iteration0), dir, "it0/debate.json")
        _ = try write(du(iteration1), dir, "it1/debate.json")
        _ = try write(fastchat([("What is 1+1?", 2), ("What is 2+3?", 5)]), dir, "it1/a0.json")
        _ = try write(openai([("What is 1+1?", 2), ("What is 2+3?", 5), ("What is 9+9?", 18)]), dir, "it1/a1.jsonl")
        return try write("""
        name: toy
        agents: [a0, a1, a2]
        iterations:
          0: it0/debate.json
          1:
            debate: it1/debate.json
            training:
              a0: it1/a0.json
              a1: it1/a1.jsonl
        """, dir, "run.yaml")
    }
}
