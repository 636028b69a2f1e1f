import Foundation

/// An agent's training file of one iteration, read and matched to the run's questions.
public struct TrainingSet: Sendable {
    /// The finetuning iteration whose training file this is.
    public var iteration: Int
    /// The agent as named in the manifest or pattern.
    public var agent: String
    /// The file's path.
    public var path: String
    /// The file's chat layout.
    public var layout: Layout
    /// Per example: the matched question id (nil when its question is not in the run), the
    /// answer extracted from the response with the run's task, whether it is right (nil without
    /// a question or truth), and the response text.
    public var examples: [Example]

    /// The chat layout of a training file: FastChat `conversations` or OpenAI `messages`.
    public enum Layout: String, Sendable {
        /// FastChat: a JSON array of examples, each a `conversations` list of `from`/`value` turns.
        case fastchat
        /// OpenAI fine-tuning: JSON Lines, each a `messages` list of `role`/`content` turns.
        case openai
    }

    /// One training example of the file, matched to the run's questions.
    public struct Example: Sendable {
        /// The matched question id; nil when the example's question is not in the run.
        public var question: String?
        /// The answer extracted from the response with the run's task; nil when none parses.
        public var answer: String?
        /// Whether the answer is right; nil without a matched question or a truth.
        public var correct: Bool?
        /// The response text the agent is trained on (its last assistant turn).
        public var response: String
        /// The example's prompt (its first human / user turn).
        public var prompt: String?
        /// An example with every field given.
        public init(question: String?, answer: String?, correct: Bool?, response: String, prompt: String? = nil) {
            self.question = question; self.answer = answer; self.correct = correct; self.response = response; self.prompt = prompt
        }
    }

    /// A training set with every field given.
    public init(iteration: Int, agent: String, path: String, layout: Layout, examples: [Example]) {
        self.iteration = iteration; self.agent = agent; self.path = path; self.layout = layout; self.examples = examples
    }
}

