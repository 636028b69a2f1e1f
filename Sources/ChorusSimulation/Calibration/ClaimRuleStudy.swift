import Foundation
import ChorusAnalysis
import ChorusStats

/// False-positive rates of the accuracy claims' decision rules (claims 1 and 3), measured on
/// synthetic per-seed trajectories whose truth is known (docs/model.md §10, `chorus validate`).
///
/// A trajectory of seed s is acc_{s,t} = μ_t + a_s + e_{s,t} with a seed effect a ~ N(0, σ_a²)
/// and independent iteration noise e ~ N(0, σ_e²); the defaults (σ_a = 0.015, σ_e = 0.03)
/// are the order of the paper preset's per-seed spread. The rows go through the same
/// `Contrasts` and `Claims` code as a simulation, so the rates are those of the rules as
/// shipped.
public enum ClaimRuleStudy {
    /// A mean pattern μ_0…μ_I and whether the claim it is tested against is true for it.
    public struct Pattern: Sendable {
        /// The pattern's name in tables (e.g. `flat`).
        public var name: String
        /// The mean accuracy μ_t at iterations t = 0…I.
        public var means: [Double]
        /// Which claim (1 or 3) the pattern is a null or an alternative for.
        public var claim: Int
        /// Whether the claim is true for this pattern (false: a null pattern).
        public var claimTrue: Bool
    }

    /// The null patterns the issue names (flat; rise then plateau; monotone decline) for claims
    /// 1 and 3, and one true pattern for each (power).
    public static let patterns: [Pattern] = [
        Pattern(name: "flat", means: [0.5, 0.5, 0.5, 0.5, 0.5, 0.5], claim: 1, claimTrue: false),
        Pattern(name: "rise then plateau", means: [0.5, 0.52, 0.52, 0.52, 0.52, 0.52], claim: 1, claimTrue: false),
        Pattern(name: "monotone decline", means: [0.5, 0.495, 0.49, 0.485, 0.48, 0.475], claim: 1, claimTrue: false),
        Pattern(name: "rise then decline by 3 points", means: [0.5, 0.52, 0.515, 0.505, 0.495, 0.49], claim: 1, claimTrue: true),
        Pattern(name: "flat", means: [0.5, 0.5, 0.5, 0.5, 0.5, 0.5], claim: 3, claimTrue: false),
        Pattern(name: "rise then plateau", means: [0.5, 0.54, 0.54, 0.54, 0.54, 0.54], claim: 3, claimTrue: false),
        Pattern(name: "monotone decline", means: [0.5, 0.495, 0.49, 0.485, 0.48, 0.475], claim: 3, claimTrue: false),
        Pattern(name: "rise, keeps rising by 4 points", means: [0.5, 0.54, 0.55, 0.56, 0.57, 0.58], claim: 3, claimTrue: true),
    ]

    /// The rate at which the claim's rule says "holds" for a pattern, over `replicates`
    /// synthetic studies of `seeds` seeds each.
    public static func holdRate(_ p: Pattern, seeds: Int = 50, replicates: Int = 400,
                                seedSD: Double = 0.015, noiseSD: Double = 0.03, seed: UInt64 = 1) -> Double {
        let regime = p.claim == 1 ? "single-agent" : "multiagent"
        var g = SeedStream(seed: seed).child(p.name).child(UInt64(p.claim)).generator()
        var holds = 0
        let iterations = p.means.count - 1
        for _ in 0..<replicates {
            var rows: [MetricRow] = []
            let seedList = (1...UInt64(seeds)).map { $0 }
            for s in seedList {
                let a = seedSD * g.nextGaussian()
                for t in 0...iterations {
                    rows.append(MetricRow(regime: regime, seed: s, iteration: t, metric: MetricName.accuracyFinal,
                                          value: p.means[t] + a + noiseSD * g.nextGaussian()))
                }
            }
            rows = Contrasts.merge(rows, regimes: [regime], seeds: seedList, iterations: iterations)
            let summary = ExperimentResult(config: SimulationConfig(), rows: rows, transcripts: []).summarize()
            let verdict = p.claim == 1 ? Claims.claim1(Claims.Table(summary)) : Claims.claim3(Claims.Table(summary))
            if verdict.holds { holds += 1 }
        }
        return Double(holds) / Double(replicates)
    }
}
