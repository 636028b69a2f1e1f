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
/// `readIndexed` instead (two passes, an index of 20 bytes a record), which hands `body` the
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
    /// `read`) and keeps, per record, where its line is and the next record of its debate (a
    /// chain per debate, its debates told apart by a 64-bit hash of their keys, `debateHash`);
    /// the second visits the debates in order of their first line and reads each one's lines
    /// again with `pread(2)`. The records read back are checked against their exact keys: if
    /// two debates share a hash (about one chance in 10^8 for 500,000 debates), their records
    /// are parted by key there and each debate is handed over at the place of its first line,
    /// so the result is the same as without the collision.
    ///
    /// `inFileOrder`, if given, then gets the records that `body` got, in file order (as
    /// `LogReader.read` returns them), from a third pass; a bit a record marks which were kept.
    /// - Throws: `IngestError` (as `read`; `.cannotRead` if the file changes between the
    ///   passes), or what `body` or `inFileOrder` throws.
    /// - Complexity: O(file size) time, reading it twice (three times with `inFileOrder`);
    ///   memory O(longest line + one debate's records) plus 20 bytes a record (line offset,
    ///   length and number, next record of its debate: `IndexedLines`) plus, per debate, 8 bytes
    ///   (its first and last record) and a dictionary entry (hash → debate number, about 30
    ///   bytes) during the first pass. A 1 GB log of 2.45 million records and 500,000 debates:
    ///   about 49 MB of index plus about 20 MB for the debates.
    public static func readIndexed(_ url: URL, task: AnswerTask?, strict: Bool,
                                   maxLineBytes: Int = RecordsJSONLReader.defaultMaxLineBytes,
                                   _ body: ([ResponseRecord]) throws -> Void,
                                   inFileOrder: ((ResponseRecord) throws -> Void)? = nil) throws -> Summary {
        try readIndexed(url, task: task, strict: strict, maxLineBytes: maxLineBytes, hash: debateHash, body, inFileOrder: inFileOrder)
    }

    /// The 64-bit hash that `readIndexed` tells debates apart by in its first pass: `Hasher`
    /// (SipHash, seeded per process) of the debate's run, regime, seed, iteration and question.
    static func debateHash(_ r: ResponseRecord) -> UInt64 {
        var h = Hasher()
        h.combine(DebateKey(r))
        return UInt64(truncatingIfNeeded: h.finalize())
    }

    /// `readIndexed` with the hash of the debate keys given (tests force collisions with it).
    static func readIndexed(_ url: URL, task: AnswerTask?, strict: Bool, maxLineBytes: Int,
                            hash: (ResponseRecord) -> UInt64,
                            _ body: ([ResponseRecord]) throws -> Void,
                            inFileOrder: ((ResponseRecord) throws -> Void)?) throws -> Summary {
        let path = url.path
        var g = Grouper(path: path, task: task, strict: strict)
        // Pass 1: per record, its line and the next record of its debate; per debate (by hash,
        // numbered in order of first line) its first record.
        var lines = IndexedLines()
        var head: [UInt32] = []
        var longest = 1
        do {
            var ids: [UInt64: UInt32] = [:]
            var tail: [UInt32] = []
            try RecordsJSONLReader.forEachLocatedLogLine(url, maxLineBytes: maxLineBytes) { entry, span in
                switch entry {
                case .invalid(let line, let why):
                    try g.invalid(line, why)
                case .record(let r, let line):
                    guard lines.count < Int(UInt32.max) - 1 else { throw IngestError.cannotRead(path: path, reason: "more than \(UInt32.max - 1) records") }
                    guard line <= Int(UInt32.max), span.length <= Int(UInt32.max) else {
                        throw IngestError.cannotRead(path: path, reason: "more than \(UInt32.max) lines, or a line of more than \(UInt32.max) bytes")
                    }
                    let i = UInt32(lines.count), h = hash(r)
                    if let d = ids[h] {
                        lines.next[Int(tail[Int(d)])] = i
                        tail[Int(d)] = i
                    } else {
                        ids[h] = UInt32(head.count)
                        head.append(i); tail.append(i)
                    }
                    lines.append(offset: UInt64(span.offset), length: UInt32(span.length), line: UInt32(line))
                    longest = max(longest, span.length)
                }
            }
        }

        // Pass 2: each debate's lines read back and decoded, then handed on as `read` does.
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw IngestError.cannotRead(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: longest)
        var kept = inFileOrder == nil ? [] : [UInt64](repeating: 0, count: (lines.count + 63) / 64)
        let changed = IngestError.cannotRead(path: path, reason: "the file changed while it was read (its debates are not together, so it is read twice)")
        func record(_ i: Int) throws -> ResponseRecord {
            let offset = off_t(lines.offset[i]), n = Int(lines.length[i])
            return try buffer.withUnsafeMutableBytes { raw in
                var got = 0
                while got < n {
                    let r = pread(fd, raw.baseAddress! + got, n - got, offset + off_t(got))
                    if r < 0, errno == EINTR { continue }
                    guard r > 0 else { throw changed }
                    got += r
                }
                let line = UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: n)
                guard case .record(let r)? = try? RecordLineDecoder.decode(line) else { throw changed }
                return r
            }
        }
        var accepted: [Int] = []
        func hand(_ debate: [ReadBack]) throws {
            for x in debate {
                if try g.add(x.record, line: x.line, key: x.key, body) { accepted.append(x.index) }
            }
            if try g.finish(body), !kept.isEmpty { for i in accepted { kept[i >> 6] |= 1 << UInt64(i & 63) } }
            accepted.removeAll(keepingCapacity: true)
        }
        var group: [ReadBack] = []
        var later: [[ReadBack]] = []   // debates whose hash collided, by first line, not yet handed on
        for first in head {
            while let p = later.first, p[0].index < Int(first) { try hand(p); later.removeFirst() }
            var i = Int(first)
            while i != Int(IndexedLines.end) {
                let r = try record(i)
                group.append(ReadBack(record: r, key: DebateKey(r), line: Int(lines.line[i]), index: i))
                i = Int(lines.next[i])
            }
            if group.allSatisfy({ $0.key == group[0].key }) {
                try hand(group)
            } else {
                let parts = Self.parted(group)
                try hand(parts[0])
                for p in parts.dropFirst() { later.insert(p, at: later.firstIndex { $0[0].index > p[0].index } ?? later.endIndex) }
            }
            group.removeAll(keepingCapacity: true)
        }
        for p in later { try hand(p) }

        if let inFileOrder, !kept.isEmpty {
            let count = lines.count
            lines = IndexedLines(); head = []
            var i = 0
            try RecordsJSONLReader.forEachLogLine(url, maxLineBytes: maxLineBytes) { entry in
                guard case .record(var r, _) = entry else { return }
                defer { i += 1 }
                guard i < count else { throw changed }
                guard kept[i >> 6] & (1 << UInt64(i & 63)) != 0 else { return }
                if let task { LogReader.judge(&r, task: task) }
                try inFileOrder(r)
            }
        }
        return try g.summary(url)
    }

    /// A record read back by `readIndexed`: its exact debate key, line number and index (its
    /// place among the file's records).
    private struct ReadBack {
        var record: ResponseRecord
        var key: DebateKey
        var line: Int
        var index: Int
    }

    /// The records of debates whose hashes collided, parted by exact key: one array a debate,
    /// in order of their first record, each in file order.
    private static func parted(_ group: [ReadBack]) -> [[ReadBack]] {
        var keys: [DebateKey: Int] = [:]
        var parts: [[ReadBack]] = []
        for x in group {
            if let k = keys[x.key] { parts[k].append(x) } else { keys[x.key] = parts.count; parts.append([x]) }
        }
        return parts
    }

    /// `readIndexed`'s index of a file's records, in flat columns (20 bytes a record): where
    /// each record's line is (offset, length), its number, and the next record of its debate.
    private struct IndexedLines {
        /// `next` of a debate's last record.
        static let end = UInt32.max
        var offset = ChunkedColumn<UInt64>()
        var length = ChunkedColumn<UInt32>()
        var line = ChunkedColumn<UInt32>()
        var next = ChunkedColumn<UInt32>()
        var count: Int { offset.count }

        mutating func append(offset o: UInt64, length n: UInt32, line l: UInt32) {
            offset.append(o); length.append(n); line.append(l); next.append(Self.end)
        }
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
