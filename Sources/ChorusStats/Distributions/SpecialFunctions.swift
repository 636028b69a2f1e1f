internal import CGSL

/// GSL's special functions in a Swift namespace (GSL Reference Manual, "Special Functions").
///
/// `digamma`, `trigamma` and `lnGamma` return NaN where GSL reports an error (at 0 and the
/// negative integers; GSL itself would return an arbitrary value such as 0 there), so a pole
/// never passes for a number.
public enum Special {
    /// Digamma ψ(x) = d/dx ln Γ(x). NaN at 0 and the negative integers.
    public static func digamma(_ x: Double) -> Double { evaluate { gsl_sf_psi_e(x, $0) } }
    /// Trigamma ψ₁(x) = d²/dx² ln Γ(x). NaN at 0 and the negative integers.
    public static func trigamma(_ x: Double) -> Double { evaluate { gsl_sf_psi_1_e(x, $0) } }
    /// ln |Γ(x)|; for x > 0 simply ln Γ(x). NaN at 0 and the negative integers.
    public static func lnGamma(_ x: Double) -> Double { evaluate { gsl_sf_lngamma_e(x, $0) } }

    /// Runs a `gsl_sf_*_e` function: its value, or NaN if it reports an error.
    @inline(__always)
    static func evaluate(_ f: (UnsafeMutablePointer<gsl_sf_result>) -> Int32) -> Double {
        GSLRuntime.ensure()
        var r = gsl_sf_result(val: .nan, err: 0)
        return f(&r) == GSL_SUCCESS ? r.val : .nan
    }
    /// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a, b > 0.
    public static func lnBeta(_ a: Double, _ b: Double) throws -> Double {
        guard a > 0, b > 0, a.isFinite, b.isFinite else {
            throw StatsError.invalidParameter("lnBeta needs a > 0 and b > 0, got \(a), \(b)")
        }
        GSLRuntime.ensure()
        return gsl_sf_lnbeta(a, b)
    }
    /// ln n! for 0 ≤ n ≤ 2^32 − 1.
    /// - Throws: `StatsError.invalidParameter` outside that range.
    public static func lnFactorial(_ n: Int) throws -> Double {
        guard n >= 0, n <= Int(UInt32.max) else {
            throw StatsError.invalidParameter("lnFactorial needs 0 <= n <= 2^32-1, got \(n)")
        }
        GSLRuntime.ensure()
        return gsl_sf_lnfact(UInt32(n))
    }
    /// ln C(n, k) for 0 ≤ k ≤ n ≤ 2^32 − 1.
    /// - Throws: `StatsError.invalidParameter` outside that range.
    public static func lnChoose(_ n: Int, _ k: Int) throws -> Double {
        guard k >= 0, k <= n, n <= Int(UInt32.max) else {
            throw StatsError.invalidParameter("lnChoose needs 0 <= k <= n <= 2^32-1, got n = \(n), k = \(k)")
        }
        GSLRuntime.ensure()
        return gsl_sf_lnchoose(UInt32(n), UInt32(k))
    }
}
