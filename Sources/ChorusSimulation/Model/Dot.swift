/// Inner products of short feature vectors, the innermost loop of the simulator (policy
/// tables, finetuning gradients).
enum Dot {
    /// Σ_j x_j·y_j over j < n, accumulated in four partial sums (j mod 4) added as
    /// (s₀ + s₁) + (s₂ + s₃), then the remainder: a fixed order, so the same bits on every
    /// run, while the four chains of additions run in parallel (a single running sum waits on
    /// each addition's latency).
    /// - Complexity: O(n).
    @inline(__always)
    static func product(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, _ n: Int) -> Double {
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        var j = 0
        while j + 4 <= n {
            s0 += x[j] * y[j]; s1 += x[j + 1] * y[j + 1]
            s2 += x[j + 2] * y[j + 2]; s3 += x[j + 3] * y[j + 3]
            j += 4
        }
        var s = (s0 + s1) + (s2 + s3)
        while j < n { s += x[j] * y[j]; j += 1 }
        return s
    }
}
