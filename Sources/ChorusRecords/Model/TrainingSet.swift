import Foundation

/// An agent's training file of one iteration, read and matched to the run's questions.
public struct TrainingSet: Sendable {
    public var iteration: Int
    /// The agent as named in the manifest or pattern.
    public var agent: String
    public var path: String
    public var layout: Layout
    /// Per example: the matched question id (nil when its question is not in the run), the
    /// answer extracted from the response with the run's task, whether it is right (nil without
    /// a question or truth), and the response text.
    public var examples: [Example]

    /// The chat layout of a training file: FastChat `conversations` or OpenAI `messages`.
    public enum Layout: String, Sendable { case fastchat, openai }

    public struct Example: Sendable {
        public var question: String?
        public var answer: String?
        public var correct: Bool?
        public var response: String
        /// The example's prompt (its first human / user turn).
        public var prompt: String?
        public init(question: String?, answer: String?, correct: Bool?, response: String, prompt: String? = nil) {
            self.question = question; self.answer = answer; self.correct = correct; self.response = response; self.prompt = prompt
        }
    }

    public init(iteration: Int, agent: String, path: String, layout: Layout, examples: [Example]) {
        self.iteration = iteration; self.agent = agent; self.path = path; self.layout = layout; self.examples = examples
    }
}

