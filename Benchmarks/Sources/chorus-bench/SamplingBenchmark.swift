import ChorusStats

/// 10^7 categorical draws over 16 outcomes with Zipf weights p_i ∝ 1/i (numpy_peer.py draws the
/// same law): the alias table on xoshiro256**, GSL's gsl_ran_discrete through the xoshiro bridge
/// (batched and one bridge crossing per draw), and `Sample.categorical` (inversion, O(K), which
/// re-validates the weights on every call). Each writes its draws into a preallocated array of
/// Int (numpy allocates its int64 output inside `choice`, so numpy pays that allocation).
func categoricalBenchmark() throws -> [Measurement] {
    let n = 10_000_000, k = 16
    let weights = (1...k).map { 1 / Double($0) }
    let total = weights.reduce(0, +)
    let alias = try AliasTable(weights: weights)
    let gsl = try GSLDiscrete(weights: weights)
    var g = SeedStream(seed: 1).child("bench-categorical").generator()
    var draws = [Int](repeating: 0, count: n)  // 64-bit, like numpy's output
    var out: [Measurement] = []

    /// Checksum of the draws, and a sanity check that outcome 0 has frequency p_0 (5 sd).
    func check(_ label: String, _ x: [Int]) throws -> UInt64 {
        let zeros = x.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
        let p0 = weights[0] / total
        let sd = (p0 * (1 - p0) / Double(x.count)).squareRoot()
        guard abs(Double(zeros) / Double(x.count) - p0) < 5 * sd else {
            throw StatsError.numerical("\(label): outcome 0 frequency \(Double(zeros) / Double(x.count)), expected \(p0)")
        }
        return x.reduce(UInt64(0)) { $0 &* 31 &+ UInt64($1) }
    }

    // Each loop works on a local copy of the generator (written back after), as real code does:
    // a generator captured by the closure would live in a heap box and be reloaded on every draw.
    out.append(try measure("xoshiro256** + AliasTable", operations: n) {
        var r = g
        draws.withUnsafeMutableBufferPointer { d in
            for i in 0..<n { d[i] = alias.sample(using: &r) }
        }
        g = r
        return try check("alias", draws)
    })
    // The same draws tallied into 16 counters instead of stored: the sampling cost alone,
    // without writing 80 MB of output.
    out.append(try measure("xoshiro256** + AliasTable, tallied (no array)", operations: n) {
        var r = g
        var tally = [Int](repeating: 0, count: k)
        tally.withUnsafeMutableBufferPointer { t in
            for _ in 0..<n { t[alias.sample(using: &r)] += 1 }
        }
        g = r
        let p0 = weights[0] / total
        guard abs(Double(tally[0]) / Double(n) - p0) < 5 * (p0 * (1 - p0) / Double(n)).squareRoot() else {
            throw StatsError.numerical("tallied alias: outcome 0 frequency \(Double(tally[0]) / Double(n)), expected \(p0)")
        }
        return tally.reduce(UInt64(0)) { $0 &* 31 &+ UInt64($1) }
    })
    out.append(try measure("GSL gsl_ran_discrete via bridge, batched", operations: n) {
        var r = g
        gsl.sample(into: &draws, using: &r)
        g = r
        return try check("gsl batched", draws)
    })
    out.append(try measure("GSL gsl_ran_discrete via bridge, per draw", operations: n) {
        var r = g
        draws.withUnsafeMutableBufferPointer { d in
            for i in 0..<n { d[i] = gsl.sample(using: &r) }
        }
        g = r
        return try check("gsl per draw", draws)
    })
    out.append(try measure("Sample.categorical (inversion, validates)", operations: n, repeats: 3) {
        var r = g
        try draws.withUnsafeMutableBufferPointer { d in
            for i in 0..<n { d[i] = try Sample.categorical(weights, using: &r) }
        }
        g = r
        return try check("inversion", draws)
    })
    return out
}
