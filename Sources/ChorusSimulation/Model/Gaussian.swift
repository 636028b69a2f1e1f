import Foundation
import ChorusStats

extension Xoshiro256 {
    /// A standard normal draw by the ziggurat method (`Sample.standardNormal`: GSL's
    /// Marsaglia–Tsang ziggurat, tested for goodness of fit against the normal CDF). It replaced
    /// the Box–Muller transform z = √(−2 ln u₁) · cos(2π u₂) (docs/model.md §11): the same law,
    /// without a logarithm and a cosine per draw. No cached state, so the stream position depends
    /// only on the draws made (reproducible by construction).
    @inline(__always)
    mutating func nextGaussian() -> Double {
        Sample.standardNormal(using: &self)
    }
}
