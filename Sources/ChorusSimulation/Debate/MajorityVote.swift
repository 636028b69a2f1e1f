import ChorusStats

/// Majority vote over answers with a seeded uniform tie-break.
public enum MajorityVote {
    /// The most frequent answer among `answers` (values in 0..<alphabet); among tied answers one
    /// is chosen uniformly with `g` (one draw is consumed only when there is a tie).
    /// `counts` is scratch space of size ≥ alphabet.
    /// - Complexity: O(n + alphabet).
    @inline(__always)
    public static func vote(_ answers: UnsafeBufferPointer<Int>, alphabet: Int,
                            counts: UnsafeMutableBufferPointer<Int>, using g: inout Xoshiro256) -> Int {
        for a in 0..<alphabet { counts[a] = 0 }
        for x in answers { counts[x] += 1 }
        var best = -1, ties = 0, winner = 0
        for a in 0..<alphabet {
            if counts[a] > best { best = counts[a]; ties = 1; winner = a }
            else if counts[a] == best { ties += 1 }
        }
        if ties == 1 { return winner }
        var pick = g.nextInt(below: ties)
        for a in 0..<alphabet where counts[a] == best {
            if pick == 0 { return a }
            pick -= 1
        }
        return winner
    }

    /// Convenience over arrays (allocates; not for hot loops).
    public static func vote(_ answers: [Int], alphabet: Int, using g: inout Xoshiro256) -> Int {
        var counts = [Int](repeating: 0, count: alphabet)
        return answers.withUnsafeBufferPointer { a in
            counts.withUnsafeMutableBufferPointer { c in vote(a, alphabet: alphabet, counts: c, using: &g) }
        }
    }
}
