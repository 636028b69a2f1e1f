import ChorusAnalysis
/// The registry of `chorus validate` studies.
public enum ValidationStudies {
    /// Study numbers and titles, in order.
    public static let all: [(number: Int, title: String)] = [
        (1, "Entropy estimators: bias and RMSE against N"),
        (2, "Model collapse by refitting"),
        (3, "Entropy change of a softmax policy under policy gradient"),
        (4, "Debate as a martingale"),
        (5, "Which diversity metric to trust"),
        (6, "The simulator's mechanisms"),
        (7, "chorus fit: coverage and consistency on synthetic truth"),
    ]

    /// Runs one study.
    /// - Throws: `AnalysisError.invalidParameter` for an unknown study number.
    public static func run(_ number: Int, options: ValidationOptions) throws -> StudyResult {
        switch number {
        case 1: return try EntropyEstimatorStudy.run(options)
        case 2: return try ModelCollapseStudy.run(options)
        case 3: return try EntropyMechanismStudy.run(options)
        case 4: return try DebateMartingaleStudy.run(options)
        case 5: return try MetricTrustStudy.run(options)
        case 6: return try SimulatorStudy.run(options)
        case 7: return try FitCoverageStudy.run(options)
        default:
            throw AnalysisError.invalidParameter("unknown study \(number); known: \(all.map { String($0.number) }.joined(separator: ", "))")
        }
    }
}
