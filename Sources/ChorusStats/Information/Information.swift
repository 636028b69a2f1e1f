import Foundation

/// Information theory on probability vectors and logits.
///
/// Conventions: 0 · log 0 = 0; KL(p‖q) = +∞ when q_i = 0 < p_i; quantities in nats unless a
/// `LogBase` says otherwise. A vector that is not a distribution (empty, a negative or NaN entry,
/// a sum further than `tolerance` from 1) is a `StatsError.invalidDistribution`, never a NaN
/// result. Reference: Cover & Thomas, *Elements of Information Theory*, 2nd ed., ch. 2.
public enum Info {
    /// How far from 1 a probability vector's sum may be.
    public static let defaultTolerance = 1e-9

    /// Checks that `p` is a probability vector: non-empty, every entry finite and ≥ 0, and
    /// |Σp − 1| ≤ tolerance · max(1, K) (the allowance grows with the length K, since rounding
    /// in a computed distribution accumulates over its entries).
    /// - Throws: `StatsError.invalidDistribution` naming the entry or the sum.
    public static func validate(_ p: [Double], tolerance: Double = defaultTolerance, name: String = "p") throws {
        guard !p.isEmpty else { throw StatsError.invalidDistribution("\(name) is empty") }
        var sum = 0.0
        for (i, x) in p.enumerated() {
            guard x.isFinite else { throw StatsError.invalidDistribution("\(name)[\(i)] is \(x)") }
            guard x >= 0 else { throw StatsError.invalidDistribution("\(name)[\(i)] = \(x) is negative") }
            sum += x
        }
        guard abs(sum - 1) <= tolerance * Double(max(1, p.count)) else {
            throw StatsError.invalidDistribution("\(name) sums to \(sum), not 1 (tolerance \(tolerance))")
        }
    }

    /// Shannon entropy H(p) = −Σ p_i log p_i.
    /// `tolerance` is how far from 1 the sum may be (see `validate`).
    /// - Complexity: O(K).
    public static func entropy(_ p: [Double], base: LogBase = .nats, tolerance: Double = defaultTolerance) throws -> Double {
        try validate(p, tolerance: tolerance)
        return entropyUnchecked(p) * base.fromNats
    }

    /// H(p) in nats without validation: for vectors that are distributions by construction.
    @inlinable
    public static func entropyUnchecked<C: Collection>(_ p: C) -> Double where C.Element == Double {
        var h = 0.0
        for x in p where x > 0 { h -= x * log(x) }
        return h
    }

    /// log Σ exp(x_i), computed stably by factoring out the maximum.
    /// - Complexity: O(K).
    public static func logSumExp(_ x: [Double]) -> Double {
        guard let m = x.max(), m.isFinite else { return x.max() ?? -.infinity }
        var s = 0.0
        for v in x { s += exp(v - m) }
        return m + log(s)
    }

    /// softmax(x / τ)_i = exp(x_i/τ − m) / Σ_j exp(x_j/τ − m), m = max_j x_j/τ: shifting by the
    /// maximum first keeps every exponent ≤ 0 and the differences exact, so the result sums to 1
    /// to rounding even for logits of size 1e3. −∞ logits get probability 0. Unchecked: a NaN or
    /// +∞ logit, or all −∞, gives NaNs (the `entropy(logits:)`/`kl(logitsP:logitsQ:)` entry points
    /// check their input and throw instead).
    /// - Complexity: O(K).
    public static func softmax(_ logits: [Double], temperature: Double = 1) -> [Double] {
        let z = temperature == 1 ? logits : logits.map { $0 / temperature }
        guard let m = z.max(), m.isFinite else { return z.map { _ in .nan } }
        let e = z.map { exp($0 - m) }
        let s = e.reduce(0, +)
        return e.map { $0 / s }
    }

    /// log softmax(x / τ)_i = (x_i/τ − m) − log Σ_j exp(x_j/τ − m), m = max_j x_j/τ.
    public static func logSoftmax(_ logits: [Double], temperature: Double = 1) -> [Double] {
        let z = temperature == 1 ? logits : logits.map { $0 / temperature }
        guard let m = z.max(), m.isFinite else { return z.map { _ in .nan } }
        var s = 0.0
        for v in z { s += exp(v - m) }
        let ls = log(s)
        return z.map { ($0 - m) - ls }
    }

