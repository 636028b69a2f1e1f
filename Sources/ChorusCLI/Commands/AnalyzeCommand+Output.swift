import ChorusAnalysis
import ChorusIngest
import ChorusRecords
import ChorusStats
import Foundation

/// The printed tables, tidy CSVs and JSON of `chorus analyze`.
enum AnalyzeOutput {
    // MARK: text

    static func f3(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "—" }
        return String(format: "%.3f", x)
    }

    static func ci(_ s: Summary?) -> String {
        guard let s, s.n > 0, s.mean.isFinite else { return "—" }
        return String(format: "%.3f [%.3f, %.3f]", s.mean, s.lower, s.upper)
    }

    static func pad(_ s: String, _ n: Int) -> String {
        s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count)
    }

    /// The label of a row's run, regime, seed and iteration (when a log mixes several).
    static func groupLabel(_ r: RoundRow) -> String {
        "\(r.run)/\(r.regime)" + (r.seed.map { "/seed \($0)" } ?? "") + "/it \(r.iteration)"
    }

    static func groupWidth(_ a: LogAnalysis) -> Int { max(25, a.rows.map { groupLabel($0).count }.max() ?? 0) + 2 }

    /// One file's header and per-round tables.
    static func textReport(_ a: LogAnalysis) -> String {
        let r = a.ingest
        var out = "\n== \(a.name)\n"
        out += "format: \(r.format.displayName); task: \(r.task?.rawValue ?? "as recorded") (\(r.taskReason))\n"
        if a.hasGroups {
            let groups = Set(a.rows.map(groupLabel)).count
            out += "\(groups) run/regime/seed/iteration groups, \(r.questions) debates, up to \(r.agents) agents × \(r.rounds) rounds = \(a.responses) responses"
        } else {
            out += "\(r.questions) questions × \(r.agents) agents × \(r.rounds) rounds = \(a.responses) responses"
        }
        if let names = r.agentNames { out += "; agents: " + names.enumerated().map { "\($0.offset)=\($0.element)" }.joined(separator: ", ") }
        out += "\n"
        if r.skipped > 0 {
            out += "skipped: \(r.skipped)" + (r.format == .jsonl ? " lines/records" : " questions") + "; first reasons:\n"
            for s in r.skipReasons { out += "  - \(s)\n" }
        }
        let group = a.hasGroups
        var header = ""
        guard a.hasAnswers else {
            out += "free-text task: no answers are extracted; text metrics only.\n"
            return out + textTable(a)
        }
        let width = group ? groupWidth(a) : 0   // once: per row it made the report quadratic in the rows
        if group { header += pad("run/regime/seed/iteration", width) }
        header += pad("round", 6) + pad("individual acc [95% CI]", 25) + pad("majority acc [95% CI]", 25)
            + pad("unanimity", 10) + pad("consensus", 10) + pad("no-answer", 10) + pad("entropy", 8)
            + pad("flips r→w", 10) + pad("w→r", 5) + pad("w→w'", 5) + pad("switches", 9) + "→plurality"
        out += header + "\n"
        for row in a.rows {
            var line = ""
            if group { line += pad(groupLabel(row), width) }
            line += pad("\(row.round)", 6) + pad(ci(row.individualAccuracy), 25) + pad(ci(row.majorityAccuracy), 25)
                + pad(f3(row.unanimity.mean), 10) + pad(f3(row.consensus.mean), 10) + pad(f3(row.noAnswerRate), 10)
                + pad(f3(row.answerEntropy.mean), 8)
            if let f = row.flips {
                let judged = f.total - f.unjudged > 0
                line += pad(judged ? "\(f.rightWrong)" : "—", 10) + pad(judged ? "\(f.wrongRight)" : "—", 5)
                    + pad(judged ? "\(f.wrongOtherWrong)" : "—", 5) + pad("\(f.switches)/\(f.total)", 9) + "\(f.toPlurality)"
            } else {
                line += pad("—", 10) + pad("—", 5) + pad("—", 5) + pad("—", 9) + "—"
            }
            out += line + "\n"
        }
        return out + textTable(a)
    }

    static func textTable(_ a: LogAnalysis) -> String {
        let group = a.hasGroups
        guard a.rows.contains(where: { $0.textDiversity != nil }) || a.text.contains(where: { $0.distinct2 != nil || $0.vendi != nil }) else {
            return "text diversity: no question has two reply texts in this log.\n"
        }
        var out = "text diversity (mean over questions of the agents' replies):\n"
        let width = group ? groupWidth(a) : 0
        out += (group ? pad("run/regime/seed/iteration", width) : "") + pad("round", 6) + pad("TF-IDF dissim.", 15) + pad("distinct-2", 11) + pad("self-BLEU", 10) + "Vendi (TF-IDF)\n"
        for (row, t) in zip(a.rows, a.text) {
            out += (group ? pad(groupLabel(row), width) : "") + pad("\(row.round)", 6) + pad(f3(row.textDiversity), 15)
                + pad(f3(t.distinct2), 11) + pad(f3(t.selfBLEU), 10) + f3(t.vendi) + "\n"
        }
        return out
    }

    /// Several files side by side: first and last round of each.
    static func comparison(_ analyses: [LogAnalysis]) -> String {
        let width = max(12, analyses.map { $0.name.count }.max() ?? 0) + 1
        var out = "\n== comparison (first → last round)\n"
        out += pad("file", width) + pad("task", 8) + pad("Q×A×R", 10) + pad("individual", 16) + pad("majority", 16)
            + pad("unanimity", 16) + pad("no-answer", 16) + pad("flips r→w/w→r", 14) + "TF-IDF dissim.\n"
        for a in analyses {
            let first = a.rows.first, last = a.rows.last
            func pair(_ f: (RoundRow) -> Double?) -> String {
                guard let first, let last else { return "—" }
                return f3(f(first)) + " → " + f3(f(last))
            }
            var rw = 0, wr = 0, judged = false
            for row in a.rows { if let f = row.flips { rw += f.rightWrong; wr += f.wrongRight; judged = judged || f.total > f.unjudged } }
            let r = a.ingest
            if a.hasGroups {
                out += pad(a.name, width) + pad(r.task?.rawValue ?? "recorded", 8) + "several run/regime/seed/iteration groups: see its table\n"
                continue
            }
            if !a.hasAnswers {
                out += pad(a.name, width) + pad("free", 8) + pad("\(r.questions)×\(r.agents)×\(r.rounds)", 10)
                    + pad("—", 16) + pad("—", 16) + pad("—", 16) + pad("—", 16) + pad("—", 14) + pair { $0.textDiversity } + "\n"
                continue
            }
            out += pad(a.name, width) + pad(r.task?.rawValue ?? "recorded", 8) + pad("\(r.questions)×\(r.agents)×\(r.rounds)", 10)
                + pad(pair { $0.individualAccuracy?.mean }, 16) + pad(pair { $0.majorityAccuracy?.mean }, 16)
                + pad(pair { $0.unanimity.mean }, 16) + pad(pair { $0.noAnswerRate }, 16)
                + pad(judged ? "\(rw)/\(wr)" : "—", 14) + pair { $0.textDiversity } + "\n"
        }
        return out
    }

    // MARK: tidy CSVs

    /// files.csv, rounds.csv, flips.csv and skipped.csv (answers.csv is streamed: `AnalyzeFile`;
    /// rounds.csv and flips.csv are written row by row, `AnalyzeTableStream`).
    static func writeTables(_ analyses: [LogAnalysis], to dir: URL) throws {
        var files = TidyTable(columns: ["file", "format", "task", "task_reason", "questions", "agents", "rounds", "responses", "skipped", "agent_names"])
        let rounds = try AnalyzeTableStream(dir.appendingPathComponent("rounds.csv"), columns: ["file", "run", "regime", "seed", "iteration", "round", "metric", "value", "lower", "upper", "n"])
        let flips = try AnalyzeTableStream(dir.appendingPathComponent("flips.csv"), columns: ["file", "run", "regime", "seed", "iteration", "round", "kind", "count", "fraction"])
        var skipped = TidyTable(columns: ["file", "reason"])
        for a in analyses {
            let r = a.ingest
            files.append([a.name, r.format.rawValue, r.task?.rawValue ?? "recorded", r.taskReason, "\(r.questions)", "\(r.agents)",
                          "\(r.rounds)", "\(a.responses)", "\(r.skipped)", r.agentNames?.joined(separator: ";") ?? ""])
            for s in r.skipReasons { skipped.append([a.name, s]) }
            for (row, t) in zip(a.rows, a.text) {
                // Every row carries its run, regime and seed (NA for a real log), so that rows of a
                // simulated transcript's seeds never share a key (issue 9).
                let key = [a.name, row.run, row.regime, row.seed.map(String.init) ?? "NA", "\(row.iteration)", "\(row.round)"]
                for v in row.namedValues(text: t) { rounds.append(key + v.cells) }
                if let f = row.flips {
                    for (k, c) in f.kinds {
                        flips.append(key + [k, "\(c)", f.total > 0 ? TidyTable.format(Double(c) / Double(f.total)) : "NA"])
                    }
                }
            }
        }
        try files.write(to: dir.appendingPathComponent("files.csv"))
        try rounds.close()
        try flips.close()
        try skipped.write(to: dir.appendingPathComponent("skipped.csv"))
    }

    // MARK: JSON


    /// Copies a written file to standard output in pieces of about 1 MiB cut at line ends
    /// (`--json`: analysis.json is never held whole).
    static func copyToOutput(_ url: URL) throws {
        guard let h = FileHandle(forReadingAtPath: url.path) else {
            throw FileIOError.cannotRead(path: url.path, reason: "cannot open it")
        }
        defer { try? h.close() }
        var pending = Data()
        while true {
            let chunk = try h.read(upToCount: 1 << 20) ?? Data()
            pending += chunk
            if chunk.isEmpty {
                if !pending.isEmpty { Console.current.out(String(decoding: pending, as: UTF8.self)) }
                return
            }
            if let nl = pending.lastIndex(of: 0x0A) {
                Console.current.out(String(decoding: pending[...nl], as: UTF8.self))
                pending = Data(pending[pending.index(after: nl)...])
            }
        }
    }
}

