import Foundation
import ChorusRecords

/// Reads a canonical JSON Lines log one debate at a time, keeping only the current debate's
/// records in memory (issue 10: `chorus analyze` of a 1 GB log in bounded memory).
///
/// A debate is the records of one (run, regime, seed, iteration, question). When the file
/// keeps each debate's records together (as `chorus simulate --transcripts` and
/// `chorus analyze --records` write them), every debate is handed to `body` once complete, with
/// the same checks, answers and skip reasons as `LogReader.read`: invalid lines and duplicate
/// records are skipped, a debate whose agents did not all answer rounds 1…R is skipped whole.
/// When a debate's records are split (a record of a debate already closed turns up later),
/// the file cannot be streamed and `NotGrouped` is thrown: the caller reads it whole instead
/// (`LogReader.read`), with its O(records) memory.
///
/// With `strict`, the first problem is an error, as in `LogReader.read`; the one difference is
/// which comes first when a file has several: an uneven debate is reported when the debate
/// ends, not after the whole file.
/// - Complexity: O(file size) time; memory O(longest line + one debate's records + distinct
///   runs and agent indices), plus 8 bytes (a hash) per debate for the grouping check.
public enum JSONLDebateStream {
    /// The file's debates are not contiguous: `line` holds a record of a debate that ended earlier.
    public struct NotGrouped: Error, CustomStringConvertible {
        /// The file read.
        public var path: String
        /// The 1-based line of the out-of-place record.
        public var line: Int
        public var description: String {
            "\(path): line \(line) continues a debate that ended earlier (the records of a question are not together)"
        }
    }

    /// What was read: an `IngestResult` without records, and the number of records kept.
    public struct Summary: Sendable {
        /// What was read, with its records left out (they went to the caller one debate at a time).
        public var result: IngestResult
        /// The number of records kept.
        public var responses: Int
    }

    private struct DebateKey: Hashable {
        var run: String; var regime: String; var seed: UInt64?; var iteration: Int; var question: String
        init(_ r: ResponseRecord) { run = r.run; regime = r.regime; seed = r.seed; iteration = r.iteration; question = r.question }
    }
    private struct Slot: Hashable { var agent: Int; var round: Int }

    /// Calls `body` with each complete, valid debate's records (in file order), debates in order
    /// of their first line.
    /// - Throws: `IngestError` (as `LogReader.read`), `NotGrouped`, or what `body` throws.
    public static func read(_ url: URL, task: AnswerTask?, strict: Bool,
                            maxLineBytes: Int = RecordsJSONLReader.defaultMaxLineBytes,
                            _ body: ([ResponseRecord]) throws -> Void) throws -> Summary {
        let path = url.path
        var reasons: [(line: Int, text: String)] = []   // the `maxListedReasons` smallest lines
        var skipped = 0, kept = 0, debates = 0, maxRound = 0
        var agents = Set<Int>(), runs = Set<String>()
        var closed = Set<Int>()
        var current: DebateKey? = nil
        var records: [ResponseRecord] = [], lines: [Int] = []
        var slots = Set<Slot>()

        func reason(_ line: Int, _ text: String) {
            guard reasons.count < LogReader.maxListedReasons || line < reasons.last!.line else { return }
            let i = reasons.firstIndex { $0.line > line } ?? reasons.count
            reasons.insert((line, text), at: i)
            if reasons.count > LogReader.maxListedReasons { reasons.removeLast() }
        }
        func finish() throws {
            guard let key = current else { return }
            closed.insert(key.hashValue)
            current = nil
            defer { records.removeAll(keepingCapacity: true); lines.removeAll(keepingCapacity: true); slots.removeAll(keepingCapacity: true) }
            var roundsOf: [Int: Set<Int>] = [:]
            for r in records { roundsOf[r.agent, default: []].insert(r.round) }
            let top = roundsOf.values.map { $0.max() ?? 0 }.max() ?? 0
            if let (a, rs) = roundsOf.sorted(by: { $0.key < $1.key }).first(where: { $0.value.count != top }) {
                let why = LogReader.unevenReason(question: key.question, run: key.run, regime: key.regime, seed: key.seed,
                                                 iteration: key.iteration, agent: a, rounds: rs, of: top)
                if strict { throw IngestError.invalidRecord(path: path, location: "line \(lines[0])", reason: why) }
                skipped += records.count
                reason(lines[0], "line \(lines[0]): \(why) (all its records skipped)")
                return
            }
            debates += 1; kept += records.count
            for r in records { agents.insert(r.agent); maxRound = max(maxRound, r.round) }
            runs.insert(key.run)
            try body(records)
        }

        try RecordsJSONLReader.forEach(url, maxLineBytes: maxLineBytes) { entry in
            switch entry {
            case .invalid(let line, let why):
                if strict { throw IngestError.invalidRecord(path: path, location: "line \(line)", reason: why) }
                skipped += 1
                reason(line, "line \(line): \(why)")
            case .record(var r, let line):
                let key = DebateKey(r)
                if key != current {
                    try finish()
                    if closed.contains(key.hashValue) { throw NotGrouped(path: path, line: line) }
                    current = key
                }
                guard slots.insert(Slot(agent: r.agent, round: r.round)).inserted else {
                    let why = LogReader.duplicateReason(r)
                    if strict { throw IngestError.invalidRecord(path: path, location: "line \(line)", reason: why) }
                    skipped += 1
                    reason(line, "line \(line): \(why)")
                    return
                }
                if let task { LogReader.judge(&r, task: task) }
                records.append(r); lines.append(line)
            }
        }
        try finish()
        let listed = reasons.map(\.text)
        if kept == 0 && skipped == 0 { throw IngestError.emptyFile(path: path) }
        if kept == 0 { throw IngestError.noUsableRecords(path: path, skipped: skipped, reasons: listed) }
        let result = IngestResult(records: [], skipped: skipped, skipReasons: listed, format: .jsonl, task: task,
                                  taskReason: task == nil ? "answers as recorded" : "given",
                                  run: runs.count == 1 ? runs.first! : url.lastPathComponent,
                                  questions: debates, agents: agents.count, rounds: maxRound, agentNames: nil)
        return Summary(result: result, responses: kept)
    }
}