    /// Entropy of softmax(logits / τ), computed from log-probabilities so that tiny
    /// probabilities lose no precision: H = −Σ π_i log π_i with log π_i = z_i − LSE(z).
    public static func entropy(logits: [Double], temperature: Double = 1, base: LogBase = .nats) throws -> Double {
        try validateLogits(logits, temperature: temperature)
        let lp = logSoftmax(logits, temperature: temperature)
        var h = 0.0
        for l in lp where l > -.infinity { h -= exp(l) * l }
        return h * base.fromNats
    }

    /// Cross-entropy H(p, q) = −Σ p_i log q_i (+∞ if q_i = 0 < p_i).
    /// - Complexity: O(K).
    public static func crossEntropy(_ p: [Double], _ q: [Double], base: LogBase = .nats, tolerance: Double = defaultTolerance) throws -> Double {
        try validate(p, tolerance: tolerance, name: "p"); try validate(q, tolerance: tolerance, name: "q")
        guard p.count == q.count else { throw StatsError.sizeMismatch("p has \(p.count) entries, q has \(q.count)") }
        var h = 0.0
        for i in p.indices where p[i] > 0 {
            if q[i] == 0 { return .infinity }
            h -= p[i] * log(q[i])
        }
        return h * base.fromNats
    }

    /// Kullback–Leibler divergence KL(p‖q) = Σ p_i log(p_i/q_i) ≥ 0, = 0 iff p = q.
    /// - Complexity: O(K).
    public static func kl(_ p: [Double], _ q: [Double], base: LogBase = .nats, tolerance: Double = defaultTolerance) throws -> Double {
        try validate(p, tolerance: tolerance, name: "p"); try validate(q, tolerance: tolerance, name: "q")
        guard p.count == q.count else { throw StatsError.sizeMismatch("p has \(p.count) entries, q has \(q.count)") }
        var d = 0.0
        for i in p.indices where p[i] > 0 {
            if q[i] == 0 { return .infinity }
            d += p[i] * (log(p[i]) - log(q[i]))  // not log(p/q): the ratio can overflow
        }
        return max(0, d) * base.fromNats
    }

    /// KL between two softmax policies given by logits, from log-probabilities (stable even
    /// when probabilities underflow): Σ π_p (log π_p − log π_q).
    public static func kl(logitsP: [Double], logitsQ: [Double], temperature: Double = 1, base: LogBase = .nats) throws -> Double {
        guard logitsP.count == logitsQ.count else { throw StatsError.sizeMismatch("logit vectors of \(logitsP.count) and \(logitsQ.count)") }
        try validateLogits(logitsP, temperature: temperature); try validateLogits(logitsQ, temperature: temperature)
        let lp = logSoftmax(logitsP, temperature: temperature), lq = logSoftmax(logitsQ, temperature: temperature)
        var d = 0.0
        for i in lp.indices where lp[i] > -.infinity {
            // π_p > 0 = π_q (even if exp(lp) underflows): the divergence is infinite, not 0·∞.
            if lq[i] == -.infinity { return .infinity }
            d += exp(lp[i]) * (lp[i] - lq[i])
        }
        return max(0, d) * base.fromNats
    }

    /// Cross-entropy between two softmax policies given by logits, from log-probabilities:
    /// H(π_p, π_q) = −Σ π_p log π_q (+∞ if π_q has a −∞ logit where π_p has mass).
    public static func crossEntropy(logitsP: [Double], logitsQ: [Double], temperature: Double = 1, base: LogBase = .nats) throws -> Double {
        guard logitsP.count == logitsQ.count else { throw StatsError.sizeMismatch("logit vectors of \(logitsP.count) and \(logitsQ.count)") }
        try validateLogits(logitsP, temperature: temperature); try validateLogits(logitsQ, temperature: temperature)
        let lp = logSoftmax(logitsP, temperature: temperature), lq = logSoftmax(logitsQ, temperature: temperature)
        var h = 0.0
        for i in lp.indices where lp[i] > -.infinity {
            if lq[i] == -.infinity { return .infinity }  // π_p > 0 = π_q, even if exp(lp) underflows
            h -= exp(lp[i]) * lq[i]
        }
        return h * base.fromNats
    }

