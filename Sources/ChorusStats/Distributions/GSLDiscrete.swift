internal import CGSL

/// GSL's own categorical sampler (`gsl_ran_discrete`, Walker's alias method as preprocessed by
/// GSL), drawing from a Chorus stream through the xoshiro bridge.
///
/// Chorus's hot loops use `AliasTable`, which needs no bridge; this type exists as the GSL
/// reference the alias table is checked and benchmarked against (BENCHMARKS.md), and for code
/// that wants GSL's algorithm exactly. Immutable after construction, so it can be shared.
///
/// - Complexity: O(K) to build, O(1) per draw.
public final class GSLDiscrete: @unchecked Sendable {
    // Safety of @unchecked Sendable: the table is written only by gsl_ran_discrete_preproc in
    // init and only read afterwards (gsl_ran_discrete takes it as const).
    private let table: UnsafeMutablePointer<gsl_ran_discrete_t>
    /// The number of outcomes.
    public let count: Int

    /// Preprocesses non-negative weights (they need not sum to 1).
    /// - Throws: `StatsError.invalidDistribution` for an empty vector, a negative or non-finite
    ///   weight or a zero sum; `StatsError.gsl` if GSL fails to build the table.
    public init(weights: [Double]) throws {
        try Sample.validateWeights(weights, what: "GSLDiscrete")
        GSLRuntime.ensure()
        guard let t = weights.withUnsafeBufferPointer({ gsl_ran_discrete_preproc($0.count, $0.baseAddress!) }) else {
            throw StatsError.gsl(code: Int32(GSL_ENOMEM), message: "gsl_ran_discrete_preproc failed for \(weights.count) weights")
        }
        table = t
        count = weights.count
    }

    deinit { gsl_ran_discrete_free(table) }

    /// One draw: an index in 0..<count. Each call crosses the bridge (state copied in and out).
    public func sample(using g: inout Xoshiro256) -> Int {
        let t = table
        return withGSLRandom(&g) { Int(gsl_ran_discrete($0, t)) }
    }

    /// `n` draws in one bridge crossing: the same sequence as `n` calls of `sample(using:)`.
    public func sample(count n: Int, using g: inout Xoshiro256) -> [Int] {
        guard n > 0 else { return [] }
        let t = table
        var out = [Int](repeating: 0, count: n)
        out.withUnsafeMutableBufferPointer { o in
            withGSLRandom(&g) { r in
                for i in 0..<n { o[i] = Int(gsl_ran_discrete(r, t)) }
            }
        }
        return out
    }

    /// Fills `buffer` with draws in one bridge crossing (no allocation).
    public func sample(into buffer: inout [Int], using g: inout Xoshiro256) {
        let t = table
        buffer.withUnsafeMutableBufferPointer { o in
            withGSLRandom(&g) { r in
                for i in o.indices { o[i] = Int(gsl_ran_discrete(r, t)) }
            }
        }
    }

    /// The probability GSL's table assigns to outcome `i` (`gsl_ran_discrete_pdf`).
    public func probability(of i: Int) -> Double {
        guard i >= 0, i < count else { return 0 }
        return gsl_ran_discrete_pdf(i, table)
    }
}
