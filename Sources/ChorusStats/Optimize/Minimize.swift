internal import CGSL
import Foundation

/// Unconstrained minimisation of a smooth function with GSL's `multimin` (vector BFGS,
/// `gsl_multimin_fdfminimizer_vector_bfgs2`; Fletcher, "Practical Methods of Optimization",
/// algorithms 2.6.2 and 2.6.4; GSL Reference Manual, "Multidimensional Minimization").
///
/// The objective returns its value and fills the gradient. Iteration stops when
/// ‖∇f‖ < `gradientTolerance` (`gsl_multimin_test_gradient`) or after `maxIterations`.
public enum Minimize {
    /// The result of a minimisation.
    public struct Result: Sendable {
        /// The minimiser found.
        public var x: [Double]
        /// f at `x`.
        public var value: Double
        /// ∇f at `x`.
        public var gradient: [Double]
        /// The number of minimiser iterations taken.
        public var iterations: Int
        /// Whether the gradient test was met (false: stopped by the iteration limit or because
        /// the line search could make no progress, GSL_ENOPROG).
        public var converged: Bool
    }

    /// Objective: value at x, gradient written into the second argument (same length as x).
    public typealias Objective = ([Double], inout [Double]) -> Double

    private final class Box {
        let f: Objective
        var grad: [Double]
        var failed = false
        init(_ f: @escaping Objective, n: Int) { self.f = f; grad = [Double](repeating: 0, count: n) }
        func eval(_ v: UnsafePointer<gsl_vector>?, _ df: UnsafeMutablePointer<gsl_vector>?) -> Double {
            guard let v else { return .nan }
            let n = grad.count
            let x = (0..<n).map { gsl_vector_get(v, $0) }
            let y = f(x, &grad)
            if !y.isFinite || grad.contains(where: { !$0.isFinite }) { failed = true }
            if let df { for i in 0..<n { gsl_vector_set(df, i, grad[i]) } }
            return y
        }
    }

    /// Minimises `f` from `start`.
    /// - Parameters:
    ///   - f: the objective: returns f(x) and writes ∇f(x) into its second argument.
    ///   - start: the starting point x₀.
    ///   - step: size of the first trial step.
    ///   - lineTolerance: GSL's line-minimisation tolerance.
    ///   - gradientTolerance: stop when ‖∇f‖ falls below it.
    ///   - maxIterations: stop after this many iterations.
    /// - Throws: `StatsError.invalidParameter` for an empty or non-finite start,
    ///   `StatsError.numerical` when f or its gradient is not finite at a point tried,
    ///   `StatsError.gsl` when GSL reports an error other than "no progress".
    /// - Complexity: O(iterations · (cost of f + d²)) for d parameters.
    public static func bfgs(_ f: @escaping Objective, start: [Double], step: Double = 0.1, lineTolerance: Double = 0.1,
                            gradientTolerance: Double = 1e-7, maxIterations: Int = 500) throws -> Result {
        let n = start.count
        guard n > 0, start.allSatisfy(\.isFinite) else { throw StatsError.invalidParameter("minimisation start must be non-empty and finite") }
        GSLRuntime.ensure()
        let box = Box(f, n: n)
        let ctx = Unmanaged.passRetained(box)
        defer { ctx.release() }
        var fn = gsl_multimin_function_fdf(
            f: { v, p in Unmanaged<Box>.fromOpaque(p!).takeUnretainedValue().eval(v, nil) },
            df: { v, p, g in _ = Unmanaged<Box>.fromOpaque(p!).takeUnretainedValue().eval(v, g) },
            fdf: { v, p, y, g in y?.pointee = Unmanaged<Box>.fromOpaque(p!).takeUnretainedValue().eval(v, g) },
            n: n, params: ctx.toOpaque())
        guard let x0 = gsl_vector_alloc(n) else { throw StatsError.gsl(code: Int32(GSL_ENOMEM), message: "gsl_vector_alloc(\(n))") }
        defer { gsl_vector_free(x0) }
        for i in 0..<n { gsl_vector_set(x0, i, start[i]) }
        guard let s = gsl_multimin_fdfminimizer_alloc(chorus_gsl_multimin_bfgs2(), n) else {
            throw StatsError.gsl(code: Int32(GSL_ENOMEM), message: "gsl_multimin_fdfminimizer_alloc(\(n))")
        }
        defer { gsl_multimin_fdfminimizer_free(s) }
        try GSLRuntime.check(gsl_multimin_fdfminimizer_set(s, &fn, x0, step, lineTolerance), "gsl_multimin_fdfminimizer_set")
        if box.failed { throw StatsError.numerical("objective not finite at the start \(start)") }
        var iterations = 0
        var converged = false
        while iterations < maxIterations {
            iterations += 1
            let status = gsl_multimin_fdfminimizer_iterate(s)
            if box.failed { throw StatsError.numerical("objective or gradient not finite during minimisation") }
            if status == GSL_ENOPROG { break }
            try GSLRuntime.check(status, "gsl_multimin_fdfminimizer_iterate")
            if gsl_multimin_test_gradient(gsl_multimin_fdfminimizer_gradient(s), gradientTolerance) == GSL_SUCCESS {
                converged = true; break
            }
        }
        let xs = gsl_multimin_fdfminimizer_x(s)!
        let x = (0..<n).map { gsl_vector_get(xs, $0) }
        var g = [Double](repeating: 0, count: n)
        let y = f(x, &g)
        if !converged { converged = g.map { $0 * $0 }.reduce(0, +).squareRoot() < gradientTolerance * 10 }
        return Result(x: x, value: y, gradient: g, iterations: iterations, converged: converged)
    }
}
