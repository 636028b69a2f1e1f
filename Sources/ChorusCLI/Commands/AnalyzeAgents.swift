import ChorusAnalysis
import ChorusIngest
import ChorusRecords
import ChorusStats
import Foundation

/// Per-agent (per-model) accuracy by round in `chorus analyze` (issue 12): a table, agents.csv
/// (drawn by `chorus figures` as per-model-accuracy). In a debate of different models the pooled accuracy hides that one
/// model may be right far more often than another (the LLM-Agora GSM log).
enum AnalyzeAgents {
    struct FileRows {
        var file: String
        var names: [String]?
        var rows: [AgentAccuracy.Row]
        func label(_ agent: Int) -> String {
            if let names, agent < names.count { return "\(agent) \(names[agent])" }
            return "agent \(agent)"
        }
    }

    /// Writes agents.csv; returns the rows per file (logs with answers only). The rows were
    /// computed while the log was read (`AnalyzeFile`, `RoundAccumulator.agentRows`).
    static func write(_ analyses: [LogAnalysis], to dir: URL) throws -> [FileRows] {
        var out: [FileRows] = []
        for a in analyses where a.hasAnswers {
            out.append(FileRows(file: a.name, names: a.ingest.agentNames, rows: a.agentRows))
        }
        // Row by row (a 1 GB log has 60,000 of them), the same bytes as `table(out).write`.
        let t = try AnalyzeTableStream(dir.appendingPathComponent("agents.csv"), columns: columns)
        for f in out { for r in f.rows { t.append(cells(f, r)) } }
        try t.close()
        return out
    }

    /// The columns of agents.csv.
    static let columns = ["file", "run", "regime", "seed", "iteration", "agent", "agent_name", "round", "accuracy", "lower", "upper", "n", "no_answer_rate"]

    /// One row of agents.csv.
    static func cells(_ f: FileRows, _ r: AgentAccuracy.Row) -> [String] {
        [f.file, r.group.run, r.group.regime, r.group.seed.map(String.init) ?? "", String(r.group.iteration), String(r.agent),
         f.names.flatMap { r.agent < $0.count ? $0[r.agent] : nil } ?? "", String(r.round),
         TidyTable.format(r.accuracy.mean), TidyTable.format(r.accuracy.lower), TidyTable.format(r.accuracy.upper),
         String(r.accuracy.n), TidyTable.format(r.noAnswerRate)]
    }

    /// agents.csv as a table (`analyze --run`, whose files are small).
    static func table(_ files: [FileRows]) -> TidyTable {
        var t = TidyTable(columns: columns)
        for f in files { for r in f.rows { t.append(cells(f, r)) } }
        return t
    }

    /// The printed table of one file: agent × round, accuracy [95% CI] (when it has ≥ 2 agents).
    static func text(_ files: [FileRows], file: String) -> String {
        guard let f = files.first(where: { $0.file == file }), Set(f.rows.map(\.agent)).count > 1 else { return "" }
        let groups = Set(f.rows.map(\.group)).count
        var lines = [["agent"] + (groups > 1 ? ["group"] : []) + Array(Set(f.rows.map(\.round))).sorted().map { "round \($0) acc [95% CI]" }]
        var seen: [String: Int] = [:]
        for r in f.rows {
            let key = "\(r.group)|\(r.agent)"
            if seen[key] == nil { seen[key] = lines.count; lines.append([f.label(r.agent)] + (groups > 1 ? [r.group.description] : [])) }
            lines[seen[key]!].append(AnalyzeOutput.ci(r.accuracy))
        }
        return "accuracy per agent (model) by round:\n" + TextTable.render(lines)
    }
}
