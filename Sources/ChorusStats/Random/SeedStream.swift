/// A tree of independent random streams derived from one recorded seed.
///
/// A stream is named by its root seed and a key path such as
/// `(regime, seed, iteration, agent)`. Its generator is seeded with a hash of the whole path, so
/// a child never depends on which other children were made, in what order, or on which thread:
/// the same seed gives the same bytes whatever the thread count (docs/design.md §2).
///
/// Key derivation: `h_0 = mix(root ⊕ c)`, `h_{i+1} = mix(h_i ⊕ mix(k_i + γ·(i+1)))`, with
/// SplitMix64's finaliser `mix` and golden-ratio increment γ; the stream is `Xoshiro256(seed: h_n)`.
/// Distinct paths collide only with the probability of a 64-bit hash collision.
public struct SeedStream: Sendable, Hashable, CustomStringConvertible {
    /// The recorded root seed.
    public let root: UInt64
    /// The key path from the root.
    public let path: [UInt64]

    /// The root stream of a recorded seed (empty key path).
    public init(seed: UInt64) { self.root = seed; self.path = [] }
    private init(root: UInt64, path: [UInt64]) { self.root = root; self.path = path }

    /// The child stream named by further keys.
    public func child(_ keys: UInt64...) -> SeedStream { child(keys) }
    /// The child stream named by further keys.
    public func child(_ keys: [UInt64]) -> SeedStream { SeedStream(root: root, path: path + keys) }
    /// The child stream named by a string key (hashed with FNV-1a, stable across runs and
    /// platforms, unlike `String.hashValue`).
    public func child(_ label: String) -> SeedStream { child(SeedStream.stableHash(label)) }

    /// The 64-bit seed of this stream.
    public var derivedSeed: UInt64 {
        var h = SplitMix64.mix(root ^ 0x243f_6a88_85a3_08d3)
        for (i, k) in path.enumerated() {
            h = SplitMix64.mix(h ^ SplitMix64.mix(k &+ 0x9e37_79b9_7f4a_7c15 &* UInt64(i + 1)))
        }
        return h
    }

    /// A fresh generator for this stream: always the same sequence for the same stream.
    public func generator() -> Xoshiro256 { Xoshiro256(seed: derivedSeed) }

    public var description: String {
        "SeedStream(\(root)" + path.map { "/\($0)" }.joined() + ")"
    }

    /// FNV-1a 64-bit hash of the UTF-8 bytes: a stable key for names.
    public static func stableHash(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return h
    }
}
