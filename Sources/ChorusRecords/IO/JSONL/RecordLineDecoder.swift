import Foundation

/// Decodes one line of the canonical JSON Lines format into a `ResponseRecord` with a
/// hand-written scanner (no `JSONDecoder`, no intermediate dictionary).
///
/// Required keys: `run`, `regime`, `iteration`, `question`, `agent`, `role`, `round`. Optional
/// keys may be absent or null. A syntax error throws; a missing key, an unknown key (not part of
/// the format, docs/formats.md) or a value of the wrong type gives a skip reason instead.
/// - Complexity: O(line length).
package enum RecordLineDecoder {
    /// A line's record, or why the well-formed line is not one.
    package enum Outcome {
        /// A valid record.
        case record(ResponseRecord)
        /// A well-formed line that is not a valid record, and why.
        case invalid(String)
    }

    private enum Key: Int, CaseIterable {
        case run, regime, seed, iteration, question, agent, role, round, answer, correct, truth
        case chain, style, logprob, evidence, text, embedding

        var name: String { self == .logprob ? ResponseRecord.CodingKeys.logProbability.rawValue : String(describing: self) }
    }

    private static let keyBytes: [[UInt8]] = Key.allCases.map { Array($0.name.utf8) }

    private static func key(_ s: JSONScanner, _ r: Range<Int>) -> Key? {
        let n = r.count
        outer: for (i, kb) in keyBytes.enumerated() where kb.count == n {
            for k in 0..<n where s.bytes[r.lowerBound + k] != kb[k] { continue outer }
            return Key(rawValue: i)
        }
        return nil
    }

    /// Decodes one line (without its line end; valid UTF-8, `UTF8Check`).
    /// - Throws: `JSONSyntaxError` when the line is not valid JSON.
    package static func decode(_ line: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> Outcome {
        var s = JSONScanner(line)
        guard let first = s.peek() else { return .invalid("empty line") }
        guard first == 0x7B else {
            try s.skipValue()
            if let c = s.peek() { throw s.fail("unexpected \(JSONScanner.describe(c)) after the JSON value") }
            return .invalid("the line is not a JSON object")
        }
        s.pos += 1

        var run: String?, regime: String?, question: String?, roleText: String?
        var iteration: Int?, agent: Int?, round: Int?
        var seed: UInt64?, answer: String?, correct: Bool?, truth: String?
        var chain: Int?, style: Int?, logprob: Double?, evidence: Double?, text: String?
        var embedding: [Double]?
        var problem: String?

        func note(_ p: String) { if problem == nil { problem = p } }

        if s.peek() == 0x7D {
            s.pos += 1
        } else {
            members: while true {
                s.skipWhitespace()
                guard !s.atEnd else { throw s.fail("unexpected end of line in an object") }
                guard s.bytes[s.pos] == 0x22 else { throw s.fail("expected a key string, found \(JSONScanner.describe(s.bytes[s.pos]))") }
                let keyStart = s.pos
                let raw = try s.skipString()
                var k = key(s, raw)
                if k == nil, line[raw].contains(0x5C) {   // a key written with escapes
                    var t = JSONScanner(line); t.pos = keyStart
                    let decoded = try t.readString()
                    k = Key.allCases.first { $0.name == decoded }
                }
                try s.expect(0x3A, "':' after a key")
                guard let c = s.peek() else { throw s.fail("unexpected end of line, expected a value") }
                if let k {
                    let kind = c == 0x6E ? "null" : c == 0x22 ? "a string" : c == 0x7B ? "an object" : c == 0x5B ? "an array" : (c == 0x74 || c == 0x66) ? "a boolean" : "a number"
                    func wrong(_ expected: String) throws(JSONSyntaxError) {
                        note("key '\(k.name)' should be \(expected), found \(kind)")
                        try s.skipValue()
                    }
                    switch k {
                    case .run, .regime, .question, .role, .text:
                        if c == 0x22 {
                            let v = try s.readString()
                            switch k {
                            case .run: run = v
                            case .regime: regime = v
                            case .question: question = v
                            case .role: roleText = v
                            default: text = v
                            }
                        } else if c == 0x6E, k == .text { try s.literal("null") }
                        else { try wrong("a string") }
                    case .answer, .truth:
                        var v: String?
                        if c == 0x22 { v = try s.readString() }
                        else if c == 0x6E { try s.literal("null") }
                        else { try wrong("a string or null") }
                        if k == .answer { answer = v } else { truth = v }
                    case .iteration, .agent, .round, .chain, .style:
                        if c == 0x6E, k == .chain || k == .style { try s.literal("null"); break }
                        guard c == 0x2D || (c >= 0x30 && c <= 0x39) else { try wrong("an integer"); break }
                        let r = try s.scanNumber()
                        guard let v = s.integer(r) else { note("key '\(k.name)' should be an integer, found \(s.text(r))"); break }
                        switch k {
                        case .iteration: iteration = v
                        case .agent: agent = v
                        case .round: round = v
                        case .chain: chain = v
                        default: style = v
                        }
                    case .seed:
                        if c == 0x6E { try s.literal("null"); break }
                        guard c == 0x2D || (c >= 0x30 && c <= 0x39) else { try wrong("an unsigned integer"); break }
                        let r = try s.scanNumber()
                        guard let v = UInt64(s.text(r)) else { note("key 'seed' should be an unsigned 64-bit integer, found \(s.text(r))"); break }
                        seed = v
                    case .correct:
                        if c == 0x74 { try s.literal("true"); correct = true }
                        else if c == 0x66 { try s.literal("false"); correct = false }
                        else if c == 0x6E { try s.literal("null") }
                        else { try wrong("true, false or null") }
                    case .logprob, .evidence:
                        if c == 0x6E { try s.literal("null"); break }
                        guard c == 0x2D || (c >= 0x30 && c <= 0x39) else { try wrong("a number"); break }
                        let r = try s.scanNumber()
                        let v = s.double(r)
                        // 1e999 is valid JSON but overflows to ±∞, which would poison every mean.
                        guard v.isFinite else { note("key '\(k.name)' should be a finite number, found \(s.text(r))"); break }
                        if k == .logprob { logprob = v } else { evidence = v }
                    case .embedding:
                        if c == 0x6E { try s.literal("null"); break }
                        guard c == 0x5B else { try wrong("an array of numbers"); break }
                        s.pos += 1
                        var e: [Double] = []
                        if s.peek() == 0x5D { s.pos += 1; embedding = e; break }
                        while true {
                            guard let d = s.peek() else { throw s.fail("unexpected end of line in an array") }
                            if d == 0x2D || (d >= 0x30 && d <= 0x39) {
                                let r = try s.scanNumber()
                                let x = s.double(r)
                                if x.isFinite { e.append(x) } else { note("key 'embedding' should hold only finite numbers, found \(s.text(r))") }
                            }
                            else { note("key 'embedding' should hold only numbers"); try s.skipValue(depth: 1) }
                            guard let n = s.peek() else { throw s.fail("unexpected end of line in an array") }
                            if n == 0x2C { s.pos += 1; continue }
                            if n == 0x5D { s.pos += 1; break }
                            throw s.fail("expected ',' or ']' in an array, found \(JSONScanner.describe(n))")
                        }
                        embedding = e
                    }
                } else {
                    var t = JSONScanner(line); t.pos = keyStart
                    let name = (try? t.readString()) ?? "?"
                    note("unknown key '\(name)' (not part of the canonical format)")
                    try s.skipValue(depth: 1)
                }
                guard let d = s.peek() else { throw s.fail("unexpected end of line in an object") }
                if d == 0x2C { s.pos += 1; continue members }
                if d == 0x7D { s.pos += 1; break members }
                throw s.fail("expected ',' or '}' in an object, found \(JSONScanner.describe(d))")
            }
        }
        if let c = s.peek() { throw s.fail("unexpected \(JSONScanner.describe(c)) after the record") }

        if let problem { return .invalid(problem) }
        var missing: [String] = []
        if run == nil { missing.append("run") }
        if regime == nil { missing.append("regime") }
        if iteration == nil { missing.append("iteration") }
        if question == nil { missing.append("question") }
        if agent == nil { missing.append("agent") }
        if roleText == nil { missing.append("role") }
        if round == nil { missing.append("round") }
        guard missing.isEmpty, let run, let regime, let iteration, let question, let agent, let roleText, let round else {
            return .invalid("missing key\(missing.count > 1 ? "s" : "") " + missing.map { "'\($0)'" }.joined(separator: ", "))
        }
        guard let role = Role(rawValue: roleText) else {
            return .invalid("role '\(roleText)' is not one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard round >= 1 else { return .invalid("round \(round) is not ≥ 1") }
        guard agent >= 0 else { return .invalid("agent \(agent) is negative") }
        guard iteration >= 0 else { return .invalid("iteration \(iteration) is negative") }
        if let c = chain, c < 0 { return .invalid("chain \(c) is negative") }
        if let st = style, st < 0 { return .invalid("style \(st) is negative") }
        return .record(ResponseRecord(run: run, regime: regime, seed: seed, iteration: iteration, question: question,
                                      agent: agent, role: role, round: round, answer: answer, correct: correct,
                                      truth: truth, chain: chain, style: style, logProbability: logprob,
                                      evidence: evidence, text: text, embedding: embedding))
    }
}
