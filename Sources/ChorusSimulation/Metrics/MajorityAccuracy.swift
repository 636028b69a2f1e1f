/// Exact probability that the plurality of N independent answers is the correct one (answer 0),
/// under the one tie rule of the vote (`AnswerKernels`: a tie goes to the largest label), by
/// dynamic programming over answer counts.
///
/// Seat i answers a with probability p_i(a), independently. Let c = (c_0, …, c_{A−1}) be the
/// answer counts after all N seats and T(c) = {a : c_a = max c} the tied answers;
/// P(plurality correct) = Σ_c P(c) · w(c), with w(c) = [0 ∈ T(c) and label(0) > label(a) for
/// every other a ∈ T(c)] given the question's labels. Without labels w(c) = [0 ∈ T(c)] / |T(c)|,
/// the mean of the labelled w over uniformly random labellings (each tied answer is the
/// largest with probability 1/|T|): the expectation over banks.
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
    ///   - labels: the question's answer labels (`TaskBank.labels(of:)`); nil for the uniform
    ///     tie split.
    static func exact(seatAnswerProbs p: [Double], agents n: Int, answers a: Int, labels: ArraySlice<Int32>? = nil) -> Double {
        var workspace = Workspace(agents: n, answers: a)
        return workspace.exact(seatAnswerProbs: p, labels: labels)
    }

    /// Preallocated buffers for repeated calls with the same N and A (one per `ExactMetrics`
    /// call, reused across its questions, so the measurement loop allocates nothing).
    ///
    /// A state's slot in the next layer is found in a dense table indexed by the mixed-radix
    /// code Σ_a c_a·(N+1)^a when that table is small ((N+1)^A ≤ 2^20, e.g. N = 16, A = 4:
    /// 83,521 entries); otherwise in a dictionary. The layers are arrays in a fixed order (a
    /// state's first appearance while the previous layer is scanned in order), and the table
    /// or dictionary only maps a state to its slot: every sum runs in the same order on every
    /// run and thread, and in both lookups, so the result is the same to the bit.
    struct Workspace {
        let agents: Int
        let answers: Int
        private let packed: Bool
        /// (N+1)^a for each answer a, when the dense slot table is used.
        private let radix: [Int]
        private let buffers: Buffers?

        /// - Parameter dense: use the dense slot table when it is small enough (tests pass
        ///   `false` to check that both lookups give the same bits).
        init(agents n: Int, answers a: Int, dense allowDense: Bool = true) {
            agents = n; answers = a
            packed = a * 5 <= 64 && n < 32
            var r: [Int] = [], size = 1, dense = packed && allowDense
            for _ in 0..<a {
                r.append(size)
                let (m, overflow) = size.multipliedReportingOverflow(by: n + 1)
                if overflow || m > 1 << 20 { dense = false; break }
                size = m
            }
            radix = dense ? r : []
            // A layer holds at most C(N + A − 1, A − 1) count vectors (≤ (N+1)^A).
            var layer = 1.0
            for k in 1..<max(2, a) { layer = layer * Double(n + k) / Double(k) }
            buffers = dense ? Buffers(codes: size, layer: min(size, Int(layer.rounded()) + 1)) : nil
        }

        mutating func exact(seatAnswerProbs p: [Double], labels: ArraySlice<Int32>?) -> Double {
            if !packed { return MajorityAccuracy.run(p, agents, answers, labels, key: ArrayCounts.self) }
            guard let b = buffers else { return MajorityAccuracy.run(p, agents, answers, labels, key: PackedCounts.self) }
            let n = agents, a = answers
            var states = b.states, codes = b.codes, probs = b.probs
            var nextStates = b.nextStates, nextCodes = b.nextCodes, nextProbs = b.nextProbs
            let slotOf = b.slotOf
            var count = 1
            states[0] = PackedCounts(bits: 0); codes[0] = 0; probs[0] = 1
            return p.withUnsafeBufferPointer { p in
                radix.withUnsafeBufferPointer { radix in
                    for i in 0..<n {
                        let remaining = n - i - 1
                        var nextCount = 0
                        for t in 0..<count {
                            let state = states[t], prob = probs[t]
                            for ans in 0..<a {
                                let q = p[i * a + ans]
                                guard q > 0 else { continue }
                                let s = state.adding(ans, answers: a)
                                if MajorityAccuracy.cannotWin(s, answers: a, remaining: remaining) { continue }
                                let code = codes[t] + radix[ans]
                                let j = Int(slotOf[code])
                                if j >= 0 {
                                    nextProbs[j] += prob * q
                                } else {
                                    slotOf[code] = Int32(nextCount)
                                    nextStates[nextCount] = s; nextCodes[nextCount] = code; nextProbs[nextCount] = prob * q
                                    nextCount += 1
                                }
                            }
                        }
                        for t in 0..<nextCount { slotOf[nextCodes[t]] = -1 }
                        swap(&states, &nextStates); swap(&codes, &nextCodes); swap(&probs, &nextProbs)
                        count = nextCount
                    }
                    var total = 0.0
                    for t in 0..<count {
                        let w = MajorityAccuracy.tieWeight(states[t], answers: a, labels: labels)
                        if w > 0 { total += probs[t] * w }
                    }
                    return total
                }
            }
        }

        /// The layers and the slot table, allocated once per workspace (raw buffers: the
        /// inner loop writes them without bounds or uniqueness checks).
        final class Buffers {
            let slotOf: UnsafeMutablePointer<Int32>
            let states: UnsafeMutablePointer<PackedCounts>, nextStates: UnsafeMutablePointer<PackedCounts>
            let codes: UnsafeMutablePointer<Int>, nextCodes: UnsafeMutablePointer<Int>
            let probs: UnsafeMutablePointer<Double>, nextProbs: UnsafeMutablePointer<Double>
            private let codeCount: Int, layer: Int

            init(codes codeCount: Int, layer: Int) {
                self.codeCount = codeCount; self.layer = layer
                slotOf = .allocate(capacity: codeCount)
                slotOf.initialize(repeating: -1, count: codeCount)
                states = .allocate(capacity: layer); nextStates = .allocate(capacity: layer)
                states.initialize(repeating: PackedCounts(bits: 0), count: layer)
                nextStates.initialize(repeating: PackedCounts(bits: 0), count: layer)
                codes = .allocate(capacity: layer); nextCodes = .allocate(capacity: layer)
                codes.initialize(repeating: 0, count: layer); nextCodes.initialize(repeating: 0, count: layer)
                probs = .allocate(capacity: layer); nextProbs = .allocate(capacity: layer)
                probs.initialize(repeating: 0, count: layer); nextProbs.initialize(repeating: 0, count: layer)
            }

            deinit {
                slotOf.deallocate(); states.deallocate(); nextStates.deallocate()
                codes.deallocate(); nextCodes.deallocate(); probs.deallocate(); nextProbs.deallocate()
            }
        }
    }

    /// Prune: answer 0 can no longer reach the top count, even if all `remaining` seats give it.
    @inline(__always)
    static func cannotWin<K: CountKey>(_ s: K, answers a: Int, remaining: Int) -> Bool {
        var maxWrong = 0
        for w in 1..<a { maxWrong = max(maxWrong, s.count(w)) }
        return maxWrong > s.count(0) + remaining
    }

    /// w(c): 1 when answer 0 wins the vote at counts c under the labels (it has the top count
    /// and the largest label among the answers tied with it), else 0; without labels
    /// 1/(number tied) when answer 0 is among the tied answers, else 0.
    @inline(__always)
    static func tieWeight<K: CountKey>(_ state: K, answers a: Int, labels: ArraySlice<Int32>?) -> Double {
        let c0 = state.count(0)
        var ties = 1
        let l0 = labels.map { $0[$0.startIndex] } ?? 0
        for w in 1..<a {
            let c = state.count(w)
            if c > c0 { return 0 }
            if c == c0 {
                ties += 1
                if let l = labels, l[l.startIndex + w] > l0 { return 0 }
            }
        }
        return labels == nil ? 1 / Double(ties) : 1
    }

    /// The dictionary-keyed layer recursion (states beyond the dense table's range).
    fileprivate static func run<K: CountKey>(_ p: [Double], _ n: Int, _ a: Int, _ labels: ArraySlice<Int32>?, key: K.Type) -> Double {
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
                    if cannotWin(s, answers: a, remaining: remaining) { continue }
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
            let w = tieWeight(state, answers: a, labels: labels)
            if w > 0 { total += prob * w }
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
