import Foundation
import ChorusStats
import ChorusTestSupport

/// A seeded generator of malformed inputs for the real commands (issue 10): configurations for
/// `chorus simulate --config` and logs for `chorus analyze`, built by hand (alias bombs, deep
/// nesting, wrong types at every key, huge and non-finite numbers, long strings, invalid UTF-8,
/// BOMs, CRLF, truncations) and by random mutation of valid inputs, plus file-system oddities
/// (FIFOs, folders, symbolic links, dangling links). Case `i` of seed `s` is always the same
/// bytes, so a failing case is reproduced by its seed and index.
struct FuzzCorpus {
    enum Kind: String { case config, log }

    struct Case: @unchecked Sendable {   // used by one thread at a time
        var index: Int
        var kind: Kind
        var label: String
        /// The file to pass (created by `materialize`).
        var make: @Sendable (URL) throws -> URL
    }

    static let fixtures = Paths.fixtures
    static let logFixtures = ["du_numeric.json", "agora_small.json", "records_small.jsonl", "mft_math.json",
                              "du_seven_agents.json", "du_choice_one_agent.json"]

    /// A valid configuration touching every section (the base of config mutations).
    static let validConfig = """
        name: fuzz
        seeds: [1]
        regimes: [multiagent]
        iterations: 1
        task:
          train_questions: 8
          test_questions: 8
          chains_per_question: 6
          wrong_answers: 2
          styles: 2
          feature_dimension: 3
          learnability: 1.0
          base_accuracy: 0.45
        agents:
          count: 2
          temperature: 1.0
        debate:
          rounds: 2
          summary_noise: 0.2
          evidence_weight: 1.0
        finetune:
          learning_rate: 0.5
          epochs: 2
          batch_size: 4
        output:
          transcripts: [0]

        """

    static let keys = ["name", "seeds", "regimes", "iterations", "task.train_questions", "task.test_questions",
                       "task.chains_per_question", "task.wrong_answers", "task.styles", "task.feature_dimension",
                       "task.learnability", "task.base_accuracy", "agents.count", "agents.temperature", "debate.rounds",
                       "debate.summary_noise", "debate.evidence_weight", "finetune.learning_rate", "finetune.epochs",
                       "finetune.batch_size", "output.transcripts", "debate.summarize", "finetune.data"]
    static let oddValues = ["", "~", "null", "[]", "{}", "[[[]]]", "{a: 1}", "\"text\"", "-1", "0", "0.5", "1e308", "-1e308",
                            "1e400", ".nan", ".inf", "-.inf", "NaN", "9223372036854775808", "-9223372036854775809",
                            "18446744073709551616", "true", "0x10", "1_000", "'1'", "[1, two]", "*a", "&a 1", "!!binary aGVsbG8=",
                            String(repeating: "9", count: 400), String(repeating: "x", count: 5000), "\"\\u0000\"", "|\n  block",
                            "0.0000000000000000000001", "1e-300", "[1, 1]", "[0, 2, 1, 5000]"]

    /// The hand-built configurations.
    static func handConfigs() -> [(String, [UInt8])] {
        var out: [(String, [UInt8])] = []
        func add(_ label: String, _ text: String) { out.append((label, Array(text.utf8))) }
        // Alias bombs at several depths and places.
        for levels in [3, 6, 9, 12] {
            var s = "a0: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1]\n"
            for k in 1..<levels { s += "a\(k): &a\(k) [" + Array(repeating: "*a\(k - 1)", count: 9).joined(separator: ", ") + "]\n" }
            add("alias bomb \(levels) in seeds", s + "seeds: *a\(levels - 1)\n")
            add("alias bomb \(levels) in transcripts", s + "output:\n  transcripts: *a\(levels - 1)\n")
            add("alias bomb \(levels) as key", s + "? *a\(levels - 1)\n: 1\n")
        }
        add("merge key", "base: &b {rounds: 3}\ndebate:\n  <<: *b\n")
        for n in [65, 1000, 100_000] { add("flow nesting \(n)", "seeds: " + String(repeating: "[", count: n) + "\n") }
        for n in [300, 5000] { add("block nesting \(n)", "seeds:\n" + String(repeating: "- ", count: n) + "1\n") }
        add("deep mapping", (0..<400).map { String(repeating: " ", count: $0) + "k\($0):\n" }.joined())
        // Wrong types at every key, and every odd value at every key.
        // Six odd values per key, rotating, so that every value meets several keys.
        for (i, k) in keys.enumerated() {
            for j in 0..<6 { let v = oddValues[(i * 5 + j * 7) % oddValues.count]; add("\(k) = \(v.prefix(20))", yaml(setting: k, to: v)) }
        }
        add("long name", "name: " + String(repeating: "n", count: 1_000_000) + "\n")
        add("long key", String(repeating: "k", count: 100_000) + ": 1\n")
        add("many seeds", "seeds: [" + (0..<100_001).map(String.init).joined(separator: ",") + "]\n")
        add("bom", "\u{FEFF}name: bom\n")
        add("crlf", validConfig.replacingOccurrences(of: "\n", with: "\r\n"))
        add("tabs", "task:\n\ttrain_questions: 3\n")
        add("two documents", "name: a\n---\nname: b\n")
        add("top-level list", "- 1\n- 2\n")
        add("top-level scalar", "42\n")
        add("duplicate key", "name: a\nname: b\n")
        add("unknown key", "nmae: typo\n")
        add("huge memory", "seeds: [1]\ntask:\n  test_questions: 10000000\n  chains_per_question: 1000\n")
        out.append(("invalid utf-8", Array("name: ".utf8) + [0xFF, 0xFE, 0xC3, 0x28] + Array("\n".utf8)))
        out.append(("nul bytes", Array("name: a".utf8) + [0, 0, 0] + Array("\n".utf8)))
        return out
    }

