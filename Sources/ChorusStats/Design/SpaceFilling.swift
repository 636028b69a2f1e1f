internal import CGSL

/// Space-filling designs over the unit cube [0, 1)^d: points for sweeps that cover a parameter
/// space evenly with far fewer runs than a grid.
///
/// - Sobol and Halton: GSL's quasi-random sequences (`gsl_qrng_sobol`, `gsl_qrng_halton`;
///   Bratley & Fox 1988, Halton 1960), deterministic, low discrepancy, in GSL's order from the
///   first point. GSL supports dimensions 1…40 (Sobol) and 1…1229 (Halton).
/// - Latin hypercube (McKay, Beckman & Conover 1979): each of the d coordinates takes one value
///   in each of the n strata [k/n, (k+1)/n), at a uniform position inside it, with the strata
///   permuted independently per coordinate; drawn from a recorded `SeedStream`.
public enum SpaceFilling {
    /// The quasi-random sequences GSL provides.
    public enum Sequence: String, Sendable, CaseIterable {
        /// Sobol (`gsl_qrng_sobol`) or Halton (`gsl_qrng_halton`) low-discrepancy points.
        case sobol, halton
    }

    /// The first `count` points of a quasi-random sequence in `dimension` dimensions.
    /// - Throws: `StatsError.invalidParameter` for a dimension GSL does not support or a
    ///   non-positive count.
    /// - Complexity: O(count · dimension).
    public static func quasiRandom(_ sequence: Sequence, dimension: Int, count: Int) throws -> [[Double]] {
        GSLRuntime.ensure()
        let maxDimension = sequence == .sobol ? 40 : 1229
        guard (1...maxDimension).contains(dimension) else {
            throw StatsError.invalidParameter("\(sequence.rawValue) sequence dimension must be 1…\(maxDimension), got \(dimension)")
        }
        guard count >= 1 else { throw StatsError.invalidParameter("point count must be at least 1, got \(count)") }
        let type = sequence == .sobol ? chorus_gsl_qrng_sobol() : chorus_gsl_qrng_halton()
        guard let q = gsl_qrng_alloc(type, UInt32(dimension)) else {
            throw StatsError.gsl(code: Int32(GSL_ENOMEM), message: "gsl_qrng_alloc(\(sequence.rawValue), \(dimension)) failed")
        }
        defer { gsl_qrng_free(q) }
        var out: [[Double]] = []
        out.reserveCapacity(count)
        var x = [Double](repeating: 0, count: dimension)
        for _ in 0..<count {
            let status = x.withUnsafeMutableBufferPointer { gsl_qrng_get(q, $0.baseAddress) }
            guard status == Int32(GSL_SUCCESS) else {
                throw StatsError.gsl(code: status, message: "gsl_qrng_get(\(sequence.rawValue)) failed (sequence exhausted?)")
            }
            out.append(x)
        }
        return out
    }

    /// A Latin hypercube of `count` points in `dimension` dimensions from `stream`.
    /// - Throws: `StatsError.invalidParameter` for a non-positive count or dimension.
    /// - Complexity: O(count · dimension).
    public static func latinHypercube(dimension: Int, count: Int, stream: SeedStream) throws -> [[Double]] {
        guard dimension >= 1 else { throw StatsError.invalidParameter("dimension must be at least 1, got \(dimension)") }
        guard count >= 1 else { throw StatsError.invalidParameter("point count must be at least 1, got \(count)") }
        var out = [[Double]](repeating: [Double](repeating: 0, count: dimension), count: count)
        for j in 0..<dimension {
            var rng = stream.child(UInt64(j)).generator()
            var strata = Array(0..<count)
            // Fisher–Yates with the stream's own bounded integers (not Swift's shuffle, whose
            // algorithm is not specified and could change between toolchains).
            if count > 1 {
                for i in stride(from: count - 1, to: 0, by: -1) {
                    strata.swapAt(i, rng.nextInt(below: i + 1))
                }
            }
            for i in 0..<count { out[i][j] = (Double(strata[i]) + rng.nextUnit()) / Double(count) }
        }
        return out
    }
}
