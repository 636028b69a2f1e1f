import Foundation
import ChorusRecords

/// A run read into records: every iteration's debates (records carry their iteration and the
/// run's name) and the agents' training data, with every warning listed.
public struct RunIngest: Sendable {
    /// The run's specification (manifest or patterns) that was read.
    public var spec: RunSpec
    /// All iterations' records.
    public var records: [ResponseRecord]
    /// Per iteration and log file: what `LogReader` gave (records moved into `records`).
    public var logs: [(iteration: Int, path: String, result: IngestResult)]
    /// Every agent's training set of every iteration, with examples matched to the run's questions.
    public var training: [TrainingSet]
    /// Things the analysis went on despite (skipped questions, unmatched training examples,
    /// agent counts that change between iterations), each naming the file.
    public var warnings: [String]
    /// The log format of the debates, one across the run.
    public var format: LogFormat
    /// The answer task used; nil for JSON Lines read as recorded.
    public var task: AnswerTask?
}

/// Reads a `RunSpec` (issue 12).
public enum RunReader {
    /// How many unmatched training examples are named per file.
    public static let maxListed = 5

    /// Reads every iteration's logs and training files.
    ///
    /// Rules: one format across the run (mixed formats are an error naming both files); the
    /// answer task is the one given, else the one detected on the first iteration's first log,
    /// used for every file so answers are comparable; with several logs in one iteration the
    /// question ids get the file name as prefix (`part1.json:q0003`). Training examples are
    /// matched to the run's questions by text: the question text (from the logs of the same
    /// iteration, else of any iteration) that the example's prompt contains, the longest if
    /// several; an example that matches none is kept (it counts as an example) and listed.
    /// - Throws: `IngestError` naming the file at fault.
    /// - Complexity: O(log sizes + E · Q · prompt length) for E training examples and Q questions.
    public static func read(_ spec: RunSpec, strict: Bool = false) throws -> RunIngest {
        guard !spec.iterations.isEmpty else { throw IngestError.invalidRun(path: spec.source, reason: "the run has no iterations") }
        var records: [ResponseRecord] = []
        var logs: [(Int, String, IngestResult)] = []
        var warnings: [String] = []
        var format: LogFormat? = spec.format
        var firstFormatFile = ""
        var task: AnswerTask? = spec.task
        var textsByIteration: [Int: [String: String]] = [:]
        var agentsSeen: (count: Int, file: String)? = nil
        for it in spec.iterations {
            guard !it.logs.isEmpty else { throw IngestError.invalidRun(path: spec.source, reason: "iteration \(it.iteration) has no debate log") }
            for path in it.logs {
                // The format is detected per file (unless the spec forces one), so that a file of
                // another format is reported as such rather than misread.
                var r = try LogReader.read(URL(fileURLWithPath: path).resolvingSymlinksInPath(), format: spec.format, task: task, strict: strict)
                if let f = format, f != r.format {
                    throw IngestError.invalidRun(path: path, reason: "mixed formats: this file is \(r.format.displayName) but \(firstFormatFile) is \(f.displayName); a run uses one format")
                }
                if format == nil { format = r.format; firstFormatFile = path }
                if firstFormatFile.isEmpty { firstFormatFile = path }
                if task == nil, r.format != .jsonl { task = r.task }
                if r.skipped > 0 {
                    warnings.append("\(path): \(r.skipped) \(r.format == .jsonl ? "lines/records" : "questions") skipped; first: \(r.skipReasons.first ?? "")")
                }
                if let seen = agentsSeen, seen.count != r.agents {
                    warnings.append("\(path): \(r.agents) agents, but \(seen.file) has \(seen.count)")
                } else if agentsSeen == nil { agentsSeen = (r.agents, path) }
                let prefix = it.logs.count > 1 ? (path as NSString).lastPathComponent + ":" : ""
                for (q, t) in r.questionTexts { textsByIteration[it.iteration, default: [:]][prefix + q] = t }
                for var rec in r.records {
                    rec.run = spec.name
                    rec.iteration = it.iteration
                    if !prefix.isEmpty { rec.question = prefix + rec.question }
                    records.append(rec)
                }
                r.records = []
                logs.append((it.iteration, path, r))
            }
        }
        // Truth per question id and iteration (for scoring training answers).
        var truth: [Int: [String: String]] = [:]
        for rec in records { if let t = rec.truth { truth[rec.iteration, default: [:]][rec.question] = t } }
        let truthIterations = truth.keys.sorted()
        let allTexts = textsByIteration.keys.sorted().flatMap { k in textsByIteration[k]!.map { ($0.key, $0.value) } }
        var training: [TrainingSet] = []
        for it in spec.iterations {
            for (agent, path) in it.training {
                let (layout, examples) = try TrainingFile.read(path)
                let own = (textsByIteration[it.iteration] ?? [:]).map { ($0.key, $0.value) }
                var unmatched: [String] = []
                var unmatchedCount = 0
                var out: [TrainingSet.Example] = []
                out.reserveCapacity(examples.count)
                for e in examples {
                    let q = match(e.prompt, own) ?? match(e.prompt, allTexts)
                    if q == nil {
                        unmatchedCount += 1
                        if unmatched.count < maxListed { unmatched.append(e.location) }
                    }
                    let answer = task.flatMap { $0.hasAnswers ? AnswerExtractor.extract(e.response, task: $0) : nil }
                    let t = q.flatMap { id in truth[it.iteration]?[id] ?? truthIterations.lazy.compactMap({ truth[$0]?[id] }).first }
                    let correct = task.flatMap { AnswerExtractor.correctness(answer: answer, truth: t, task: $0) }
                    out.append(TrainingSet.Example(question: q, answer: answer, correct: correct, response: e.response, prompt: e.prompt))
                }
                if unmatchedCount > 0 {
                    let msg = "\(path): \(unmatchedCount) of \(examples.count) training examples ask a question that is not in the run's debate logs (first: \(unmatched.joined(separator: ", ")))"
                    if strict { throw IngestError.invalidRun(path: path, reason: msg) }
                    warnings.append(msg)
                }
                training.append(TrainingSet(iteration: it.iteration, agent: agent, path: path, layout: layout, examples: out))
            }
        }
        return RunIngest(spec: spec, records: records, logs: logs, training: training, warnings: warnings,
                         format: format ?? .jsonl, task: task)
    }

    /// The id of the longest question text contained in `prompt` (exact equality first).
    static func match(_ prompt: String, _ texts: [(String, String)]) -> String? {
        var best: (id: String, len: Int)? = nil
        for (id, t) in texts where !t.isEmpty {
            if t == prompt { return id }
            let n = t.utf8.count
            if n <= prompt.utf8.count, (best?.len ?? 0) < n, prompt.contains(t) { best = (id, n) }
        }
        return best?.id
    }
}
