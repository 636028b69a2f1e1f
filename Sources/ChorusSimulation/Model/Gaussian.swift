import Foundation
import ChorusStats

extension Xoshiro256 {
    /// A standard normal draw by the Box–Muller transform, z = √(−2 ln u₁) · cos(2π u₂),
    /// u₁ ∈ (0, 1), u₂ ∈ [0, 1). Two uniforms per draw and no cached state, so the stream
    /// position depends only on how many draws were made (reproducible by construction).
    /// Reference: G. E. P. Box and M. E. Muller, Ann. Math. Stat. 29 (1958) 610–611.
    @inline(__always)
    mutating func nextGaussian() -> Double {
        let u1 = nextOpenUnit(), u2 = nextUnit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
