import Foundation
import ChorusRecords

/// What reading one log gives: the records, what was skipped and why, and what was chosen.
public struct IngestResult: Sendable {
    /// One record per agent, question and round (regime "log", iteration 0 for whole-document
    /// logs; JSON Lines records as recorded).
    public var records: [ResponseRecord]
    /// Number of questions (whole-document logs) or lines/records (JSON Lines) skipped.
    public var skipped: Int
    /// The first reasons for skipping (at most `LogReader.maxListedReasons`), each naming
    /// the question or line.
    public var skipReasons: [String]
    /// The format the log was read as (detected or forced).
    public var format: LogFormat
    /// The answer task used; nil for JSON Lines read as recorded (no `--task`).
    public var task: AnswerTask?
    /// Why this task: "given", or what auto-detection saw.
    public var taskReason: String
    /// The run name (whole-document logs: the file's name, e.g. `gsm_debate.json`).
    public var run: String
    /// Distinct questions, agents per question and rounds in the kept records.
    public var questions: Int
    /// The largest number of agents of a question.
    public var agents: Int
    /// The largest number of rounds of a question.
    public var rounds: Int
    /// Agent names when the log has them (LLM-Agora model names), in agent order.
    public var agentNames: [String]?
    /// Question id → question text, for whole-document logs (matched against training files).
    public var questionTexts: [String: String] = [:]
}

/// Reads debate logs of any known format into records (issue 5; docs/formats.md).
public enum LogReader {
    /// Largest whole-document log (Du, LLM-Agora) read into memory: 512 MiB. Larger logs should
    /// be converted to JSON Lines, which is streamed.
    public static let maxDocumentBytes = 512 << 20
    /// How many skip reasons are kept.
    public static let maxListedReasons = 10

    /// Reads one log.
    /// - Parameters:
    ///   - url: the log file.
    ///   - format: forces a format; nil auto-detects it (`LogFormat.detect`).
    ///   - task: forces an answer task; nil picks one from the ground truths (`TaskDetector`).
    ///     For JSON Lines, nil keeps the recorded answers; a task re-extracts each answer from
    ///     the record's `text` and re-scores it against its `truth`.
    ///   - strict: a record that would be skipped is an error instead.
    ///   - maxLineBytes: line limit of JSON Lines.
    /// - Throws: `IngestError`.
    /// - Complexity: O(file size + total reply length) time; memory O(records) plus, for Du and
    ///   LLM-Agora, the parsed document (JSON Lines is streamed line by line).
    public static func read(_ url: URL, format: LogFormat? = nil, task: AnswerTask? = nil, strict: Bool = false,
                            maxLineBytes: Int = RecordsJSONLReader.defaultMaxLineBytes) throws -> IngestResult {
        let path = url.path
        let (fmt, size) = try inspect(url, format: format)
        let run = url.lastPathComponent
        switch fmt {
        case .jsonl:
            return try readJSONL(url, task: task, strict: strict, maxLineBytes: maxLineBytes)
        case .du, .agora:
            if size > maxDocumentBytes { throw IngestError.fileTooLarge(path: path, bytes: size, limit: maxDocumentBytes) }
            let data: Data
            do { data = try Data(contentsOf: url) } catch { throw IngestError.cannotRead(path: path, reason: error.localizedDescription) }
            if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { throw IngestError.emptyFile(path: path) }
            let root = try JSONDocument.parse(data, path: path)
            let parsed = fmt == .du ? try DuFormat.parse(root, path: path) : try AgoraFormat.parse(root, path: path)
            return try assemble(parsed, format: fmt, run: run, task: task, strict: strict, path: path)
        }
    }

