import ChorusAnalysis
import ChorusIngest
import ChorusRecords
import ChorusStats
import Foundation

/// `chorus analyze --facts FILE`: the lexical fact-coverage proxy (`FactCoverage`) of every
/// reply, by round, for free-text logs such as the Du et al. biographies (issue 12).
///
/// The facts file is JSON: an object mapping each question (person) as written in the log to a
/// string (split into sentences or lines) or a list of fact strings.
enum AnalyzeFacts {
    struct Row { var file: String; var round: Int; var coverage: Summary; var questionsWithFacts: Int; var questions: Int }

    static func read(_ path: String) throws -> [String: [String]] {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw IngestError.cannotRead(path: path, reason: error.localizedDescription)
        }
        let root = try JSONDocument.parse(data, path: path)
        guard let members = root.objectValue else {
            throw IngestError.invalidRun(path: path, reason: "a facts file must be a JSON object mapping each question (person) to a string or a list of strings; found \(root.kindName)")
        }
        var out: [String: [String]] = [:]
        for m in members {
            if let s = m.value.stringValue { out[m.key] = FactCoverage.facts(fromText: s) }
            else if let a = m.value.arrayValue, let strings = Optional(a.compactMap(\.stringValue)), strings.count == a.count { out[m.key] = strings }
            else { throw IngestError.invalidRun(path: path, reason: "facts of \(JSONText.quote(String(m.key.prefix(60)))): expected a string or a list of strings, found \(m.value.kindName)") }
        }
        return out
    }

    /// Per file and round: mean over questions (with facts) of the mean coverage of the agents'
    /// replies, 95% bootstrap CI over questions, gathered one debate at a time (`chorus analyze`
    /// streams JSON Lines): only (question, round, coverage) is kept per debate with facts.
    struct Accumulator {
        var facts: [String: [String]]
        /// Question id → question text (whole-document logs; JSON Lines have none, so no facts match).
        var texts: [String: String]
        private var entries: [(question: String, round: Int, value: Double)] = []
        private var debates = 0, withFacts = 0

        init(facts: [String: [String]], texts: [String: String]) { self.facts = facts; self.texts = texts }

        mutating func add(_ d: DebateIndex.Debate) {
            debates += 1
            guard let f = texts[d.question].flatMap({ facts[$0] }) else { return }
            withFacts += 1
            for r in d.rounds {
                let c = d.round(r).compactMap { $0.text.flatMap { FactCoverage.coverage($0, facts: f) } }
                if !c.isEmpty { entries.append((d.question, r, c.reduce(0, +) / Double(c.count))) }
            }
        }

        /// One row per round of `rounds` (every round of the file), values ordered by question id.
        func rows(file: String, rounds: [Int], seed: UInt64) -> [Row] {
            let sorted = entries.enumerated().sorted { ($0.element.question, $0.offset) < ($1.element.question, $1.offset) }.map(\.element)
            return rounds.map { r in
                let v = sorted.filter { $0.round == r }.map(\.value)
                let s = RoundMetrics.bootstrapMean(v, stream: SeedStream(seed: seed).child("facts").child(file).child(UInt64(r)))
                return Row(file: file, round: r, coverage: s, questionsWithFacts: withFacts, questions: debates)
            }
        }
    }

    /// Writes facts.csv.
    static func write(_ rows: [Row], to dir: URL) throws {
        var t = TidyTable(columns: ["file", "round", "fact_coverage_proxy", "lower", "upper", "n", "questions_with_facts", "questions"])
        for r in rows {
            t.append([r.file, String(r.round), TidyTable.format(r.coverage.mean), TidyTable.format(r.coverage.lower), TidyTable.format(r.coverage.upper),
                      String(r.coverage.n), String(r.questionsWithFacts), String(r.questions)])
        }
        try t.write(to: dir.appendingPathComponent("facts.csv"))
    }

    static func text(_ rows: [Row], file: String) -> String {
        let mine = rows.filter { $0.file == file }
        guard let first = mine.first else { return "" }
        var lines = [["round", "fact coverage (lexical proxy) [95% CI]"]]
        for r in mine { lines.append([String(r.round), AnalyzeOutput.ci(r.coverage)]) }
        return "fact coverage, a lexical proxy (share of facts with ≥ 50% of their content words in a reply; not an LLM judge), \(first.questionsWithFacts) of \(first.questions) questions have facts:\n" + TextTable.render(lines)
    }
}
