import Testing
import ChorusStats

/// Determinism of the seed tree: same seed → same draws; children independent of the order
/// (and thread) they are created in.
@Suite("SeedStream determinism")
struct SeedStreamTests {
    private func draws(_ s: SeedStream, _ n: Int = 64) -> [UInt64] {
        var g = s.generator()
        return (0..<n).map { _ in g.next() }
    }

    @Test func sameSeedSameDraws() {
        let a = SeedStream(seed: 2025).child(3, 1, 4).child("multiagent")
        let b = SeedStream(seed: 2025).child(3, 1, 4).child("multiagent")
        #expect(draws(a) == draws(b))
        #expect(a == b)
    }

    @Test func differentPathsDiffer() {
        let root = SeedStream(seed: 2025)
        let paths: [SeedStream] = [root, root.child(0), root.child(1), root.child(0, 1), root.child(1, 0),
                                   root.child(0, 0), root.child("a"), root.child("b"), SeedStream(seed: 2026)]
        let firsts = paths.map { draws($0, 4) }
        #expect(Set(firsts.map { $0.description }).count == paths.count)
    }

    @Test func childPathsCompose() {
        let root = SeedStream(seed: 9)
        #expect(draws(root.child(1).child(2, 3)) == draws(root.child(1, 2, 3)))
        #expect(draws(root.child([4, 5])) == draws(root.child(4, 5)))
    }

    /// Children made in one order, the reverse order, or interleaved with other work give the
    /// same streams: a child's seed is a function of its path only.
    @Test func childrenIndependentOfCreationOrder() {
        let root = SeedStream(seed: 77)
        let keys: [[UInt64]] = (0..<20).map { [UInt64($0 % 3), UInt64($0), 7] }
        let forward = keys.map { draws(root.child($0)) }
        var backward = [[UInt64]](repeating: [], count: keys.count)
        for i in keys.indices.reversed() {
            _ = draws(root.child(999, UInt64(i)))  // unrelated streams made in between
            backward[i] = draws(root.child(keys[i]))
        }
        #expect(forward == backward)
    }

    /// The same streams come out when children are generated concurrently.
    @Test func childrenIndependentOfThreads() async {
        let root = SeedStream(seed: 31)
        let serial = (0..<32).map { draws(root.child(UInt64($0))) }
        var order = Xoshiro256(seed: 123)
        let submission = (0..<32).shuffled(using: &order)  // a scrambled, fixed creation order
        let parallel = await withTaskGroup(of: (Int, [UInt64]).self) { group in
            for i in submission {
                group.addTask { (i, self.draws(root.child(UInt64(i)))) }
            }
            var out = [[UInt64]](repeating: [], count: 32)
            for await (i, d) in group { out[i] = d }
            return out
        }
        #expect(serial == parallel)
    }

    /// FNV-1a of the label is stable across runs and platforms (published test values:
    /// FNV-1a 64 of "" is 0xcbf29ce484222325, of "a" 0xaf63dc4c8601ec8c).
    @Test func labelHashIsStable() {
        #expect(SeedStream.stableHash("") == 0xcbf2_9ce4_8422_2325)
        #expect(SeedStream.stableHash("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(SeedStream.stableHash("foobar") == 0x85944171f73967e8)
    }

    /// Sibling streams are uncorrelated: the sample correlation of 100,000 paired uniforms from
    /// child(0) and child(1) is within 5 standard errors (1/√n) of 0.
    @Test func siblingStreamsAreUncorrelated() {
        let root = SeedStream(seed: 5)
        for (a, b) in [(0, 1), (1, 2), (10, 11)] {
            var g = root.child(UInt64(a)).generator(), h = root.child(UInt64(b)).generator()
            let n = 100_000
            var sxy = 0.0, sx = 0.0, sy = 0.0, sxx = 0.0, syy = 0.0
            for _ in 0..<n {
                let x = g.nextUnit(), y = h.nextUnit()
                sx += x; sy += y; sxy += x * y; sxx += x * x; syy += y * y
            }
            let nn = Double(n)
            let r = (sxy / nn - sx / nn * sy / nn) / ((sxx / nn - sx * sx / nn / nn) * (syy / nn - sy * sy / nn / nn)).squareRoot()
            #expect(abs(r) < 5 / nn.squareRoot(), "r = \(r) for children \(a), \(b)")
        }
    }
}