    /// `validConfig` with `key` (a dotted path) set to the raw YAML `value`.
    static func yaml(setting key: String, to value: String) -> String {
        let parts = key.split(separator: ".").map(String.init)
        if parts.count == 1 { return parts[0] + ": " + value + "\n" }
        return parts[0] + ":\n  " + parts[1] + ": " + value + "\n"
    }

    /// Random mutations of `bytes`: truncation, byte flips, insertions of YAML/JSON syntax,
    /// deletions, duplications of a slice, non-finite numbers, invalid UTF-8.
    static func mutate(_ bytes: [UInt8], _ g: inout Xoshiro256) -> ([UInt8], String) {
        var b = bytes
        func pos() -> Int { b.isEmpty ? 0 : Int(g.next() % UInt64(b.count)) }
        let snippets = ["[", "]", "{", "}", ",", ":", "\"", "'", "\\", "\n", "\r\n", "null", "NaN", "Infinity", "-Infinity",
                        "1e999", "-0", "1e-999", "\u{FEFF}", "#", "&a", "*a", "- ", "  ", "\t", "[[[[[[[[", "{\"a\":",
                        "\"\\ud800\"", "18446744073709551616", "true", "9.999e307", "\\u0000"]
        let n = 1 + Int(g.next() % 4)
        var what: [String] = []
        for _ in 0..<n {
            switch g.next() % 7 {
            case 0:
                let p = pos(); b = Array(b.prefix(p)); what.append("truncate@\(p)")
            case 1:
                if !b.isEmpty { let p = pos(); b[p] = UInt8(truncatingIfNeeded: g.next()); what.append("flip@\(p)") }
            case 2:
                let p = pos(), s = snippets[Int(g.next() % UInt64(snippets.count))]
                b.insert(contentsOf: Array(s.utf8), at: p); what.append("insert@\(p)")
            case 3:
                if !b.isEmpty { let p = pos(); let l = min(b.count - p, 1 + Int(g.next() % 40)); b.removeSubrange(p..<(p + l)); what.append("delete@\(p)") }
            case 4:
                if !b.isEmpty { let p = pos(); let l = min(b.count - p, 1 + Int(g.next() % 200)); b.insert(contentsOf: b[p..<(p + l)], at: pos()); what.append("dup@\(p)") }
            case 5:
                let p = pos(); b.insert(contentsOf: [0xC3, 0x28, 0xFF], at: p); what.append("badutf8@\(p)")
            default:
                // Replace a digit run by a huge or odd number.
                if let p = b.indices.first(where: { $0 >= pos() && b[$0] >= 0x30 && b[$0] <= 0x39 }) {
                    let odd = ["1e400", "-1e308", "99999999999999999999999", "0.0", "-1", "1.5"][Int(g.next() % 6)]
                    b.replaceSubrange(p..<(p + 1), with: Array(odd.utf8)); what.append("number@\(p)")
                }
            }
        }
        return (b, what.joined(separator: ","))
    }

