internal import CGSL
import Foundation

/// One-time GSL set-up: GSL calls `abort()` on any error by default; Chorus switches the handler
/// off before the first GSL call and checks return codes instead (docs/design.md §4).
enum GSLRuntime {
    /// Evaluated once, thread-safely, by Swift's lazy global initialisation.
    static let ready: Bool = {
        gsl_set_error_handler_off()
        return true
    }()

    @inline(__always) static func ensure() { _ = ready }

    /// A GSL allocation's result, or `StatsError.gsl(GSL_ENOMEM)` naming the call when it failed.
    static func allocated<T>(_ pointer: T?, _ what: @autoclosure () -> String) throws -> T {
        guard let pointer else { throw StatsError.gsl(code: Int32(GSL_ENOMEM), message: what()) }
        return pointer
    }

    /// Maps a GSL status code to a Swift error.
    static func check(_ status: Int32, _ what: String) throws {
        guard status != GSL_SUCCESS else { return }
        let msg = String(cString: gsl_strerror(status))
        throw StatsError.gsl(code: status, message: "\(what): \(msg)")
    }
}

/// Runs `body` with a `gsl_rng` that draws from `g`'s stream (the CGSL xoshiro bridge), and
/// stores the advanced state back into `g`. No allocation: the gsl_rng lives on the stack.
func withGSLRandom<T>(_ g: inout Xoshiro256, _ body: (UnsafeMutablePointer<gsl_rng>) throws -> T) rethrows -> T {
    GSLRuntime.ensure()
    var st = chorus_xoshiro_state(s: (g.s0, g.s1, g.s2, g.s3))
    defer { (g.s0, g.s1, g.s2, g.s3) = st.s }
    return try withUnsafeMutablePointer(to: &st) { sp in
        var r = gsl_rng(type: chorus_gsl_rng_xoshiro(), state: UnsafeMutableRawPointer(sp))
        return try withUnsafeMutablePointer(to: &r) { try body($0) }
    }
}
