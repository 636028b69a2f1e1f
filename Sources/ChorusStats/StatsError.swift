/// Errors of the statistics core.
public enum StatsError: Error, CustomStringConvertible, Equatable {
    /// A vector that should be a probability distribution is not one.
    case invalidDistribution(String)
    /// A parameter outside its domain (shape <= 0, probability outside [0, 1], ...).
    case invalidParameter(String)
    /// Inputs whose sizes do not agree.
    case sizeMismatch(String)
    /// Too few observations for the requested statistic.
    case insufficientData(String)
    /// GSL reported an error (its code and message).
    case gsl(code: Int32, message: String)
    /// A numerical method failed (no finite value, no convergence), with what was attempted.
    case numerical(String)

    public var description: String {
        switch self {
        case .invalidDistribution(let m): return "invalid distribution: \(m)"
        case .invalidParameter(let m): return "invalid parameter: \(m)"
        case .sizeMismatch(let m): return "size mismatch: \(m)"
        case .insufficientData(let m): return "insufficient data: \(m)"
        case .gsl(let code, let m): return "GSL error \(code): \(m)"
        case .numerical(let m): return "numerical failure: \(m)"
        }
    }
}
