/// Walker's alias table: O(1) draws from a fixed categorical distribution.
///
/// Construction by Vose's method (M. D. Vose, "A linear algorithm for generating random numbers
/// with a given distribution", IEEE TSE 17, 1991), O(K). A draw takes one uniform integer and
/// one uniform double: pick column `i` uniformly, keep it with probability `prob[i]`, else take
/// `alias[i]`. Exact up to floating-point rounding of the weights.
///
/// - Complexity: O(K) to build, O(1) per draw.
public struct AliasTable: Sendable {
    /// The number of outcomes K.
    public let count: Int
    @usableFromInline let prob: [Double]
    @usableFromInline let alias: [Int32]

    /// Builds the table from non-negative weights (they need not sum to 1).
    /// - Throws: `StatsError.invalidDistribution` if a weight is negative or not finite, or
    ///   all are zero.
    public init(weights: [Double]) throws {
        let k = weights.count
        guard k > 0 else { throw StatsError.invalidDistribution("alias table needs at least one weight") }
        guard k <= Int(Int32.max) else { throw StatsError.invalidParameter("alias table supports at most 2^31 - 1 outcomes, got \(k)") }
        var total = 0.0
        for (i, w) in weights.enumerated() {
            guard w.isFinite, w >= 0 else {
                throw StatsError.invalidDistribution("weight \(i) is \(w); weights must be finite and >= 0")
            }
            total += w
        }
        guard total > 0 else { throw StatsError.invalidDistribution("all weights are zero") }
        guard total.isFinite else { throw StatsError.invalidDistribution("weights sum to \(total); rescale them") }
        var scaled = weights.map { $0 * Double(k) / total }
        var prob = [Double](repeating: 1, count: k)
        var alias = [Int32](repeating: 0, count: k)
        for i in 0..<k { alias[i] = Int32(i) }
        var small: [Int] = [], large: [Int] = []
        small.reserveCapacity(k); large.reserveCapacity(k)
        for i in 0..<k { if scaled[i] < 1 { small.append(i) } else { large.append(i) } }
        // Vose's pairing: each under-full column s is topped up by an over-full column l.
        while !small.isEmpty && !large.isEmpty {
            let s = small.removeLast(), l = large[large.count - 1]
            prob[s] = scaled[s]
            alias[s] = Int32(l)
            scaled[l] = (scaled[l] + scaled[s]) - 1
            if scaled[l] < 1 { large.removeLast(); small.append(l) }
        }
        // Whatever is left holds 1 up to rounding (the scaled weights sum to k): keep it whole.
        // A zero weight can never be left over, since the remaining columns' mass equals their
        // number, so zero-weight outcomes are never drawn.
        for i in large { prob[i] = 1; alias[i] = Int32(i) }
        for i in small { prob[i] = 1; alias[i] = Int32(i) }
        self.count = k
        self.prob = prob
        self.alias = alias
    }

    /// The probability of outcome `i` implied by the table (Σ over columns of the share each
    /// column gives `i`): equal to the normalised weight up to rounding. O(K).
    public func probability(of i: Int) -> Double {
        guard i >= 0, i < count else { return 0 }
        var p = 0.0
        for c in 0..<count {
            if c == i { p += prob[c] }
            if Int(alias[c]) == i { p += 1 - prob[c] }
        }
        return p / Double(count)
    }

    /// One draw: an index in 0..<count.
    @inlinable
    public func sample(using g: inout Xoshiro256) -> Int {
        let i = g.nextInt(below: count)
        return g.nextUnit() < prob[i] ? i : Int(alias[i])
    }
}
