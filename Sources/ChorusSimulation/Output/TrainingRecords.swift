import Foundation
import ChorusRecords

/// One finetuning example of a simulated model (issue 12: `chorus export` writes these as the
/// official multiagent-ft training files). Written to `training/iteration-<k>.jsonl` of a run
/// directory for the iterations in `output.transcripts` (k < iterations: the last iteration
/// trains nothing), one JSON object per line with these keys.
public struct TrainingRecord: Codable, Sendable, Equatable {
    /// The run's id.
    public var run: String
    /// The regime name.
    public var regime: String
    /// The root seed of the replicate.
    public var seed: UInt64
    /// The iteration whose debates selected the example (it trains the model of iteration + 1).
    public var iteration: Int
    /// The model (0-based index of the regime's models) finetuned on it.
    public var model: Int
    /// `generator` (a round-1 chain) or `critic` (a final-round chain of D^C− / D^C+; under the
    /// `none` selection rule critic chains are unfiltered and written as `generator`).
    public var role: Role
    /// Training question id: `t` + its index among the training questions.
    public var question: String
    /// The chain's index among its question's chains.
    public var chain: Int
    /// The chain's style.
    public var style: Int
    /// Answer label of the chain and the question's true label (the transcripts' labelling).
    public var answer: String
    /// The question's true answer label.
    public var truth: String
    /// The example's weight in the likelihood (after the critic mix).
    public var weight: Double

    /// Encodes one record per line (sorted keys, so equal records give equal bytes).
    public static func jsonl(_ records: [TrainingRecord]) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var out = ""
        for r in records { out += String(decoding: try e.encode(r), as: UTF8.self) + "\n" }
        return out
    }

    /// Reads `training/iteration-<k>.jsonl`.
    /// - Throws: `TableError.malformed` naming the file and line.
    public static func read(_ url: URL) throws -> [TrainingRecord] {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw TableError.malformed(path: url.path, line: nil, reason: "cannot read: \(error.localizedDescription)")
        }
        let d = JSONDecoder()
        var out: [TrainingRecord] = []
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            do { out.append(try d.decode(TrainingRecord.self, from: Data(line.utf8))) } catch {
                throw TableError.malformed(path: url.path, line: i + 1, reason: "not a training record: \(error)")
            }
        }
        return out
    }

    /// The records of the data `model` is finetuned on (chain examples of positive weight).
    static func of(_ data: TrainingData, model: Int, iteration: Int, run: String, regime: String, seed: UInt64,
                   bank: TaskBank) -> [TrainingRecord] {
        var out: [TrainingRecord] = []
        for i in 0..<data.chainCount where data.weight[i] > 0 {
            let q = Int(data.question[i]), c = Int(data.chain[i])
            out.append(TrainingRecord(run: run, regime: regime, seed: seed, iteration: iteration, model: model,
                                      role: data.split[i] == 0 ? .generator : .critic, question: "t\(q)", chain: c,
                                      style: Int(bank.style[q * bank.chains + c]),
                                      answer: bank.answerLabel(q, Int(bank.answer[q * bank.chains + c])),
                                      truth: bank.answerLabel(q, 0), weight: data.weight[i]))
        }
        return out
    }
}
