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
    /// replies, 95% bootstrap CI over questions. Writes facts.csv.
    static func write(_ analyses: [LogAnalysis], facts: [String: [String]], to dir: URL, seed: UInt64) throws -> [Row] {
        var rows: [Row] = []
        var t = TidyTable(columns: ["file", "round", "fact_coverage_proxy", "lower", "upper", "n", "questions_with_facts", "questions"])
        for a in analyses {
            let texts = a.ingest.questionTexts
            let index = DebateIndex(a.ingest.records)
            let debates = index.groups.flatMap { index.debates($0) }.sorted { $0.question < $1.question }
            let withFacts = debates.filter { texts[$0.question].flatMap { facts[$0] } != nil }
            for r in Array(Set(debates.flatMap(\.rounds))).sorted() {
                let v = withFacts.compactMap { d -> Double? in
                    let f = facts[texts[d.question]!]!
                    let c = d.round(r).compactMap { $0.text.flatMap { FactCoverage.coverage($0, facts: f) } }
                    return c.isEmpty ? nil : c.reduce(0, +) / Double(c.count)
                }
                let s = RoundMetrics.bootstrapMean(v, stream: SeedStream(seed: seed).child("facts").child(a.name).child(UInt64(r)))
                rows.append(Row(file: a.name, round: r, coverage: s, questionsWithFacts: withFacts.count, questions: debates.count))
                t.append([a.name, String(r), TidyTable.format(s.mean), TidyTable.format(s.lower), TidyTable.format(s.upper), String(s.n), String(withFacts.count), String(debates.count)])
            }
        }
        try t.write(to: dir.appendingPathComponent("facts.csv"))
        return rows
    }

    static func text(_ rows: [Row], file: String) -> String {
        let mine = rows.filter { $0.file == file }
        guard let first = mine.first else { return "" }
        var lines = [["round", "fact coverage (lexical proxy) [95% CI]"]]
        for r in mine { lines.append([String(r.round), AnalyzeOutput.ci(r.coverage)]) }
        return "fact coverage, a lexical proxy (share of facts with ≥ 50% of their content words in a reply; not an LLM judge), \(first.questionsWithFacts) of \(first.questions) questions have facts:\n" + TextTable.render(lines)
    }
}
