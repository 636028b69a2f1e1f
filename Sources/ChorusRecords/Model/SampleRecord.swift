import Foundation

/// One sampled response of a sample file: a model's answer to a question, with no debate
/// rounds (issue 12, "any sample file").
public struct SampleRecord: Sendable, Equatable {
    /// The finetuning iteration the sample was drawn at (0 when the file has none).
    public var iteration: Int
    /// The question as the file gives it (text or id).
    public var question: String
    /// The model (or agent) that produced the sample, as the file names it.
    public var model: String
    /// The sample's id within (iteration, question, model) when the file gives one (the mapped
    /// `sample` value, and the position in a list of responses).
    public var sampleID: String?
    /// The response text, when mapped.
    public var response: String?
    /// The answer in canonical form (`AnswerExtractor`); nil = no answer.
    public var answer: String?
    /// Whether the answer is right; nil without ground truth (or task `free`).
    public var correct: Bool?
    /// The ground truth in canonical form, when known.
    public var truth: String?
    /// Where the sample is: "line 7", or "line 7, gpt4[2]" in a list.
    public var location: String

    /// A sample record with every field given; optional fields default to absent.
    public init(iteration: Int, question: String, model: String, sampleID: String? = nil, response: String? = nil,
                answer: String? = nil, correct: Bool? = nil, truth: String? = nil, location: String) {
        self.iteration = iteration; self.question = question; self.model = model; self.sampleID = sampleID
        self.response = response; self.answer = answer; self.correct = correct; self.truth = truth; self.location = location
    }
}

