import Foundation
import ChorusRecords
import CSV

/// Reads a sample file (JSON Lines, CSV or TSV) with a `SampleMap` (issue 12; docs/formats.md,
/// "SampleRecord files").
///
/// Rules:
/// - **Long layout** (no wildcard): each row is one sample; `agent` names its model (default
///   `model`). A per-model field that is a JSON list (`"solutions": ["…", "…"]`) gives one
///   sample per item (all per-model lists of a row must have the same length).
/// - **Wide layout** (a wildcard, e.g. `response=*.solution`): each row holds every model. In
///   JSON the models are the keys of the object the part before `*` leads to (the top level
///   when `*` comes first) whose values are objects holding the part after `*`, or, when nothing
///   follows `*`, every key there not used by another mapped field. In CSV they are the header
///   names `<before>.<model>.<after>` (e.g. `gpt4.solution`); every model must have a column for
///   every wildcard field.
/// - Paths: a JSON path first tries the rest of the path as one key (keys with dots), then the
///   next segment. In CSV a path is a header name. An empty CSV cell and JSON `null` are "no
///   value": no truth, no answer; a missing question is an error.
/// - Answers: from `response` with the task's extraction rules; a mapped `answer` is read like
///   a ground truth (so `B`, `(B)`, `42`, `#### 42` all work); `correct` (true/false, 1/0,
///   yes/no) overrides scoring. The task is the one given, else detected from the ground truths
///   (`TaskDetector`), else from the mapped answers.
/// - A row without a mapped column, a repeated (iteration, question, model, sample) when
///   `sample` is mapped, a non-integer iteration: errors naming the file, line, key and column.
///   A question whose ground truth differs between rows is a warning (the first is used).
/// - Complexity: O(file size + samples · response length).
public enum SampleReader {
    /// The default model name of a long file without an `agent` column.
    public static let defaultModel = "model"

