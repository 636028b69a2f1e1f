/// Errors of the analysis layer: bad inputs to a metric or a study.
public enum AnalysisError: Error, CustomStringConvertible, Equatable {
    /// Vectors or matrices whose sizes do not agree.
    case dimensionMismatch(String)
    /// A parameter outside its domain (order q < 0, an empty set, a non-square kernel, ...).
    case invalidParameter(String)
    /// Too little data for the statistic.
    case insufficientData(String)
    /// A numerical routine failed.
    case numerical(String)

    public var description: String {
        switch self {
        case .dimensionMismatch(let m): return "dimension mismatch: \(m)"
        case .invalidParameter(let m): return "invalid parameter: \(m)"
        case .insufficientData(let m): return "insufficient data: \(m)"
        case .numerical(let m): return "numerical failure: \(m)"
        }
    }
}
