/// Errors of planning, running and merging sweeps. Each names the axis, key, point or file.
public enum SweepError: Error, CustomStringConvertible, Equatable {
    /// A sweep specification that is malformed (`source` is the file or flag, `field` the part).
    case invalidSpec(source: String, field: String, reason: String)
    /// An axis value that gives an invalid configuration (axis key, value, and why).
    case invalidPoint(axis: String, value: String, point: Int, reason: String)
    /// A sweep output directory that cannot be used (`reason` says why).
    case badDirectory(path: String, reason: String)
    /// Shard outputs that belong to different sweeps.
    case mismatchedSpecs(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidSpec(let s, let f, let r): return "sweep spec \(s): \(f): \(r)"
        case .invalidPoint(let a, let v, let p, let r): return "sweep axis '\(a)' = \(v) (point \(p)): \(r)"
        case .badDirectory(let p, let r): return "sweep directory \(p): \(r)"
        case .mismatchedSpecs(let p, let r): return "\(p) belongs to a different sweep: \(r)"
        }
    }
}
