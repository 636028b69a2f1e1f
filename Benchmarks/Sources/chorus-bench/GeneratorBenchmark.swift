import ChorusStats

/// The raw generator floor: ns per call of the stream primitives every sampler is built on.
/// `SystemRandomNumberGenerator` is timed as the reason it is banned from hot loops.
func generatorBenchmark() throws -> [Measurement] {
    let n = 100_000_000
    var out: [Measurement] = []
    // Generators are local to each loop (a captured var would live in a heap box).
    out.append(measure("xoshiro256** next()", operations: n) {
        var g = Xoshiro256(seed: 1), acc: UInt64 = 0
        for _ in 0..<n { acc &+= g.next() }
        return acc
    })
    out.append(measure("xoshiro256** nextUnit()", operations: n) {
        var g = Xoshiro256(seed: 2), acc = 0.0
        for _ in 0..<n { acc += g.nextUnit() }
        return acc.bitPattern
    })
    out.append(measure("xoshiro256** nextInt(below: 16)", operations: n) {
        var g = Xoshiro256(seed: 3), acc = 0
        for _ in 0..<n { acc &+= g.nextInt(below: 16) }
        return UInt64(acc)
    })
    out.append(measure("SplitMix64 next()", operations: n) {
        var s = SplitMix64(state: 1), acc: UInt64 = 0
        for _ in 0..<n { acc &+= s.next() }
        return acc
    })
    let m = 1_000_000
    out.append(measure("SystemRandomNumberGenerator next()", operations: m, repeats: 3) {
        var system = SystemRandomNumberGenerator(), acc: UInt64 = 0
        for _ in 0..<m { acc &+= system.next() }
        return acc
    })
    return out
}
