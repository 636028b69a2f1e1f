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
/// the file cannot be streamed in one pass and `NotGrouped` is thrown: the caller reads it with
/// `readIndexed` instead (two passes, an index of 24 bytes a record), which hands `body` the
/// same debates in the same order.
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
        var g = Grouper(path: url.path, task: task, strict: strict)
        var closed = Set<Int>()
        try RecordsJSONLReader.forEachLogLine(url, maxLineBytes: maxLineBytes) { entry in
            switch entry {
            case .invalid(let line, let why):
                try g.invalid(line, why)
            case .record(let r, let line):
                let key = DebateKey(r)
                if key != g.current {
                    if let done = g.current { closed.insert(done.hashValue) }
                    try g.finish(body)
                    if closed.contains(key.hashValue) { throw NotGrouped(path: url.path, line: line) }
                }
                try g.add(r, line: line, key: key, body)
            }
        }
        try g.finish(body)
        return try g.summary(url)
    }

    /// As `read`, for a file whose debates are not together: the same debates, in the same
    /// order (of their first line), with their records in file order, so the same `body` calls
    /// as `read` on the file with each debate's lines gathered at its first.
    ///
    /// Two passes. The first reads the file line by line (checking and decoding every line, as
    /// `read`) and keeps, per record, where its line is and which debate it belongs to, and per
    /// debate its key once. The second visits the debates in order and reads each one's lines
    /// again with `pread(2)`.
    ///
    /// `inFileOrder`, if given, then gets the records that `body` got, in file order (as
    /// `LogReader.read` returns them), from a third pass; a bit a record marks which were kept.
    /// - Throws: `IngestError` (as `read`; `.cannotRead` if the file changes between the
    ///   passes), or what `body` or `inFileOrder` throws.
    /// - Complexity: O(file size) time, reading it twice (three times with `inFileOrder`);
    ///   memory O(longest line + one debate's records) plus 24 bytes a record (line offset, length and number, debate number) plus,
    ///   per debate, its key (run, regime, question strings, seed, iteration: about 100 bytes
    ///   with short names) during the first pass. A 1 GB log of 2.4 million records and 500,000
    ///   debates: about 58 MB of index plus about 50 MB of keys.
    public static func readIndexed(_ url: URL, task: AnswerTask?, strict: Bool,
                                   maxLineBytes: Int = RecordsJSONLReader.defaultMaxLineBytes,
                                   _ body: ([ResponseRecord]) throws -> Void,
                                   inFileOrder: ((ResponseRecord) throws -> Void)? = nil) throws -> Summary {
        let path = url.path
        var g = Grouper(path: path, task: task, strict: strict)
        // Pass 1: per record, its line (offset, length, number) and its debate's number; debates
        // numbered in order of their first line.
        var spans: [LineSpan] = []
        var debateOf: [UInt32] = []
        var debates = 0
        do {
            var ids: [DebateKey: UInt32] = [:]
            try RecordsJSONLReader.forEachLocatedLogLine(url, maxLineBytes: maxLineBytes) { entry, span in
                switch entry {
                case .invalid(let line, let why):
                    try g.invalid(line, why)
                case .record(let r, let line):
                    let key = DebateKey(r)
                    let id: UInt32
                    if let known = ids[key] { id = known } else {
                        guard ids.count < Int(UInt32.max) else { throw IngestError.cannotRead(path: path, reason: "more than \(UInt32.max) debates") }
                        id = UInt32(ids.count); ids[key] = id
                    }
                    guard line <= Int(UInt32.max) else { throw IngestError.cannotRead(path: path, reason: "more than \(UInt32.max) lines") }
                    spans.append(LineSpan(offset: Int64(span.offset), length: UInt32(span.length), line: UInt32(line)))
                    debateOf.append(id)
                }
            }
            debates = ids.count
        }
        // The records by debate, each debate's in file order (a counting sort: stable).
        var order = [UInt32](repeating: 0, count: spans.count)
        var first = [Int](repeating: 0, count: debates + 1)
        for d in debateOf { first[Int(d) + 1] += 1 }
        for k in 0..<debates { first[k + 1] += first[k] }
        var next = first
        for (i, d) in debateOf.enumerated() { order[next[Int(d)]] = UInt32(i); next[Int(d)] += 1 }
        debateOf = []; next = []

        // Pass 2: each debate's lines read back and decoded, then handed on as `read` does.
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw IngestError.cannotRead(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: max(1, spans.lazy.map { Int($0.length) }.max() ?? 1))
        var kept = inFileOrder == nil ? [] : [UInt64](repeating: 0, count: (spans.count + 63) / 64)
        var accepted: [Int] = []
        let changed = IngestError.cannotRead(path: path, reason: "the file changed while it was read (its debates are not together, so it is read twice)")
        for d in 0..<debates {
            for k in first[d]..<first[d + 1] {
                let span = spans[Int(order[k])]
                let n = Int(span.length)
                let record: ResponseRecord = try buffer.withUnsafeMutableBytes { raw in
                    var got = 0
                    while got < n {
                        let r = pread(fd, raw.baseAddress! + got, n - got, off_t(span.offset) + off_t(got))
                        if r < 0, errno == EINTR { continue }
                        guard r > 0 else { throw changed }
                        got += r
                    }
                    let line = UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: n)
                    guard case .record(let r)? = try? RecordLineDecoder.decode(line) else { throw changed }
                    return r
                }
                if try g.add(record, line: Int(span.line), key: DebateKey(record), body) { accepted.append(Int(order[k])) }
            }
            if try g.finish(body), !kept.isEmpty { for i in accepted { kept[i >> 6] |= 1 << UInt64(i & 63) } }
            accepted.removeAll(keepingCapacity: true)
        }
        if let inFileOrder, !kept.isEmpty {
            var i = 0
            try RecordsJSONLReader.forEachLogLine(url, maxLineBytes: maxLineBytes) { entry in
                guard case .record(var r, _) = entry else { return }
                defer { i += 1 }
                guard i < spans.count else { throw changed }
                guard kept[i >> 6] & (1 << UInt64(i & 63)) != 0 else { return }
                if let task { LogReader.judge(&r, task: task) }
                try inFileOrder(r)
            }
        }
        return try g.summary(url)
    }

    /// Where a record's line is (`readIndexed`): 16 bytes.
    private struct LineSpan {
        var offset: Int64
        var length: UInt32
        var line: UInt32
    }

    /// The checks and counts of a debate's records, shared by `read` and `readIndexed`: records
    /// come in debate by debate (`add`), each debate closed by `finish`.
    private struct Grouper {
        let path: String
        let task: AnswerTask?
        let strict: Bool
        var reasons: [(line: Int, text: String)] = []   // the `maxListedReasons` smallest lines
        var skipped = 0, kept = 0, debates = 0, maxRound = 0
        var agents = Set<Int>(), runs = Set<String>()
        var current: DebateKey? = nil
        var records: [ResponseRecord] = [], lines: [Int] = []
        var slots = Set<Slot>()

        init(path: String, task: AnswerTask?, strict: Bool) { self.path = path; self.task = task; self.strict = strict }

        mutating func reason(_ line: Int, _ text: String) {
            guard reasons.count < LogReader.maxListedReasons || line < reasons.last!.line else { return }
            let i = reasons.firstIndex { $0.line > line } ?? reasons.count
            reasons.insert((line, text), at: i)
            if reasons.count > LogReader.maxListedReasons { reasons.removeLast() }
        }

        /// A line that is not a valid record.
        mutating func invalid(_ line: Int, _ why: String) throws {
            if strict { throw IngestError.invalidRecord(path: path, location: "line \(line)", reason: why) }
            skipped += 1
            reason(line, "line \(line): \(why)")
        }

        /// A record of debate `key` (the current one, or a new one after `finish`); false when
        /// it is skipped as a duplicate.
        @discardableResult
        mutating func add(_ record: ResponseRecord, line: Int, key: DebateKey, _ body: ([ResponseRecord]) throws -> Void) throws -> Bool {
            if key != current { try finish(body); current = key }
            var r = record
            guard slots.insert(Slot(agent: r.agent, round: r.round)).inserted else {
                let why = LogReader.duplicateReason(r)
                if strict { throw IngestError.invalidRecord(path: path, location: "line \(line)", reason: why) }
                skipped += 1
                reason(line, "line \(line): \(why)")
                return false
            }
            if let task { LogReader.judge(&r, task: task) }
            records.append(r); lines.append(line)
            return true
        }

        /// Closes the current debate: skipped whole if uneven (false), else handed to `body` (true).
        @discardableResult
        mutating func finish(_ body: ([ResponseRecord]) throws -> Void) throws -> Bool {
            guard let key = current else { return false }
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
                return false
            }
            debates += 1; kept += records.count
            for r in records { agents.insert(r.agent); maxRound = max(maxRound, r.round) }
            runs.insert(key.run)
            try body(records)
            return true
        }

        /// What was read, or the error of a file with no usable record.
        func summary(_ url: URL) throws -> Summary {
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
}
