import Foundation
import ChorusRecords

/// One finetuning example of an agent's training file: the prompt (the human / user turns) and
/// the response the model is trained to give (the last gpt / assistant turn).
public struct TrainingExample: Sendable, Equatable {
    /// The example's `id` when the file has one.
    public var id: String?
    /// The first human / user message (which holds the question).
    public var prompt: String
    /// The last gpt / assistant message.
    public var response: String
    /// Where it is: "example 3" (JSON array, 1-based) or "line 3" (JSON Lines).
    public var location: String
}

/// Reads the finetuning files the official multiagent-ft code writes for each agent and
/// iteration (issue 12; docs/formats.md, "Training files"):
/// - FastChat-style JSON: `[{"id": …, "conversations": [{"from": "human"|"gpt", "value": …}, …]}, …]`;
/// - OpenAI chat JSON Lines: one `{"messages": [{"role": "system"|"user"|"assistant", "content": …}, …]}` per line.
///
/// The layout is recognised from the first non-blank character (`[` → FastChat, `{` → JSON Lines).
/// An example without a human/user turn or without a gpt/assistant turn is an error naming it.
public enum TrainingFile {
    /// The chat layout of a training file (the record model's).
    public typealias Layout = TrainingSet.Layout

    /// - Throws: `IngestError` naming the file and the example or line.
    /// - Complexity: O(file size).
    public static func read(_ path: String) throws -> (layout: Layout, examples: [TrainingExample]) {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { throw IngestError.cannotRead(path: path, reason: "no such training file") }
        guard !isDir.boolValue else { throw IngestError.cannotRead(path: path, reason: "is a directory") }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw IngestError.cannotRead(path: path, reason: error.localizedDescription)
        }
        guard let first = data.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }) else {
            throw IngestError.emptyFile(path: path)
        }
        if first == UInt8(ascii: "[") {
            let root = try JSONDocument.parse(data, path: path)
            guard let items = root.arrayValue else { throw IngestError.invalidRun(path: path, reason: "a FastChat training file must be a JSON array") }
            var out: [TrainingExample] = []
            out.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                let loc = "example \(i + 1)"
                guard let conv = item["conversations"]?.arrayValue else {
                    throw IngestError.invalidRun(path: path, reason: "\(loc): expected an object with \"conversations\": [{\"from\", \"value\"}, …]")
                }
                let id = item["id"].flatMap { $0.stringValue ?? $0.truthText }
                out.append(try example(conv, roleKey: "from", textKey: "value", user: "human", assistant: "gpt", id: id, location: loc, path: path))
            }
            return (.fastchat, out)
        }
        guard first == UInt8(ascii: "{") else {
            throw IngestError.invalidRun(path: path, reason: "not a training file: expected a FastChat JSON array ('[') or OpenAI chat JSON Lines ('{')")
        }
        var out: [TrainingExample] = []
        var lineNo = 0
        for raw in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNo += 1
            if raw.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            let v = try JSONDocument.parse(Data(raw), path: "\(path) line \(lineNo)")
            guard let msgs = v["messages"]?.arrayValue else {
                throw IngestError.invalidRun(path: path, reason: "line \(lineNo): expected {\"messages\": [{\"role\", \"content\"}, …]}")
            }
            out.append(try example(msgs, roleKey: "role", textKey: "content", user: "user", assistant: "assistant", id: nil, location: "line \(lineNo)", path: path))
        }
        if out.isEmpty { throw IngestError.emptyFile(path: path) }
        return (.openai, out)
    }

    private static func example(_ turns: [JSONValue], roleKey: String, textKey: String, user: String, assistant: String,
                                id: String?, location: String, path: String) throws -> TrainingExample {
        var prompt: String? = nil, response: String? = nil
        for (k, t) in turns.enumerated() {
            guard let role = t[roleKey]?.stringValue, let text = t[textKey]?.stringValue else {
                throw IngestError.invalidRun(path: path, reason: "\(location), turn \(k + 1): expected {\"\(roleKey)\": string, \"\(textKey)\": string}")
            }
            if role == user, prompt == nil { prompt = text }
            if role == assistant { response = text }
        }
        guard let prompt else { throw IngestError.invalidRun(path: path, reason: "\(location): no \"\(user)\" turn (the question)") }
        guard let response else { throw IngestError.invalidRun(path: path, reason: "\(location): no \"\(assistant)\" turn (the trained response)") }
        return TrainingExample(id: id, prompt: prompt, response: response, location: location)
    }
}
