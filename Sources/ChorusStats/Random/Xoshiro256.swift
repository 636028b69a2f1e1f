/// xoshiro256**: a fast, high-quality 64-bit generator, the engine of every Chorus stream.
///
/// Reference: D. Blackman and S. Vigna, "Scrambled linear pseudorandom number generators",
/// ACM TOMS 47 (2021); https://prng.di.unimi.it/xoshiro256starstar.c. Period 2^256 − 1.
/// The state is seeded by expanding a 64-bit seed through SplitMix64, as the authors advise
/// (an all-zero state is impossible that way). The same algorithm is in the CGSL shim, so a
/// stream can be handed to GSL's samplers without changing its sequence.
///
/// Never use `SystemRandomNumberGenerator` in a hot loop: it costs ~260 ns a draw here,
/// against ~1 ns for this generator (docs/design.md §4).
public struct Xoshiro256: RandomNumberGenerator, Sendable, Hashable {
    /// The generator's 256-bit state, four 64-bit words (never all zero).
    public var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// A generator whose state is the SplitMix64 expansion of `seed`.
    public init(seed: UInt64) {
        var sm = SplitMix64(state: seed)
        s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
    }

    /// A generator with an explicit state.
    /// - Throws: `StatsError.invalidParameter` for the all-zero state (a fixed point of the
    ///   recurrence: it would return 0 for ever).
    public init(state: (UInt64, UInt64, UInt64, UInt64)) throws {
        guard state != (0, 0, 0, 0) else {
            throw StatsError.invalidParameter("xoshiro256** state must not be all zero")
        }
        (s0, s1, s2, s3) = state
    }

    /// The current state, e.g. to record or restore a stream position.
    public var state: (UInt64, UInt64, UInt64, UInt64) { (s0, s1, s2, s3) }

    /// The next 64 random bits.
    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) .rotl(7)) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = s3.rotl(45)
        return result
    }

    /// A uniform double in [0, 1) with 53 random bits.
    @inlinable @inline(__always)
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform double in (0, 1): never 0, for logarithms.
    @inlinable @inline(__always)
    public mutating func nextOpenUnit() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1.0p-53
    }

    /// A uniform integer in 0..<n by Lemire's nearly-divisionless method (exactly uniform:
    /// the rare biased products are rejected). D. Lemire, "Fast random integer generation in an
    /// interval", ACM TOMACS 29 (2019). `n` must be positive; n ≤ 0 is a programming error.
    @inlinable
    public mutating func nextInt(below n: Int) -> Int {
        precondition(n > 0, "nextInt(below:) needs n > 0")
        let bound = UInt64(n)
        var m = next().multipliedFullWidth(by: bound)
        if m.low < bound {
            let threshold = (0 &- bound) % bound
            while m.low < threshold { m = next().multipliedFullWidth(by: bound) }
        }
        return Int(m.high)
    }
}

extension UInt64 {
    @inlinable @inline(__always)
    func rotl(_ k: UInt64) -> UInt64 { (self << k) | (self >> (64 &- k)) }
}

/// SplitMix64: a 64-bit mixing generator used to seed xoshiro and to derive stream keys.
///
/// Reference: G. Steele, D. Lea, C. Flood, "Fast splittable pseudorandom number generators",
/// OOPSLA 2014; constants from https://prng.di.unimi.it/splitmix64.c.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The generator's 64-bit state, advanced by γ = 0x9E3779B97F4A7C15 per draw.
    public var state: UInt64
    /// A generator starting from `state`.
    public init(state: UInt64) { self.state = state }

    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        return SplitMix64.mix(state)
    }

    /// The SplitMix64 finaliser: a bijective avalanche of 64 bits.
    @inlinable
    public static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