    /// - Parameters:
    ///   - path: the sample file.
    ///   - map: which field holds the question, response, truth and so on.
    ///   - syntax: forced syntax (default: `.csv` for `.csv`, `.tsv` for `.tsv`, else JSON Lines).
    ///   - task: forced answer task (default: detected).
    /// - Throws: `IngestError` naming the file, line, key and column.
    public static func read(_ path: String, map: SampleMap, syntax: SampleFile.Syntax? = nil, task: AnswerTask? = nil) throws -> SampleFile {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { throw IngestError.cannotRead(path: path, reason: "no such file") }
        guard !isDir.boolValue else { throw IngestError.cannotRead(path: path, reason: "is a directory") }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw IngestError.cannotRead(path: path, reason: error.localizedDescription)
        }
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { throw IngestError.emptyFile(path: path) }
        let ext = (path as NSString).pathExtension.lowercased()
        let syn = syntax ?? (ext == "csv" ? .csv : ext == "tsv" ? .tsv : .jsonl)
        var raw: [RawSample] = []
        var warnings: [String] = []
        let rows: Int
        switch syn {
        case .jsonl: rows = try readJSONL(Data(bytes), path: path, map: map, into: &raw)
        case .csv, .tsv:
            guard let text = String(data: Data(bytes), encoding: .utf8) else {
                throw IngestError.cannotRead(path: path, reason: "not UTF-8 text")
            }
            rows = try readCSV(text, delimiter: syn == .tsv ? "\t" : ",", path: path, map: map, into: &raw)
        }
        guard !raw.isEmpty else { throw IngestError.sampleRow(path: path, location: "whole file", reason: "no samples (\(rows) rows, none holding a mapped sample)") }
        return try finish(raw, path: path, syntax: syn, map: map, task: task, rows: rows, warnings: &warnings)
    }

    /// A sample before answers are extracted (the task is known only once every truth is read).
    struct RawSample {
        var iteration: Int, question: String, model: String, sampleID: String?
        var response: String?, answer: String?, correct: Bool?, truth: String?
        var location: String
    }

    // MARK: - Per-row values

    /// What a row gives for one path.
    enum Found { case value(JSONValue), missing(String) }

    /// The value of `segments` in a JSON value: the rest of the path as one key first, then
    /// segment by segment. `.missing` says where and what was there.
    static func lookup(_ v: JSONValue, _ segments: ArraySlice<String>, walked: [String] = []) -> Found {
        guard let head = segments.first else { return .value(v) }
        guard case .object(let members) = v else {
            return .missing(walked.isEmpty ? "the row is \(v.kindName), not an object (a sample file in JSON is JSON Lines: one object per line)"
                                           : "'\(walked.joined(separator: "."))' is \(v.kindName), not an object")
        }
        if segments.count > 1, let m = members.first(where: { $0.key == segments.joined(separator: ".") }) { return .value(m.value) }
        guard let m = members.first(where: { $0.key == head }) else {
            let keys = members.prefix(12).map(\.key).joined(separator: ", ") + (members.count > 12 ? ", …" : "")
            return .missing("no field '\(head)'\(walked.isEmpty ? "" : " in '\(walked.joined(separator: "."))'") (keys there: \(keys.isEmpty ? "none" : keys))")
        }
        return lookup(m.value, segments.dropFirst(), walked: walked + [head])
    }

    /// A scalar as text; nil for null; an error for lists and objects.
    static func text(_ v: JSONValue, key: SampleMap.Key, path: SampleMap.Path, file: String, location: String) throws -> String? {
        switch v {
        case .null: return nil
        case .string(let s): return s
        case .number(let n): return n
        case .bool(let b): return b ? "true" : "false"
        case .array, .object:
            throw IngestError.sampleRow(path: file, location: location, reason: "\(key.rawValue)=\(path): found \(v.kindName), expected a string or a number")
        }
    }

    static func boolean(_ s: String, key: SampleMap.Key, path: SampleMap.Path, file: String, location: String) throws -> Bool {
        switch s.trimmingCharacters(in: .whitespaces).lowercased() {
        case "true", "1", "yes", "1.0": return true
        case "false", "0", "no", "0.0": return false
        default: throw IngestError.sampleRow(path: file, location: location, reason: "\(key.rawValue)=\(path): '\(s)' is not true/false, 1/0 or yes/no")
        }
    }

    /// One row's samples, from the per-row values and, per model, the per-model values (each a
    /// scalar or a list of samples).
    static func samples(row: [SampleMap.Key: JSONValue], models: [(name: String, fields: [SampleMap.Key: JSONValue])],
                        map: SampleMap, file: String, location: String, into out: inout [RawSample]) throws {
        func t(_ k: SampleMap.Key) throws -> String? { try row[k].flatMap { try text($0, key: k, path: map[k]!, file: file, location: location) } }
        guard let question = try t(.question) else {
            throw IngestError.sampleRow(path: file, location: location, reason: "question=\(map[.question]!): the question is null or empty")
        }
        var iteration = 0
        if let s = try t(.iteration) {
            guard let i = Int(s.trimmingCharacters(in: .whitespaces)), i >= 0 else {
                throw IngestError.sampleRow(path: file, location: location, reason: "iteration=\(map[.iteration]!): '\(s)' is not a whole number ≥ 0")
            }
            iteration = i
        }
        let truth = try t(.truth)
        let sampleID = try t(.sample)
        for (model, fields) in models {
            // Per-model fields: all lists of one length (one sample per item) or all scalars.
            let lists = fields.compactMapValues { $0.arrayValue }
            let count: Int?
            if lists.isEmpty { count = nil } else {
                guard lists.count == fields.count, Set(lists.values.map(\.count)).count == 1 else {
                    let desc = fields.map { "\($0.key.rawValue)=\(map[$0.key]!) is \($0.value.kindName)" + ($0.value.arrayValue.map { " of \($0.count)" } ?? "") }.sorted().joined(separator: ", ")
                    throw IngestError.sampleRow(path: file, location: location, reason: "model '\(model)': per-model fields must all be lists of one length or all single values (\(desc))")
                }
                count = lists.values.first!.count
            }
            for i in 0..<(count ?? 1) {
                func field(_ k: SampleMap.Key) -> JSONValue? { fields[k].map { count == nil ? $0 : $0.arrayValue![i] } }
                let loc = location + (count == nil ? "" : ", \(model)[\(i)]")
                var s = RawSample(iteration: iteration, question: question, model: model,
                                  sampleID: count == nil ? sampleID : (sampleID.map { "\($0)/" } ?? "") + String(i),
                                  response: nil, answer: nil, correct: nil, truth: truth, location: loc)
                if let v = field(.response) { s.response = try text(v, key: .response, path: map[.response]!, file: file, location: loc) ?? "" }
                if let v = field(.answer) { s.answer = try text(v, key: .answer, path: map[.answer]!, file: file, location: loc) }
                if let v = field(.correct), let c = try text(v, key: .correct, path: map[.correct]!, file: file, location: loc) {
                    s.correct = try boolean(c, key: .correct, path: map[.correct]!, file: file, location: loc)
                }
                out.append(s)
            }
        }
    }

    // MARK: - JSON Lines

    static func readJSONL(_ data: Data, path: String, map: SampleMap, into out: inout [RawSample]) throws -> Int {
        let perRow: [SampleMap.Key] = [.question, .truth, .iteration, .sample, .agent]
        let perModel = SampleMap.Key.allCases.filter { $0.perModel && map[$0] != nil }
        // Keys at the wildcard's level that other mapped fields use (never models).
        var reserved = Set<String>()
        if let prefix = map.widePrefix {
            for k in perRow { if let p = map[k], p.segments.count > prefix.count, p.segments.starts(with: prefix) { reserved.insert(p.segments[prefix.count]) } }
        }
        var lineNo = 0, rows = 0
        for raw in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNo += 1
            if raw.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            rows += 1
            let loc = "line \(lineNo)"
            let v = try JSONDocument.parse(Data(raw), path: "\(path) line \(lineNo)")
            func need(_ k: SampleMap.Key, in value: JSONValue, _ segments: [String], model: String? = nil) throws -> JSONValue {
                switch lookup(value, segments[...]) {
                case .value(let x): return x
                case .missing(let why):
                    throw IngestError.sampleRow(path: path, location: loc, reason: "\(k.rawValue)=\(map[k]!): \(model.map { "model '\($0)': " } ?? "")\(why)")
                }
            }
            var row: [SampleMap.Key: JSONValue] = [:]
            for k in perRow { if let p = map[k] { row[k] = try need(k, in: v, p.segments) } }
            var models: [(String, [SampleMap.Key: JSONValue])] = []
            if let prefix = map.widePrefix {
                let anyKey = perModel.first!
                let level = try need(anyKey, in: v, prefix)
                guard let members = level.objectValue else {
                    throw IngestError.sampleRow(path: path, location: loc, reason: "\(anyKey.rawValue)=\(map[anyKey]!): '\(prefix.isEmpty ? "the row" : prefix.joined(separator: "."))' is \(level.kindName), expected an object of models")
                }
                let nested = perModel.contains { !map[$0]!.suffix.isEmpty }
                for m in members where !(prefix.isEmpty && reserved.contains(m.key)) {
                    if nested, m.value.objectValue == nil { continue }   // a per-row scalar, not a model
                    var fields: [SampleMap.Key: JSONValue] = [:]
                    for k in perModel { fields[k] = try need(k, in: m.value, map[k]!.suffix, model: m.key) }
                    models.append((m.key, fields))
                }
                if models.isEmpty {
                    throw IngestError.sampleRow(path: path, location: loc, reason: "\(anyKey.rawValue)=\(map[anyKey]!): no model at '\(prefix.isEmpty ? "the top level" : prefix.joined(separator: "."))' (expected objects holding '\(map[anyKey]!.suffix.joined(separator: "."))')")
                }
            } else {
                var model = defaultModel
                if let p = map[.agent] {
                    guard let s = try text(row[.agent]!, key: .agent, path: p, file: path, location: loc), !s.isEmpty else {
                        throw IngestError.sampleRow(path: path, location: loc, reason: "agent=\(p): the model name is null or empty")
                    }
                    model = s
                }
                var fields: [SampleMap.Key: JSONValue] = [:]
                for k in perModel { fields[k] = try need(k, in: v, map[k]!.segments) }
                models.append((model, fields))
            }
            try samples(row: row, models: models, map: map, file: path, location: loc, into: &out)
        }
        return rows
    }

    // MARK: - CSV

    static func readCSV(_ text: String, delimiter: UnicodeScalar, path: String, map: SampleMap, into out: inout [RawSample]) throws -> Int {
        let reader: CSVReader
        do { reader = try CSVReader(string: text, hasHeaderRow: true, delimiter: delimiter) } catch {
            throw IngestError.sampleRow(path: path, location: "line 1", reason: "not readable as \(delimiter == "\t" ? "TSV" : "CSV"): \(error)")
        }
        let header = reader.headerRow ?? []
        let shown = header.prefix(16).joined(separator: ", ") + (header.count > 16 ? ", …" : "")
        func column(_ k: SampleMap.Key, _ name: String) throws -> Int {
            guard let i = header.firstIndex(of: name) else {
                throw IngestError.sampleRow(path: path, location: "line 1 (header)", reason: "\(k.rawValue)=\(map[k]!): no column '\(name)' (columns: \(shown))")
            }
            return i
        }
        var perRow: [SampleMap.Key: Int] = [:]
        for k in [SampleMap.Key.question, .truth, .iteration, .sample, .agent] { if let p = map[k] { perRow[k] = try column(k, p.text) } }
        let perModel = SampleMap.Key.allCases.filter { $0.perModel && map[$0] != nil }
        var models: [(name: String, columns: [SampleMap.Key: Int])] = []
        if map.widePrefix != nil {
            // Header names <before>.<model>.<after>, per wildcard field; every model needs all.
            var found: [String: [SampleMap.Key: Int]] = [:]
            var order: [String] = []
            for k in perModel {
                let p = map[k]!
                let before = p.prefix.isEmpty ? "" : p.prefix.joined(separator: ".") + "."
                let after = p.suffix.isEmpty ? "" : "." + p.suffix.joined(separator: ".")
                for (i, h) in header.enumerated() where h.hasPrefix(before) && h.hasSuffix(after) && h.count > before.count + after.count {
                    let model = String(h.dropFirst(before.count).dropLast(after.count))
                    if !p.suffix.isEmpty || !perRow.values.contains(i) {
                        if found[model] == nil { order.append(model) }
                        found[model, default: [:]][k] = i
                    }
                }
            }
            for m in order {
                for k in perModel where found[m]![k] == nil {
                    throw IngestError.sampleRow(path: path, location: "line 1 (header)", reason: "\(k.rawValue)=\(map[k]!): model '\(m)' has no column '\(map[k]!.text.replacingOccurrences(of: "*", with: m))' (columns: \(shown))")
                }
                models.append((m, found[m]!))
            }
            if models.isEmpty {
                throw IngestError.sampleRow(path: path, location: "line 1 (header)", reason: "\(perModel[0].rawValue)=\(map[perModel[0]]!): no column matches (columns: \(shown))")
            }
        } else {
            var cols: [SampleMap.Key: Int] = [:]
            for k in perModel { cols[k] = try column(k, map[k]!.text) }
            models.append((defaultModel, cols))
        }
        var line = 1 + header.reduce(0) { $0 + $1.filter { $0 == "\n" }.count } + 1
        var rows = 0
        while let r = reader.next() {
            let loc = "line \(line)"
            line += 1 + r.reduce(0) { $0 + $1.filter { $0 == "\n" }.count }
            if r.count == 1, r[0].trimmingCharacters(in: .whitespaces).isEmpty { continue }   // a blank line
            rows += 1
            guard r.count == header.count else {
                throw IngestError.sampleRow(path: path, location: loc, reason: "\(r.count) fields, but the header has \(header.count)")
            }
            func cell(_ i: Int) -> JSONValue { r[i].isEmpty ? .null : .string(r[i]) }
            var row: [SampleMap.Key: JSONValue] = [:]
            for (k, i) in perRow { row[k] = cell(i) }
            var ms: [(String, [SampleMap.Key: JSONValue])] = []
            for (name, cols) in models {
                var fields: [SampleMap.Key: JSONValue] = [:]
                for (k, i) in cols { fields[k] = k == .response ? .string(r[i]) : cell(i) }
                var model = name
                if map.widePrefix == nil, let i = perRow[.agent] {
                    guard !r[i].isEmpty else { throw IngestError.sampleRow(path: path, location: loc, reason: "agent=\(map[.agent]!): the model name is empty") }
                    model = r[i]
                }
                ms.append((model, fields))
            }
            try samples(row: row, models: ms, map: map, file: path, location: loc, into: &out)
        }
        return rows
    }

    // MARK: - Answers and checks

    static func finish(_ raw: [RawSample], path: String, syntax: SampleFile.Syntax, map: SampleMap, task: AnswerTask?,
                       rows: Int, warnings: inout [String]) throws -> SampleFile {
        let chosen: (AnswerTask, String)
        if let task { chosen = (task, "given") } else {
            let byTruth = TaskDetector.detect(truths: raw.map(\.truth))
            if byTruth.task == .free, map[.answer] != nil {
                let byAnswer = TaskDetector.detect(truths: raw.map(\.answer))
                chosen = (byAnswer.task, "from the mapped answers: " + byAnswer.reason)
            } else { chosen = (byTruth.task, byTruth.reason) }
        }
        let t = chosen.0
        // One truth per (iteration, question): a differing one is listed, the first kept.
        struct QKey: Hashable { var iteration: Int; var question: String }
        var truths: [QKey: (String, String)] = [:]
        var conflicts = 0
        for s in raw {
            guard let tr = s.truth else { continue }
            let k = QKey(iteration: s.iteration, question: s.question)
            if let (first, where1) = truths[k] {
                if first != tr {
                    conflicts += 1
                    if conflicts <= 5 { warnings.append("\(path): \(s.location): the ground truth differs from the one on \(where1) for the same question; the first is used") }
                }
            } else { truths[k] = (tr, s.location) }
        }
        if conflicts > 5 { warnings.append("\(path): \(conflicts) samples in all have a ground truth differing from their question's first") }
        // Repeated sample ids are errors (a sample counted twice would bias pass@k).
        if map[.sample] != nil {
            struct SKey: Hashable { var iteration: Int; var question: String; var model: String; var id: String }
            var seen: [SKey: String] = [:]
            for s in raw {
                guard let id = s.sampleID else { continue }
                let k = SKey(iteration: s.iteration, question: s.question, model: s.model, id: id)
                if let first = seen[k] {
                    throw IngestError.sampleRow(path: path, location: s.location, reason: "sample=\(map[.sample]!): sample '\(id)' of model '\(s.model)' for this question (iteration \(s.iteration)) is already on \(first)")
                }
                seen[k] = s.location
            }
        }
        var samples: [SampleRecord] = []
        samples.reserveCapacity(raw.count)
        var models: [String] = []
        var modelSet = Set<String>()
        for s in raw {
            if modelSet.insert(s.model).inserted { models.append(s.model) }
            let truthRaw = truths[QKey(iteration: s.iteration, question: s.question)]?.0
            let truth = t.hasAnswers ? truthRaw.flatMap { AnswerExtractor.truth($0, task: t) } : nil
            var answer: String? = nil
            if t.hasAnswers {
                if map[.answer] != nil { answer = s.answer.flatMap { AnswerExtractor.truth($0, task: t) } }
                else if let r = s.response { answer = AnswerExtractor.extract(r, task: t) }
            }
            let correct = s.correct ?? (truth == nil ? nil : AnswerExtractor.correctness(answer: answer, truth: truth, task: t))
            samples.append(SampleRecord(iteration: s.iteration, question: s.question, model: s.model, sampleID: s.sampleID,
                                  response: s.response, answer: answer, correct: correct, truth: truth, location: s.location))
        }
        return SampleFile(path: path, syntax: syntax, layout: map.widePrefix == nil ? .long : .wide, task: t, taskReason: chosen.1,
                          samples: samples, models: models, rows: rows, warnings: warnings)
    }
}
