/// Exact probability that the majority of N independent answers is the correct one (answer 0),
/// ties split uniformly among the tied answers, by dynamic programming over answer counts.
///
/// Seat i answers a with probability p_i(a), independently. Let c = (c_0, …, c_{A−1}) be the
/// answer counts after all N seats; P(majority correct) = Σ_c P(c) · [c_0 = max c] / #{a : c_a = max c}.
/// P(c) is built seat by seat: P_{m+1}(c + e_a) += P_m(c) · p_{m+1}(a) (the distribution of
/// counts of a Poisson-multinomial). States from which answer 0 can no longer reach the
/// maximum (max_{a≥1} c_a > c_0 + remaining seats) contribute 0 and are dropped.
///
/// - Complexity: O(N · S · A) time and O(S) memory, S ≤ C(N + A − 1, A − 1) the number of count
///   vectors: polynomial in N for a fixed number of answers (N = 16, A = 4: S ≤ 969), against
///   A^N · N for enumerating answer profiles (4^16 ≈ 4·10^9).
enum MajorityAccuracy {
    /// - Parameters:
    ///   - p: `p[i·A + a]` = seat i's probability of answer a (answer 0 is correct).
    static func exact(seatAnswerProbs p: [Double], agents n: Int, answers a: Int) -> Double {
        if a * 5 <= 64 && n < 32 {
            return run(p, n, a, key: PackedCounts.self)
        }
        return run(p, n, a, key: ArrayCounts.self)
    }

    /// The layers are arrays in a fixed order (a state's first appearance while the previous
    /// layer is scanned in order), and the dictionary only maps a state to its slot: every sum
    /// runs in the same order on every run and thread, so the result is the same to the bit.
    private static func run<K: CountKey>(_ p: [Double], _ n: Int, _ a: Int, key: K.Type) -> Double {
        var states: [K] = [K.zero(answers: a)]
        var probs: [Double] = [1]
        for i in 0..<n {
            let remaining = n - i - 1
            var nextStates: [K] = [], nextProbs: [Double] = []
            var slot: [K: Int] = [:]
            nextStates.reserveCapacity(states.count * 2); nextProbs.reserveCapacity(states.count * 2)
            slot.reserveCapacity(states.count * 2)
            for (state, prob) in zip(states, probs) {
                for ans in 0..<a {
                    let q = p[i * a + ans]
                    guard q > 0 else { continue }
                    let s = state.adding(ans, answers: a)
                    // Prune: answer 0 can no longer reach the top count.
                    var maxWrong = 0
                    for w in 1..<a { maxWrong = max(maxWrong, s.count(w)) }
                    if maxWrong > s.count(0) + remaining { continue }
                    if let j = slot[s] {
                        nextProbs[j] += prob * q
                    } else {
                        slot[s] = nextStates.count
                        nextStates.append(s); nextProbs.append(prob * q)
                    }
                }
            }
            states = nextStates; probs = nextProbs
        }
        var total = 0.0
        for (state, prob) in zip(states, probs) {
            let c0 = state.count(0)
            var ties = 1, beaten = false
            for w in 1..<a {
                let c = state.count(w)
                if c > c0 { beaten = true; break }
                if c == c0 { ties += 1 }
            }
            if !beaten { total += prob / Double(ties) }
        }
        return total
    }
}

/// A vector of answer counts used as a dictionary key.
protocol CountKey: Hashable {
    static func zero(answers: Int) -> Self
    func adding(_ answer: Int, answers: Int) -> Self
    func count(_ answer: Int) -> Int
}

/// Counts packed 5 bits each into one word (A ≤ 12 answers, N ≤ 31 seats).
struct PackedCounts: CountKey {
    var bits: UInt64
    static func zero(answers: Int) -> PackedCounts { PackedCounts(bits: 0) }
    func adding(_ answer: Int, answers: Int) -> PackedCounts { PackedCounts(bits: bits + (1 << UInt64(5 * answer))) }
    func count(_ answer: Int) -> Int { Int((bits >> UInt64(5 * answer)) & 31) }
}

/// Counts as an array (any number of answers).
struct ArrayCounts: CountKey {
    var counts: [UInt16]
    static func zero(answers: Int) -> ArrayCounts { ArrayCounts(counts: [UInt16](repeating: 0, count: answers)) }
    func adding(_ answer: Int, answers: Int) -> ArrayCounts { var c = counts; c[answer] += 1; return ArrayCounts(counts: c) }
    func count(_ answer: Int) -> Int { Int(counts[answer]) }
}
