import ChorusStats

/// Cost of one entropy estimate from counts (Zipf K = 10, N = 50 samples), per estimator:
/// what a validation study pays per replicate.
func estimatorBenchmark() throws -> [Measurement] {
    let table = try AliasTable(weights: (1...10).map { 1 / Double($0) })
    var g = SeedStream(seed: 1).child("bench-estimators").generator()
    let samples: [[Int]] = (0..<200).map { _ in
        var c = [Int](repeating: 0, count: 10)
        for _ in 0..<50 { c[table.sample(using: &g)] += 1 }
        return c
    }
    var out: [Measurement] = []
    for e in EntropyEstimator.allCases {
        let reps = e == .nsb ? 5 : 500
        out.append(try measure("\(e.displayName) estimate (K = 10, N = 50)", operations: reps * samples.count, repeats: 3) {
            var acc = 0.0
            for _ in 0..<reps { for c in samples { acc += try e.estimate(c, alphabetSize: 10) } }
            return acc.bitPattern
        })
    }
    return out
}
