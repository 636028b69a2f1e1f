import Foundation
import ChorusAnalysis
import ChorusRecords

/// A simulated run written as a real finetuning run (issue 12, `chorus export`): per iteration
/// a Du et al. / multiagent-ft debate JSON of the test debates and one FastChat training file
/// per model, plus a run manifest that `chorus analyze --run` reads. Analysing the export gives
/// back the simulator's own sampled metrics exactly (the round-trip test).
///
/// Texts: a question is `Simulated question q<i> (<regime>, seed <s>): answer with
/// \boxed{label}.` (training questions `t<i>`); a reply is `Reasoning chain <c> in style <k>.
/// The answer is \boxed{<label>}.`; the ground truth `\boxed{<label>}`, so the answers are read
/// with the `math` task (the labels are the transcripts' `A0`, `A1`, …).
public enum RunExport {
    /// The files of one export: relative path → contents.
    public struct Files: Sendable {
        /// Every file, path relative to the export folder, with its text.
        public var files: [(path: String, text: String)]
        /// The iterations exported.
        public var iterations: [Int]
        /// The models exported (one training file each per iteration).
        public var models: [Int]
    }

    /// The question text an exported debate gives for question `id`.
    public static func questionText(_ id: String, regime: String, seed: UInt64?) -> String {
        "Simulated question \(id) (\(regime)\(seed.map { ", seed \($0)" } ?? "")): answer with \\boxed{label}."
    }

    /// The reply text an exported debate gives for a chain, its style and its answer label.
    public static func reply(chain: Int?, style: Int?, answer: String?) -> String {
        "Reasoning chain \(chain.map(String.init) ?? "?") in style \(style.map(String.init) ?? "?"). "
            + (answer.map { "The answer is \\boxed{\($0)}." } ?? "No answer.")
    }

    /// The prompt of round r ≥ 2 (after the official code's debate prompt).
    static func debatePrompt(_ others: [String]) -> String {
        "These are the solutions to the problem from other agents: "
            + others.enumerated().map { "\n\n One agent solution: ```\($0.element)```" }.joined()
            + "\n\n Using the reasoning from other agents as additional advice, can you give an updated answer? Put your final answer in the form \\boxed{answer}."
    }

    /// Builds the export of one (regime, seed).
    /// - Parameters:
    ///   - name: the run's name in the exported files.
    ///   - regime: the regime exported.
    ///   - seed: the seed exported (nil when the records have none).
    ///   - transcripts: records of the regime and seed (any iterations);
    ///   - training: its training records (iterations < last).
    /// - Throws: `AnalysisError.insufficientData` when a debate is incomplete.
    public static func build(name: String, regime: String, seed: UInt64?, transcripts: [ResponseRecord], training: [TrainingRecord]) throws -> Files {
        var files: [(String, String)] = []
        let byIteration = Dictionary(grouping: transcripts, by: \.iteration)
        let iterations = byIteration.keys.sorted()
        guard !iterations.isEmpty else { throw AnalysisError.insufficientData("no transcript records of regime \(regime)\(seed.map { ", seed \($0)" } ?? "")") }
        var models = Set<Int>()
        var manifest = "# chorus export: a simulated run in the multiagent-ft layout (docs/formats.md, \"Exporting a simulated run\")\n"
        manifest += "name: \(JSONText.quote(name))\nformat: du\ntask: math\niterations:\n"
        for it in iterations {
            let recs = byIteration[it]!
            let byQuestion = Dictionary(grouping: recs, by: \.question)
            // q0, q1, …, q10 in numeric order.
            let qs = byQuestion.keys.sorted { (Int($0.dropFirst()) ?? 0, $0) < (Int($1.dropFirst()) ?? 0, $1) }
            var debate = "{"
            for (qi, q) in qs.enumerated() {
                let rs = byQuestion[q]!
                let agents = Array(Set(rs.map(\.agent))).sorted()
                let rounds = Array(Set(rs.map(\.round))).sorted()
                var text: [Int: [Int: String]] = [:]
                for r in rs { text[r.agent, default: [:]][r.round] = reply(chain: r.chain, style: r.style, answer: r.answer) }
                let question = questionText(q, regime: regime, seed: seed)
                var contexts: [String] = []
                for a in agents {
                    var msgs: [String] = []
                    for r in rounds {
                        guard let t = text[a]?[r] else {
                            throw AnalysisError.insufficientData("iteration \(it), question \(q): agent \(a) has no record of round \(r)")
                        }
                        let prompt = r == rounds.first! ? question + " Make sure to state your answer at the end of the response."
                            : debatePrompt(agents.filter { $0 != a }.compactMap { text[$0]?[r - 1] })
                        msgs.append("{\"role\": \"user\", \"content\": \(JSONText.quote(prompt))}")
                        msgs.append("{\"role\": \"assistant\", \"content\": \(JSONText.quote(t))}")
                    }
                    contexts.append("[" + msgs.joined(separator: ", ") + "]")
                }
                let truth = rs.first?.truth.map { "\\boxed{\($0)}" }
                debate += (qi == 0 ? "\n" : ",\n") + "  \(JSONText.quote(question)): [[" + contexts.joined(separator: ", ") + "], " + (truth.map(JSONText.quote) ?? "null") + "]"
            }
            debate += "\n}\n"
            files.append(("it\(it)/debate.json", debate))
            manifest += "  \(it):\n    debate: it\(it)/debate.json\n"
            let tr = training.filter { $0.iteration == it }
            let byModel = Dictionary(grouping: tr, by: \.model)
            if !byModel.isEmpty {
                manifest += "    training:\n"
                for m in byModel.keys.sorted() {
                    models.insert(m)
                    var ft = "["
                    for (i, e) in byModel[m]!.enumerated() {
                        let prompt = questionText(e.question, regime: regime, seed: seed) + " Make sure to state your answer at the end of the response."
                        ft += (i == 0 ? "\n" : ",\n") + "  {\"id\": \(JSONText.quote("it\(it)-model\(m)-\(i)")), \"conversations\": [{\"from\": \"human\", \"value\": \(JSONText.quote(prompt))}, {\"from\": \"gpt\", \"value\": \(JSONText.quote(reply(chain: e.chain, style: e.style, answer: e.answer)))}]}"
                    }
                    ft += "\n]\n"
                    let path = "it\(it)/ft/model\(m).json"
                    files.append((path, ft))
                    manifest += "      model\(m): \(path)\n"
                }
            }
        }
        files.append(("run.yaml", manifest))
        return Files(files: files, iterations: iterations, models: models.sorted())
    }
}
