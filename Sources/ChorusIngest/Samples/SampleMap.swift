import Foundation

/// The column mapping of a sample file (`chorus analyze FILE --map …`, issue 12): which column
/// or nested field holds the question, the response, the ground truth, the model, the
/// iteration and the sample number.
///
/// Syntax: comma-separated `key=path`, e.g.
/// `question=problem,response=solution,truth=answer,agent=model,iteration=iter,sample=k`.
/// A path addresses a CSV column by its header, or a JSON field; nested JSON fields are joined
/// with dots (`output.text`). One path segment may be `*`, the wildcard of the wide layout: it
/// takes the same field from every model, the model being named by the key the `*` stands for
/// (`response=*.solution` on `{"problem": …, "gpt4": {"solution": …}, "llama": {"solution": …}}`;
/// on CSV headers `gpt4.solution`, `llama.solution`).
public struct SampleMap: Sendable, Equatable {
    /// The keys a map may set.
    public enum Key: String, Sendable, CaseIterable {
        /// The question (its text or id); rows with equal values are one question. Required.
        case question
        /// The sampled response text; the answer is extracted from it with the task's rules.
        case response
        /// An answer already extracted (read like a ground truth: `AnswerExtractor.truth`).
        case answer
        /// Whether the sample is right (true/false, 1/0, yes/no); overrides scoring by truth.
        case correct
        /// The ground truth (scored with `AnswerExtractor`).
        case truth
        /// The model (agent) that wrote the sample (long layout; in the wide layout the key of `*`).
        case agent
        /// The finetuning iteration (a whole number ≥ 0; default 0).
        case iteration
        /// The sample's number or id within (question, model, iteration); a repeated one is an error.
        case sample

        /// Keys that may hold the wildcard: the per-model fields.
        public var perModel: Bool { self == .response || self == .answer || self == .correct }
    }

    /// A field path: segments split at dots; `wildcard` is the index of the `*` segment.
    public struct Path: Sendable, Equatable, CustomStringConvertible {
        /// The path as written in the map.
        public var text: String
        /// The path's segments, split at dots.
        public var segments: [String]
        /// The index of the `*` segment; nil without one.
        public var wildcard: Int?
        /// Segments before and after the wildcard.
        public var prefix: [String] { wildcard.map { Array(segments[..<$0]) } ?? segments }
        /// The segments after the wildcard (empty without one).
        public var suffix: [String] { wildcard.map { Array(segments[($0 + 1)...]) } ?? [] }
        public var description: String { text }
    }

    /// The paths, by key.
    public var paths: [Key: Path]

    /// The path mapped to `key`, if the map has one.
    public subscript(_ key: Key) -> Path? { paths[key] }

    /// The wildcard's prefix when the map is wide (every wildcard path shares it).
    public var widePrefix: [String]? { paths.values.first(where: { $0.wildcard != nil })?.prefix }

    /// Parses `key=path,key=path,…`.
    /// - Throws: `IngestError.invalidMap` naming the entry at fault and what was expected.
    public static func parse(_ text: String) throws -> SampleMap {
        let allowed = Key.allCases.map(\.rawValue).joined(separator: ", ")
        var paths: [Key: Path] = [:]
        for raw in text.split(separator: ",", omittingEmptySubsequences: false) {
            let entry = raw.trimmingCharacters(in: .whitespaces)
            if entry.isEmpty { throw IngestError.invalidMap(map: text, reason: "an empty entry (two commas, or a trailing comma); expected key=path") }
            guard let eq = entry.firstIndex(of: "=") else {
                throw IngestError.invalidMap(map: text, reason: "entry '\(entry)' has no '='; expected key=path with key one of \(allowed)")
            }
            let k = entry[..<eq].trimmingCharacters(in: .whitespaces)
            let p = entry[entry.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            guard let key = Key(rawValue: k) else {
                throw IngestError.invalidMap(map: text, reason: "unknown key '\(k)'; allowed: \(allowed)")
            }
            guard paths[key] == nil else { throw IngestError.invalidMap(map: text, reason: "key '\(k)' is given twice") }
            guard !p.isEmpty else { throw IngestError.invalidMap(map: text, reason: "key '\(k)' has an empty path; expected \(k)=COLUMN") }
            let segments = p.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            if segments.contains(where: \.isEmpty) {
                throw IngestError.invalidMap(map: text, reason: "\(k)=\(p): an empty path segment (a leading, trailing or doubled dot)")
            }
            let stars = segments.indices.filter { segments[$0] == "*" }
            if segments.contains(where: { $0 != "*" && $0.contains("*") }) || stars.count > 1 {
                throw IngestError.invalidMap(map: text, reason: "\(k)=\(p): the wildcard '*' must be one whole path segment, at most once (e.g. *.solution)")
            }
            if !stars.isEmpty, !key.perModel {
                throw IngestError.invalidMap(map: text, reason: "\(k)=\(p): '\(k)' is one value per row; only response, answer and correct take the wildcard '*'")
            }
            paths[key] = Path(text: p, segments: segments, wildcard: stars.first)
        }
        guard paths[.question] != nil else { throw IngestError.invalidMap(map: text, reason: "the key 'question' is required (e.g. question=problem)") }
        guard paths[.response] != nil || paths[.answer] != nil || paths[.correct] != nil else {
            throw IngestError.invalidMap(map: text, reason: "map a sample: 'response' (a text to extract the answer from), 'answer' or 'correct'")
        }
        let wild = paths.filter { $0.value.wildcard != nil }
        if !wild.isEmpty {
            if paths[.agent] != nil {
                throw IngestError.invalidMap(map: text, reason: "agent=\(paths[.agent]!.text) with a wildcard: in the wide layout the model is named by the key '*' stands for")
            }
            if Set(wild.values.map(\.prefix)).count > 1 {
                throw IngestError.invalidMap(map: text, reason: "the wildcard paths (\(wild.values.map(\.text).sorted().joined(separator: ", "))) must have the same part before '*'")
            }
            let perModel = paths.filter { $0.key.perModel && $0.value.wildcard == nil }
            if let p = perModel.first {
                throw IngestError.invalidMap(map: text, reason: "\(p.key.rawValue)=\(p.value.text) has no wildcard while \(wild.first!.key.rawValue)=\(wild.first!.value.text) has one: in the wide layout every per-model field takes '*'")
            }
        }
        return SampleMap(paths: paths)
    }
}
