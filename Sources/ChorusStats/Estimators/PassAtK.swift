/// Estimators of pass@k and coverage from samples (issue 12: sample files), the sampled
/// counterparts of the simulator's exact `pass_at.k` and `coverage` (ChorusSimulation's
/// `PolicyMetrics`, docs/model.md §6).
public enum PassAtK {
    /// The unbiased estimator of pass@k = 1 − (1 − p)^k from n samples of which c are right
    /// (Chen et al. 2021, "Evaluating large language models trained on code", eq. 1):
    /// 1 − C(n − c, k) / C(n, k), computed as the product 1 − Π_{i = n−c+1}^{n} (1 − k/i)
    /// (their numerically stable form). Nil when k > n or k < 1.
    /// E[estimate] = 1 − (1 − p)^k exactly when the n samples are independent with P(right) = p.
    /// - Complexity: O(c).
    public static func estimate(samples n: Int, correct c: Int, k: Int) -> Double? {
        guard k >= 1, k <= n, c >= 0, c <= n else { return nil }
        if n - c < k { return 1 }
        var miss = 1.0
        for i in (n - c + 1)..<(n + 1) { miss *= 1 - Double(k) / Double(i) }
        return 1 - miss
    }

    /// The unbiased estimator of coverage 1 − Π_m (1 − p_m), the probability that at least one
    /// of the models is right with one sample each (the simulator's `coverage`), from each
    /// model's (samples, correct): 1 − Π_m (1 − c_m / n_m). Unbiased when the models' samples
    /// are independent (E of a product of independent factors is the product of their means).
    /// Nil when no model has a sample.
    /// - Complexity: O(models).
    public static func coverage(_ counts: [(samples: Int, correct: Int)]) -> Double? {
        let used = counts.filter { $0.samples > 0 }
        guard !used.isEmpty else { return nil }
        var allWrong = 1.0
        for (n, c) in used { allWrong *= 1 - Double(c) / Double(n) }
        return 1 - allWrong
    }
}