    /// Weighted Jensen–Shannon divergence of several distributions:
    /// JS_w(p_1..p_m) = H(Σ w_j p_j) − Σ w_j H(p_j), which equals the mutual information between
    /// the index j ~ w and a draw from p_j. Bounded by H(w) ≤ log m. Default weights uniform.
    /// - Complexity: O(m·K) for m distributions over K outcomes.
    public static func jensenShannon(_ ps: [[Double]], weights: [Double]? = nil, base: LogBase = .nats,
                                     tolerance: Double = defaultTolerance) throws -> Double {
        guard let k = ps.first?.count, !ps.isEmpty else { throw StatsError.invalidDistribution("JS needs at least one distribution") }
        let w = weights ?? [Double](repeating: 1 / Double(ps.count), count: ps.count)
        guard w.count == ps.count else { throw StatsError.sizeMismatch("\(ps.count) distributions but \(w.count) weights") }
        try validate(w, tolerance: tolerance, name: "weights")
        var mixture = [Double](repeating: 0, count: k)
        var meanH = 0.0
        for (j, p) in ps.enumerated() {
            guard p.count == k else { throw StatsError.sizeMismatch("distribution \(j) has \(p.count) entries, expected \(k)") }
            try validate(p, tolerance: tolerance, name: "p[\(j)]")
            for i in 0..<k { mixture[i] += w[j] * p[i] }
            meanH += w[j] * entropyUnchecked(p)
        }
        return max(0, entropyUnchecked(mixture) - meanH) * base.fromNats
    }

    /// Mutual information of a joint probability table P(x, y) (rows x, columns y):
    /// I(X; Y) = Σ P(x,y) log(P(x,y) / (P(x)P(y))) = H(X) + H(Y) − H(X, Y).
    /// - Complexity: O(|X|·|Y|).
    public static func mutualInformation(joint: [[Double]], base: LogBase = .nats) throws -> Double {
        guard let cols = joint.first?.count, cols > 0 else { throw StatsError.invalidDistribution("joint table is empty") }
        guard joint.allSatisfy({ $0.count == cols }) else { throw StatsError.sizeMismatch("joint table rows differ in length") }
        let flat = joint.flatMap { $0 }
        try validate(flat, name: "joint")
        let px = joint.map { $0.reduce(0, +) }
        var py = [Double](repeating: 0, count: cols)
        for row in joint { for j in 0..<cols { py[j] += row[j] } }
        var mi = 0.0
        for (i, row) in joint.enumerated() {
            // Differences of logs: the product px·py can underflow for tiny marginals.
            for j in 0..<cols where row[j] > 0 { mi += row[j] * (log(row[j]) - log(px[i]) - log(py[j])) }
        }
        return max(0, mi) * base.fromNats
    }

    /// Mutual information of a table of counts (normalised to a joint distribution first).
    public static func mutualInformation(counts: [[Int]], base: LogBase = .nats) throws -> Double {
        let n = counts.reduce(0) { $0 + $1.reduce(0, +) }
        guard n > 0 else { throw StatsError.insufficientData("count table is empty") }
        guard counts.allSatisfy({ $0.allSatisfy { $0 >= 0 } }) else { throw StatsError.invalidDistribution("negative count") }
        return try mutualInformation(joint: counts.map { $0.map { Double($0) / Double(n) } }, base: base)
    }

    /// Probability that two independent draws differ: 1 − Σ p_i q_i (Gini–Simpson when p = q).
    public static func disagreement(_ p: [Double], _ q: [Double]) throws -> Double {
        try validate(p, name: "p"); try validate(q, name: "q")
        guard p.count == q.count else { throw StatsError.sizeMismatch("p has \(p.count) entries, q has \(q.count)") }
        var s = 0.0
        for i in p.indices { s += p[i] * q[i] }
        return 1 - s
    }

    static func validateLogits(_ z: [Double], temperature: Double) throws {
        guard !z.isEmpty else { throw StatsError.invalidDistribution("logit vector is empty") }
        guard temperature > 0, temperature.isFinite else { throw StatsError.invalidParameter("temperature must be > 0, got \(temperature)") }
        guard z.allSatisfy({ !$0.isNaN && $0 != .infinity }) else { throw StatsError.invalidDistribution("logits contain NaN or +∞") }
        guard z.contains(where: { $0 > -.infinity }) else { throw StatsError.invalidDistribution("all logits are −∞") }
    }
}
