import Foundation

/// The unit of an information quantity.
public enum LogBase: String, Sendable, CaseIterable {
    /// Natural logarithm.
    case nats
    /// Base-2 logarithm.
    case bits

    /// Factor that converts nats to this unit.
    public var fromNats: Double { self == .nats ? 1 : 1 / M_LN2 }
}
