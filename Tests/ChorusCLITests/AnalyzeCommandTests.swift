import ArgumentParser
import ChorusAnalysis
import ChorusIngest
import ChorusRecords
import ChorusFigures
import Foundation
import Testing
import ChorusTestSupport
@testable import ChorusCLI

/// `chorus analyze` end to end, in-process: numbers from a hand-checked fixture and, when the
/// shared real logs are present, from the independent Python extraction
/// (Tests/ChorusIngestTests/Independent/expected_realdata.py).
@Suite("chorus analyze")
struct AnalyzeCommandTests {
    static let fixtures = Paths.fixtures


    /// Runs the command and returns analysis.json as a dictionary.
    func analyze(_ args: [String], out: URL) throws -> [String: Any] {
        var cmd = try ChorusCommand.parseAsRoot(["analyze"] + args + ["--out", out.path])
        try cmd.run()
        let data = try Data(contentsOf: out.appendingPathComponent("analysis.json"))
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    func rows(_ report: [String: Any], file: Int = 0) -> [[String: Any]] {
        ((report["files"] as! [[String: Any]])[file]["rows"] as! [[String: Any]])
    }

    /// The value of a row's metric by registry name (analysis.json's `metrics`).
    func mean(_ row: [String: Any], _ key: String) -> Double? {
        ((row["metrics"] as? [String: Any])?[key] as? [String: Any])?["value"] as? Double
    }

    /// Every key of a JSON value, recursively, with the metric names under `metrics` apart.
    func keys(_ v: Any, into names: inout Set<String>, metrics: inout Set<String>) {
        if let d = v as? [String: Any] {
            for (k, x) in d {
                names.insert(k)
                if k == "metrics", let m = x as? [String: Any] {
                    metrics.formUnion(m.keys)
                    for y in m.values { keys(y, into: &names, metrics: &metrics) }
                } else { keys(x, into: &names, metrics: &metrics) }
            }
        } else if let a = v as? [Any] { for x in a { keys(x, into: &names, metrics: &metrics) } }
    }

    /// One vocabulary (issue 9): analysis.json's keys are snake_case, its metric keys and
    /// rounds.csv's metric column are registry names and agree row by row, flips.csv's kinds are
    /// registered as `flips.{kind}`.
    @Test("analysis.json and the tables use the registry's names, snake_case")
    func oneVocabulary() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = try analyze([Self.fixtures.appendingPathComponent("du_numeric.json").path,
                                  Self.fixtures.appendingPathComponent("agora_small.json").path, "--self-bleu", "--no-figures"], out: dir)
        var names = Set<String>(), metrics = Set<String>()
        keys(report, into: &names, metrics: &metrics)
        let notSnake = names.filter { $0.range(of: "^[a-z0-9_]+$", options: .regularExpression) == nil }
        #expect(notSnake.isEmpty, "not snake_case: \(notSnake.sorted())")
        let rounds = try TidyTable.read(from: dir.appendingPathComponent("rounds.csv"))
        let csvMetrics = Set(try #require(rounds.column("metric")))
        #expect(csvMetrics == metrics)
        let flips = Set(try #require(TidyTable.read(from: dir.appendingPathComponent("flips.csv")).column("kind"))).map { "flips." + $0 }
        let unknown = (csvMetrics.union(flips)).filter { MetricRegistry.entry(for: $0) == nil }
        #expect(unknown.isEmpty, "not in MetricRegistry: \(unknown.sorted())")
        #expect(csvMetrics.contains("accuracy.individual") && csvMetrics.contains("text.self_bleu") && csvMetrics.contains("flips.right_wrong"))
        // The JSON row's metric equals the CSV line's value.
        let row = rows(report)[1]
        let line = try #require(rounds.rows.first { $0[rounds.columns.firstIndex(of: "round")!] == "2" && $0[rounds.columns.firstIndex(of: "metric")!] == "accuracy.individual" })
        #expect(Double(line[rounds.columns.firstIndex(of: "value")!]) == mean(row, "accuracy.individual"))
    }

    @Test("Fixture: per-round numbers worked out by hand")
    func fixtureNumbers() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = try analyze([Self.fixtures.appendingPathComponent("du_numeric.json").path, "--json"], out: dir)
        let file = (report["files"] as! [[String: Any]])[0]
        #expect(file["task"] as? String == "numeric" && file["skipped"] as? Int == 2)
        let rs = rows(report)
        #expect(rs.count == 2)
        // Round 1 answers (truth): q0 [5, 6] (5), q1 [101234, 234] (101234), q2 [-4.5, -4.5] (-4.5).
        // Round 2: q0 [5, 5], q1 [none, 5], q2 [-4.5, -1.5].
        #expect(abs(mean(rs[0], "accuracy.individual")! - 4.0 / 6) < 1e-12)
        // Ties go to the largest answer string: "6" (wrong), "234" (wrong), "-4.5" (right).
        #expect(abs(mean(rs[0], "accuracy.majority")! - 1.0 / 3) < 1e-12)
        #expect(abs(mean(rs[0], "unanimity")! - 1.0 / 3) < 1e-12)
        #expect(mean(rs[0], "no_answer_rate") == 0)
        #expect(rs[0]["flips"] is NSNull)
        #expect(abs(mean(rs[1], "accuracy.individual")! - 0.5) < 1e-12)
        #expect(abs(mean(rs[1], "accuracy.majority")! - 2.0 / 3) < 1e-12)
        #expect(abs(mean(rs[1], "no_answer_rate")! - 1.0 / 6) < 1e-12)
        let f = rs[1]["flips"] as! [String: Int]
        // q0: 5→5 rr, 6→5 wr; q1: 101234→none rw, 234→5 w→other w; q2: −4.5→−4.5 rr, −4.5→−1.5 rw.
        #expect(f["right_right"] == 2 && f["right_wrong"] == 2 && f["wrong_right"] == 1)
        #expect(f["wrong_same_wrong"] == 0 && f["wrong_other_wrong"] == 1 && f["total"] == 6)
        #expect(f["switches"] == 4 && f["to_plurality"] == 0)   // round 1's pluralities are 6, 234, -4.5: nobody joins one
        // Outputs.
        for name in ["files.csv", "rounds.csv", "flips.csv", "answers.csv", "skipped.csv", "agents.csv"]
            + ["accuracy-by-round", "agreement-by-round", "flips"].flatMap({ f in ["png", "pdf", "svg"].map { "figures/\(f).\($0)" } }) {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path), "\(name)")
        }
        let png = try Data(contentsOf: dir.appendingPathComponent("figures/accuracy-by-round.png"))
        #expect(png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        let skipped = try String(contentsOf: dir.appendingPathComponent("skipped.csv"), encoding: .utf8)
        #expect(skipped.contains("uneven rounds") && skipped.contains("alternation"))
        let answers = try String(contentsOf: dir.appendingPathComponent("answers.csv"), encoding: .utf8).split(separator: "\n")
        #expect(answers.first == "file,run,regime,seed,iteration,question,agent,round,answer,correct,truth")
        #expect(answers.count == 1 + 12)
        #expect(answers.contains("du_numeric.json,du_numeric.json,log,NA,0,q0001,0,2,NA,false,101234"))
    }

    @Test("A log and its records written as canonical JSON Lines give the same tables")
    func recordsRoundTrip() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try analyze([Self.fixtures.appendingPathComponent("agora_small.json").path, "--records", "--no-figures"], out: dir.appendingPathComponent("a"))
        let jsonl = dir.appendingPathComponent("a/records.jsonl")
        let b = try analyze([jsonl.path, "--no-figures"], out: dir.appendingPathComponent("b"))
        #expect(rows(a).count == 3)
        // Exactly equal: every sum in ChorusAnalysis runs in a fixed (sorted) order, never in
        // Dictionary order, which Swift randomises per process.
        #expect(Self.equal(rows(a) as Any, rows(b) as Any))
    }

    /// Deep equality of JSON values, numbers to the last bit.
    static func equal(_ x: Any, _ y: Any) -> Bool {
        switch (x, y) {
        case (let a as [String: Any], let b as [String: Any]):
            return Set(a.keys) == Set(b.keys) && a.keys.allSatisfy { equal(a[$0]!, b[$0]!) }
        case (let a as [Any], let b as [Any]):
            return a.count == b.count && zip(a, b).allSatisfy { equal($0, $1) }
        case (let a as NSNumber, let b as NSNumber):
            return a.doubleValue == b.doubleValue
        case (let a as String, let b as String): return a == b
        case (is NSNull, is NSNull): return true
        default: return false
        }
    }

    @Test("Simulated transcripts of several seeds: every CSV row keeps its regime and seed, no duplicate keys")
    func seedsStayApart() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var lines: [String] = []
        for seed in [1, 2] {
            for round in 1...2 {
                for agent in 0...1 {
                    let bad = seed == 2 && agent == 1
                    lines.append("{\"run\":\"r\",\"regime\":\"a\",\"seed\":\(seed),\"iteration\":0,\"question\":\"q0\",\"agent\":\(agent),"
                                 + "\"role\":\"\(round == 1 ? "generator" : "critic")\",\"round\":\(round),\"answer\":\"\(bad ? "B" : "A")\",\"correct\":\(!bad),\"truth\":\"A\"}")
                }
            }
        }
        let file = dir.appendingPathComponent("seeds.jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file)
        _ = try analyze([file.path, "--no-figures"], out: dir.appendingPathComponent("out"))
        for (name, keyColumns) in [("rounds.csv", 7), ("flips.csv", 7), ("answers.csv", 8)] {
            let t = try TidyTable.read(from: dir.appendingPathComponent("out/\(name)"))
            #expect(t.columns[2] == "regime" && t.columns[3] == "seed", "\(name): \(t.columns)")
            #expect(Set(t.rows.map { $0[3] }) == ["1", "2"], "\(name)")
            let keys = t.rows.map { $0.prefix(keyColumns).joined(separator: ",") }
            #expect(Set(keys).count == keys.count, "\(name) has duplicate keys")
        }
    }

    @Test("JSON Lines with several regimes: one row per regime and round, one figure line each")
    func groups() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var lines: [String] = []
        // Regime "a": both agents right in both rounds; regime "b": agent 1 wrong, then right.
        for (regime, wrong) in [("a", false), ("b", true)] {
            for round in 1...2 {
                for agent in 0...1 {
                    let bad = wrong && agent == 1 && round == 1
                    lines.append("{\"run\":\"r\",\"regime\":\"\(regime)\",\"seed\":3,\"iteration\":0,\"question\":\"q0\",\"agent\":\(agent),"
                                 + "\"role\":\"\(round == 1 ? "generator" : "critic")\",\"round\":\(round),\"answer\":\"\(bad ? "B" : "A")\",\"correct\":\(!bad),\"truth\":\"A\"}")
                }
            }
        }
        let file = dir.appendingPathComponent("two.jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file)
        let report = try analyze([file.path], out: dir.appendingPathComponent("out"))
        let rs = rows(report)
        #expect(rs.map { $0["regime"] as! String } == ["a", "a", "b", "b"])
        #expect(rs.map { $0["seed"] as? Int } == [3, 3, 3, 3])
        #expect(rs.compactMap { mean($0, "accuracy.individual") } == [1, 1, 0.5, 1])
        let f = rs[3]["flips"] as! [String: Int]
        // Round 1 of "b" is a tie (A, B) won by the larger string "B"; agent 1 leaves it for "A".
        #expect(f["wrong_right"] == 1 && f["right_right"] == 1 && f["to_plurality"] == 0)
        // Drawn through `chorus figures`: accuracy and agreement by round, flips, per-model
        // accuracy, each as PNG, PDF and SVG in out/figures.
        #expect((report["figures"] as! [String]).map { ($0 as NSString).lastPathComponent }
                == ["accuracy-by-round", "agreement-by-round", "flips", "per-model-accuracy"].flatMap { f in ["png", "pdf", "svg"].map { "\(f).\($0)" } })
        #expect((report["figures"] as! [String]).allSatisfy { $0.hasPrefix(dir.appendingPathComponent("out/figures").path) })
    }

    @Test("Several files: one entry each; free task has no answer metrics")
    func severalFiles() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = try analyze([Self.fixtures.appendingPathComponent("agora_small.json").path,
                                  Self.fixtures.appendingPathComponent("records_small.jsonl").path, "--no-figures"], out: dir)
        let files = report["files"] as! [[String: Any]]
        #expect(files.map { $0["format"] as! String } == ["agora", "jsonl"])
        #expect(files[1]["task"] is NSNull)   // JSON Lines: answers as recorded
        // Agora fixture: correct by round 1/4, 4/4, 3/4 (FormatTests works them out).
        #expect(rows(report).compactMap { mean($0, "accuracy.individual") } == [0.25, 1, 0.75])
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("flips.png").path))

        // The same --out again: replacing a non-empty folder needs --force (issue 10).
        let free = try analyze([Self.fixtures.appendingPathComponent("mft_math.json").path, "--task", "free", "--self-bleu", "--force"], out: dir)
        #expect(mean(rows(free)[0], "accuracy.individual") == nil)   // no answers: not defined, not written
        #expect((free["figures"] as! [String]).isEmpty)
        let text = rows(free)[0]
        #expect(mean(text, "text.self_bleu") != nil && mean(text, "text.tfidf_dissimilarity") != nil && mean(text, "text.vendi") != nil)
        #expect(mean(rows(report)[0], "text.self_bleu") == nil)   // off by default
    }

    @Test("Bad input and bad options are errors, not crashes")
    func badInput() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: ExitCode(65)) { _ = try analyze([dir.appendingPathComponent("missing.json").path], out: dir) }
        let bad = dir.appendingPathComponent("bad.json")
        try Data("{\"q\": [".utf8).write(to: bad)
        let out = dir.appendingPathComponent("out")   // dir now holds bad.json: a non-empty --out is refused
        #expect(throws: ExitCode(65)) { _ = try analyze([bad.path], out: out) }
        #expect(throws: ExitCode(65)) { _ = try analyze([Self.fixtures.appendingPathComponent("du_numeric.json").path, "--strict"], out: out) }
        #expect(throws: (any Error).self) { _ = try ChorusCommand.parseAsRoot(["analyze", "x.json", "--task", "essay"]) }
        #expect(throws: (any Error).self) { _ = try ChorusCommand.parseAsRoot(["analyze", "x.json", "--format", "csv"]) }
        #expect(throws: (any Error).self) { _ = try ChorusCommand.parseAsRoot(["analyze"]) }
    }

    /// Per round: correct responses, no-answer responses, right majorities, unanimous questions
    /// (from expected_realdata.py), with questions and agents.
    struct Expected: Sendable, CustomTestStringConvertible {
        var file: String; var questions: Int; var agents: Int
        var correct: [Int]; var noAnswer: [Int]; var majority: [Int]; var unanimous: [Int]
        /// Mean over questions with an answer: consensus and plug-in answer entropy (nats).
        var consensus: [Double]; var entropy: [Double]
        /// Rounds ≥ 2: right→right, right→wrong, wrong→right, wrong→same wrong, wrong→other wrong.
        var flips: [[Int]]
        var testDescription: String { file }
    }

    static let realLogs: [Expected] = [
        .init(file: "agora_gsm_3models_rounds3.json", questions: 100, agents: 3, correct: [27, 29, 30], noAnswer: [86, 7, 3], majority: [13, 9, 13], unanimous: [0, 1, 1],
              consensus: [0.545454545454546, 0.448333333333334, 0.470000000000000], entropy: [0.682987148364046, 0.925235153305600, 0.902175417398196],
              flips: [[12, 15, 17, 31, 225], [16, 13, 14, 105, 152]]),
        .init(file: "du_gsm_gpt35_agents3_rounds2.json", questions: 100, agents: 3, correct: [224, 238], noAnswer: [0, 1], majority: [83, 80], unanimous: [61, 93],
              consensus: [0.81, 0.98], entropy: [0.331418187302170, 0.038190850097689], flips: [[215, 9, 23, 27, 26]]),
        .init(file: "du_gsm_qwen3-0.6b_agents3_rounds3.json", questions: 20, agents: 3, correct: [48, 50, 51], noAnswer: [0, 0, 0], majority: [17, 16, 17], unanimous: [15, 17, 20],
              consensus: [0.883333333333333, 0.95, 1], entropy: [0.205338354111033, 0.095477125244222, 0], flips: [[48, 0, 2, 6, 4], [49, 1, 2, 7, 1]]),
        .init(file: "du_mmlu_qwen3-14b_agents3_rounds3.json", questions: 20, agents: 3, correct: [52, 56, 55], noAnswer: [5, 1, 1], majority: [18, 19, 19], unanimous: [16, 17, 18],
              consensus: [0.956140350877193, 0.966666666666667, 0.983333333333333], entropy: [0.069982176255514, 0.063651416829481, 0.031825708414741],
              flips: [[51, 1, 5, 2, 1], [54, 2, 1, 3, 0]]),
        .init(file: "mft_math_agents2_rounds2.json", questions: 5, agents: 2, correct: [4, 1], noAnswer: [6, 9], majority: [2, 1], unanimous: [2, 0],
              consensus: [1, 1], entropy: [0, 0], flips: [[1, 3, 0, 6, 0]]),
    ]

    @Test("Real logs: RoundMetrics agrees with the independent Python numbers",
          .tags(.realData), .requiresRealData(), arguments: realLogs)
    func realLog(_ x: Expected) throws {
        let url = RealData.url(x.file)
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = try analyze([url.path, "--no-figures"], out: dir)
        let rs = rows(report)
        #expect(rs.count == x.correct.count)
        let q = Double(x.questions), n = Double(x.questions * x.agents)
        for (k, row) in rs.enumerated() {
            #expect(row["questions"] as? Int == x.questions)
            #expect(abs(mean(row, "accuracy.individual")! - Double(x.correct[k]) / n) < 1e-12, "round \(k + 1)")
            #expect(abs(mean(row, "accuracy.majority")! - Double(x.majority[k]) / q) < 1e-12, "round \(k + 1)")
            #expect(abs(mean(row, "unanimity")! - Double(x.unanimous[k]) / q) < 1e-12, "round \(k + 1)")
            #expect(abs(mean(row, "no_answer_rate")! - Double(x.noAnswer[k]) / n) < 1e-12, "round \(k + 1)")
            // Printed by the script with 15 decimals.
            #expect(abs(mean(row, "consensus")! - x.consensus[k]) < 1e-12, "round \(k + 1) consensus")
            #expect(abs(mean(row, "answer_entropy.plugin")! - x.entropy[k]) < 1e-12, "round \(k + 1) entropy")
            if k > 0 {
                let f = row["flips"] as! [String: Int]
                #expect([f["right_right"], f["right_wrong"], f["wrong_right"], f["wrong_same_wrong"], f["wrong_other_wrong"]] == x.flips[k - 1].map { $0 },
                        "round \(k + 1) flips")
                #expect(f["total"] == x.questions * x.agents)
            }
            let ci = (row["metrics"] as! [String: Any])["accuracy.individual"] as! [String: Any]
            #expect((ci["lower"] as! Double) <= (ci["value"] as! Double) && (ci["value"] as! Double) <= (ci["upper"] as! Double))
        }
    }
}
