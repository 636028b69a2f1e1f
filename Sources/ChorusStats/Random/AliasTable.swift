/// Walker's alias table: O(1) draws from a fixed categorical distribution.
///
/// Construction by Vose's method (M. D. Vose, "A linear algorithm for generating random numbers
/// with a given distribution", IEEE TSE 17, 1991), O(K). A draw takes one uniform integer and
/// one uniform double: pick column `i` uniformly, keep it with probability `prob[i]`, else take
/// `alias[i]`. Exact up to floating-point rounding of the weights.
///
/// - Complexity: O(K) to build, O(1) per draw.
public struct AliasTable: Sendable {
    public let count: Int
    @usableFromInline let prob: [Double]
    @usableFromInline let alias: [Int32]

    /// Builds the table from non-negative weights (they need not sum to 1).
    /// - Throws: `StatsError.invalidDistribution` if a weight is negative or not finite, or
    ///   all are zero.
    public init(weights: [Double]) throws {
        let k = weights.count
        guard k > 0 else { throw StatsError.invalidDistribution("alias table needs at least one weight") }
        var total = 0.0
        for (i, w) in weights.enumerated() {
            guard w.isFinite, w >= 0 else {
                throw StatsError.invalidDistribution("weight \(i) is \(w); weights must be finite and >= 0")
            }
            total += w
        }
        guard total > 0 else { throw StatsError.invalidDistribution("all weights are zero") }
        var scaled = weights.map { $0 * Double(k) / total }
        var prob = [Double](repeating: 1, count: k)
        var alias = [Int32](repeating: 0, count: k)
        for i in 0..<k { alias[i] = Int32(i) }
        var small: [Int] = [], large: [Int] = []
        small.reserveCapacity(k); large.reserveCapacity(k)
        for i in 0..<k { if scaled[i] < 1 { small.append(i) } else { large.append(i) } }
        while let s = small.popLast(), let l = large.last {
            prob[s] = scaled[s]
            alias[s] = Int32(l)
            scaled[l] = (scaled[l] + scaled[s]) - 1
            if scaled[l] < 1 { large.removeLast(); small.append(l) }
        }
        // Leftovers are 1 up to rounding.
        for i in large { prob[i] = 1 }
        for i in small { prob[i] = 1 }
        self.count = k
        self.prob = prob
        self.alias = alias
    }

    /// One draw: an index in 0..<count.
    @inlinable
    public func sample(using g: inout Xoshiro256) -> Int {
        let i = g.nextInt(below: count)
        return g.nextUnit() < prob[i] ? i : Int(alias[i])
    }
}
