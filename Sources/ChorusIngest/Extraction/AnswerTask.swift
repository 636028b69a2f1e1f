/// How answers are read from replies and compared with the ground truth (docs/formats.md).
public enum AnswerTask: String, CaseIterable, Sendable, Codable {
    /// GSM8K, arithmetic: a number (the last number of the last `\boxed{}`, else of the reply).
    case numeric
    /// MMLU: a letter A–J written as `(X)`.
    case choice
    /// MATH: the normalised content of the last `\boxed{}`.
    case math
    /// No ground truth (e.g. biographies): text metrics only.
    case free

    /// Whether the task compares answers with a ground truth.
    public var hasAnswers: Bool { self != .free }
}