    /// Hand-built logs.
    static func handLogs() -> [(String, [UInt8])] {
        var out: [(String, [UInt8])] = []
        func add(_ l: String, _ t: String) { out.append((l, Array(t.utf8))) }
        add("empty", "")
        add("blank", "\n \n")
        add("json null", "null")
        add("json number", "1e999")
        add("json string", "\"text\"")
        add("deep array", String(repeating: "[", count: 100_000))
        add("deep object", String(repeating: "{\"a\":", count: 100_000))
        add("du wrong types", "{\"q\": [[[{\"role\": 1, \"content\": []}]], 5]}")
        add("du nan truth", "{\"q\": [[[{\"role\": \"user\", \"content\": \"x\"}, {\"role\": \"assistant\", \"content\": \"\\\\boxed{5}\"}]], NaN]}")
        add("du exponent truth", "{\"q\": [[[{\"role\": \"user\", \"content\": \"x\"}, {\"role\": \"assistant\", \"content\": \"100000\"}], [{\"role\": \"user\", \"content\": \"x\"}, {\"role\": \"assistant\", \"content\": \"100000\"}]], 1e5]}")
        add("jsonl wrong types", "{\"run\": 1, \"regime\": [], \"iteration\": \"x\", \"question\": {}, \"agent\": -1, \"role\": \"god\", \"round\": 0}\n")
        add("jsonl huge numbers", "{\"run\":\"r\",\"regime\":\"g\",\"iteration\":1e400,\"question\":\"q\",\"agent\":99999999999999999999,\"role\":\"generator\",\"round\":1,\"answer\":null,\"correct\":null}\n")
        add("jsonl long line", "{\"run\":\"" + String(repeating: "r", count: 2_000_000) + "\"}\n")
        add("jsonl bom crlf", "\u{FEFF}" + ((try? String(contentsOf: fixtures.appendingPathComponent("records_small.jsonl"), encoding: .utf8)) ?? "").replacingOccurrences(of: "\n", with: "\r\n"))
        add("agora empty list", "[]")
        add("agora wrong", "[{\"question_id\": [], \"agent_response\": 5}]")
        out.append(("invalid utf-8 json", [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D]))
        out.append(("utf-16", Array("{\"a\": 1}".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }))
        return out
    }

    /// `count` cases from `seed`: the hand-built ones first (configs, logs, file-system
    /// oddities), then random mutations of the valid inputs, alternating configs and logs.
    static func cases(seed: UInt64, count: Int) -> [Case] {
        var out: [Case] = []
        func file(_ name: String, _ bytes: [UInt8]) -> @Sendable (URL) throws -> URL {
            { dir in let u = dir.appendingPathComponent(name); try Data(bytes).write(to: u); return u }
        }
        for (l, b) in handConfigs() { out.append(Case(index: out.count, kind: .config, label: "config: " + l, make: file("c\(out.count).yaml", b))) }
        for (l, b) in handLogs() { out.append(Case(index: out.count, kind: .log, label: "log: " + l, make: file("l\(out.count).json", b))) }
        // File-system oddities.
        for kind in [Kind.config, .log] {
            out.append(Case(index: out.count, kind: kind, label: "\(kind): fifo", make: { dir in
                let u = dir.appendingPathComponent("fifo-\(kind)"); mkfifo(u.path, 0o644); return u }))
            out.append(Case(index: out.count, kind: kind, label: "\(kind): directory", make: { dir in
                let u = dir.appendingPathComponent("folder-\(kind)"); try FileManager.default.createDirectory(at: u, withIntermediateDirectories: true); return u }))
            out.append(Case(index: out.count, kind: kind, label: "\(kind): dangling link", make: { dir in
                let u = dir.appendingPathComponent("dangling-\(kind)")
                try FileManager.default.createSymbolicLink(atPath: u.path, withDestinationPath: dir.appendingPathComponent("none").path); return u }))
            out.append(Case(index: out.count, kind: kind, label: "\(kind): missing", make: { dir in dir.appendingPathComponent("missing-\(kind)") }))
        }
        out.append(Case(index: out.count, kind: .log, label: "log: link to a valid log", make: { dir in
            let u = dir.appendingPathComponent("link.json")
            try FileManager.default.createSymbolicLink(at: u, withDestinationURL: fixtures.appendingPathComponent("du_numeric.json")); return u }))
        out.append(Case(index: out.count, kind: .log, label: "log: /dev/zero", make: { _ in URL(fileURLWithPath: "/dev/zero") }))

        var g = SeedStream(seed: seed).child("fuzz").generator()
        let logs = logFixtures.map { (try? Data(contentsOf: fixtures.appendingPathComponent($0))).map(Array.init) ?? [] }
        let config = Array(validConfig.utf8)
        while out.count < count {
            let i = out.count
            if i % 2 == 0 {
                let (b, what) = mutate(config, &g)
                out.append(Case(index: i, kind: .config, label: "config mutation \(what)", make: file("m\(i).yaml", b)))
            } else {
                let k = Int(g.next() % UInt64(logs.count))
                let (b, what) = mutate(logs[k], &g)
                let ext = logFixtures[k].hasSuffix(".jsonl") ? "jsonl" : "json"
                out.append(Case(index: i, kind: .log, label: "log mutation of \(logFixtures[k]) \(what)", make: file("m\(i).\(ext)", b)))
            }
        }
        return out
    }
}