    /// Checks that `url` is a readable, non-empty regular file (a symbolic link is followed) and
    /// picks its format (`format`, or `LogFormat.detect` on its first bytes).
    /// - Throws: `IngestError` (.cannotRead, .emptyFile, or the detection's error).
    public static func inspect(_ url: URL, format: LogFormat? = nil) throws -> (format: LogFormat, size: Int) {
        let path = url.path
        // stat(2) follows symbolic links: a link to a log is read as the log. A FIFO or device
        // could block or never end: only regular files are read.
        var st = stat()
        guard stat(path, &st) == 0 else {
            let reason = errno == ENOENT ? "no such file" : String(cString: strerror(errno))
            throw IngestError.cannotRead(path: path, reason: reason)
        }
        let kind = st.st_mode & S_IFMT
        guard kind != S_IFDIR else { throw IngestError.cannotRead(path: path, reason: "is a directory") }
        guard kind == S_IFREG else {
            throw IngestError.cannotRead(path: path, reason: "not a regular file (a FIFO, socket or device)")
        }
        let size = Int(st.st_size)
        if size == 0 { throw IngestError.emptyFile(path: path) }
        if let format { return (format, size) }
        let prefix = try readPrefix(path: path, count: LogFormat.detectionPrefixBytes)
        let whole = prefix.count >= size
        let fmt = try prefix.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in try LogFormat.detect(prefix: raw.bindMemory(to: UInt8.self), isWholeFile: whole, path: path) }
        return (fmt, size)
    }

    static func readPrefix(path: String, count: Int) throws -> Data {
        guard let h = FileHandle(forReadingAtPath: path) else { throw IngestError.cannotRead(path: path, reason: "cannot open") }
        defer { try? h.close() }
        do { return try h.read(upToCount: count) ?? Data() } catch {
            throw IngestError.cannotRead(path: path, reason: error.localizedDescription)
        }
    }

    // MARK: whole-document logs

    /// Turns parsed debates into records: keeps the questions of the file's dominant shape,
    /// picks the task, reads the truths, extracts and scores the answers.
    static func assemble(_ parsed: ParsedLog, format: LogFormat, run: String, task: AnswerTask?, strict: Bool, path: String) throws -> IngestResult {
        var skipped = parsed.skipped
        if strict, let s = skipped.first { throw IngestError.invalidRecord(path: path, location: s.label, reason: s.reason) }

        // The dominant shape (agents, rounds, agent names); ties go to the shape seen first.
        struct Shape: Hashable { var agents: Int; var rounds: Int; var names: [String]? }
        var counts: [Shape: Int] = [:]
        var order: [Shape] = []
        for d in parsed.debates {
            let s = Shape(agents: d.agents, rounds: d.rounds, names: d.agentNames)
            if counts[s] == nil { order.append(s) }
            counts[s, default: 0] += 1
        }
        let best = order.max { (counts[$0] ?? 0) < (counts[$1] ?? 0) || ((counts[$0] ?? 0) == (counts[$1] ?? 0) && order.firstIndex(of: $0)! > order.firstIndex(of: $1)!) }
        var kept: [ParsedDebate] = []
        for d in parsed.debates {
            let s = Shape(agents: d.agents, rounds: d.rounds, names: d.agentNames)
            if let best, s != best {
                let names = best.names.map { " (" + $0.joined(separator: ", ") + ")" } ?? ""
                let mine = s.names.map { " (" + $0.joined(separator: ", ") + ")" } ?? ""
                let sk = SkippedDebate(index: d.index, label: ParsedDebate.label(d.index, d.question),
                                       reason: "uneven rounds: \(s.agents) agents\(mine) × \(s.rounds) rounds, but most questions have \(best.agents) agents\(names) × \(best.rounds) rounds")
                if strict { throw IngestError.invalidRecord(path: path, location: sk.label, reason: sk.reason) }
                skipped.append(sk)
            } else { kept.append(d) }
        }

        let choice: TaskDetector.Choice
        if let task { choice = TaskDetector.Choice(task: task, reason: "given") }
        else { choice = TaskDetector.detect(truths: kept.map(\.truth)) }
        let t = choice.task

        var records: [ResponseRecord] = []
        records.reserveCapacity(kept.count * (best.map { $0.agents * $0.rounds } ?? 0))
        var usedQuestions = 0
        var questionTexts: [String: String] = [:]
        for d in kept {
            var truth: String? = nil
            if t.hasAnswers {
                guard let raw = d.truth else {
                    let sk = SkippedDebate(index: d.index, label: ParsedDebate.label(d.index, d.question), reason: "no ground truth")
                    if strict { throw IngestError.invalidRecord(path: path, location: sk.label, reason: sk.reason) }
                    skipped.append(sk); continue
                }
                guard let parsedTruth = AnswerExtractor.truth(raw, task: t) else {
                    let sk = SkippedDebate(index: d.index, label: ParsedDebate.label(d.index, d.question),
                                           reason: "ground truth \(JSONText.quote(String(raw.suffix(60)))) has no \(t.rawValue) answer")
                    if strict { throw IngestError.invalidRecord(path: path, location: sk.label, reason: sk.reason) }
                    skipped.append(sk); continue
                }
                truth = parsedTruth
            }
            usedQuestions += 1
            let qid = ParsedDebate.id(d.index)
            questionTexts[qid] = d.question
            for (a, texts) in d.replies.enumerated() {
                for (k, text) in texts.enumerated() {
                    let answer = AnswerExtractor.extract(text, task: t)
                    records.append(ResponseRecord(
                        run: run, regime: "log", seed: nil, iteration: 0, question: qid, agent: a,
                        role: k == 0 ? .generator : .critic, round: k + 1, answer: answer,
                        correct: AnswerExtractor.correctness(answer: answer, truth: truth, task: t),
                        truth: truth, text: text))
                }
            }
        }
        skipped.sort { $0.index < $1.index }
        if records.isEmpty {
            throw IngestError.noUsableRecords(path: path, skipped: skipped.count, reasons: skipped.prefix(maxListedReasons).map(\.text))
        }
        var result = IngestResult(records: records, skipped: skipped.count, skipReasons: skipped.prefix(maxListedReasons).map(\.text),
                                  format: format, task: t, taskReason: choice.reason, run: run, questions: usedQuestions,
                                  agents: best?.agents ?? 0, rounds: best?.rounds ?? 0, agentNames: best?.names)
        result.questionTexts = questionTexts
        return result
    }

    // MARK: JSON Lines

    /// The skip reason of a record whose (debate, agent, round) came before.
    /// Re-extracts a canonical record's answer from its text under `task`, normalises its
    /// truth and judges it (records without text keep what they carry).
    static func judge(_ r: inout ResponseRecord, task: AnswerTask) {
        guard let text = r.text else { return }
        r.answer = AnswerExtractor.extract(text, task: task)
        r.truth = r.truth.flatMap { AnswerExtractor.truth($0, task: task) }
        r.correct = AnswerExtractor.correctness(answer: r.answer, truth: r.truth, task: task)
    }

    static func duplicateReason(_ r: ResponseRecord) -> String {
        "duplicate record (run \(r.run), regime \(r.regime)\(r.seed.map { ", seed \($0)" } ?? ""), iteration \(r.iteration), question \(r.question), agent \(r.agent), round \(r.round))"
    }

    /// The skip reason of a debate in which `agent` answered only `rounds` of 1...`top`.
    static func unevenReason(question: String, run: String, regime: String, seed: UInt64?, iteration: Int,
                             agent: Int, rounds: Set<Int>, of top: Int) -> String {
        "uneven rounds in question \(question) (run \(run), regime \(regime)\(seed.map { ", seed \($0)" } ?? ""), iteration \(iteration)): agent \(agent) has rounds \(rounds.sorted().map(String.init).joined(separator: ",")) of 1...\(top)"
    }

    static func readJSONL(_ url: URL, task: AnswerTask?, strict: Bool, maxLineBytes: Int) throws -> IngestResult {
        let path = url.path
        var records: [ResponseRecord] = []
        var lines: [Int] = []
        var reasons: [(line: Int, text: String)] = []   // the first reasons of each kind; sorted at the end
        var skipped = 0
        struct Slot: Hashable { var run: String; var regime: String; var seed: UInt64?; var iteration: Int; var question: String; var agent: Int; var round: Int }
        var seen: Set<Slot> = []
        try RecordsJSONLReader.forEachLogLine(url, maxLineBytes: maxLineBytes) { entry in
            switch entry {
            case .invalid(let line, let why):
                if strict { throw IngestError.invalidRecord(path: path, location: "line \(line)", reason: why) }
                skipped += 1
                if reasons.count < maxListedReasons { reasons.append((line, "line \(line): \(why)")) }
            case .record(var r, let line):
                let slot = Slot(run: r.run, regime: r.regime, seed: r.seed, iteration: r.iteration, question: r.question, agent: r.agent, round: r.round)
                guard seen.insert(slot).inserted else {
                    let why = duplicateReason(r)
                    if strict { throw IngestError.invalidRecord(path: path, location: "line \(line)", reason: why) }
                    skipped += 1
                    if reasons.count < maxListedReasons { reasons.append((line, "line \(line): \(why)")) }
                    return
                }
                if let task { judge(&r, task: task) }
                records.append(r); lines.append(line)
            }
        }
        if records.isEmpty && skipped == 0 { throw IngestError.emptyFile(path: path) }

        // Uneven rounds: every agent of a debate must have answered rounds 1...R.
        struct Debate: Hashable { var run: String; var regime: String; var seed: UInt64?; var iteration: Int; var question: String }
        var roundsOf: [Debate: [Int: Set<Int>]] = [:]
        for r in records { roundsOf[Debate(run: r.run, regime: r.regime, seed: r.seed, iteration: r.iteration, question: r.question), default: [:]][r.agent, default: []].insert(r.round) }
        var badDebates: [Debate: String] = [:]
        for (d, agents) in roundsOf {
            let maxRound = agents.values.map { $0.max() ?? 0 }.max() ?? 0
            // Rounds are ≥ 1 and distinct, so an agent has all of 1...R exactly when it has R of
            // them (never materialise 1...R: a record may claim round 2_000_000_000).
            if let (a, rs) = agents.sorted(by: { $0.key < $1.key }).first(where: { $0.value.count != maxRound }) {
                badDebates[d] = unevenReason(question: d.question, run: d.run, regime: d.regime, seed: d.seed, iteration: d.iteration,
                                             agent: a, rounds: rs, of: maxRound)
            }
        }
        if !badDebates.isEmpty {
            var keep: [ResponseRecord] = []
            var firstLine: [Debate: Int] = [:]
            var unevenReasons = 0
            for (r, line) in zip(records, lines) {
                let d = Debate(run: r.run, regime: r.regime, seed: r.seed, iteration: r.iteration, question: r.question)
                if let why = badDebates[d] {
                    if strict { throw IngestError.invalidRecord(path: path, location: "line \(line)", reason: why) }
                    skipped += 1
                    if firstLine[d] == nil {
                        firstLine[d] = line
                        if unevenReasons < maxListedReasons {
                            unevenReasons += 1
                            reasons.append((line, "line \(line): \(why) (all its records skipped)"))
                        }
                    }
                } else { keep.append(r) }
            }
            records = keep
        }
        let listed = reasons.sorted { $0.line < $1.line }.prefix(maxListedReasons).map(\.text)
        if records.isEmpty { throw IngestError.noUsableRecords(path: path, skipped: skipped, reasons: listed) }

        let questions = Set(records.map { Debate(run: $0.run, regime: $0.regime, seed: $0.seed, iteration: $0.iteration, question: $0.question) }).count
        // Distinct agent indices (max + 1 overflowed on agent Int.max and overstated sparse indices).
        let agents = Set(records.map(\.agent)).count
        let rounds = records.map(\.round).max() ?? 0
        let runs = Set(records.map(\.run))
        return IngestResult(records: records, skipped: skipped, skipReasons: listed, format: .jsonl, task: task,
                            taskReason: task == nil ? "answers as recorded" : "given", run: runs.count == 1 ? runs.first! : url.lastPathComponent,
                            questions: questions, agents: agents, rounds: rounds, agentNames: nil)
    }
}
