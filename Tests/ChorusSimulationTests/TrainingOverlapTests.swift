import Foundation
import Testing
import ChorusAnalysis
@testable import ChorusSimulation

/// The simulator's training-data overlap (`training.overlap*`, issue 12).
@Suite struct TrainingOverlapTests {
    @Test("mean pairwise Jaccard by hand; models without data enter no pair")
    func hand() {
        // {1,2,3} vs {2,3,4}: 2/4; {1,2,3} vs {1}: 1/3; {2,3,4} vs {1}: 0.
        let sets: [Int: [UInt64]] = [0: TrainingOverlap.bitmap([1, 2, 3], count: 130), 1: TrainingOverlap.bitmap([2, 3, 4], count: 130),
                                     2: TrainingOverlap.bitmap([1], count: 130), 3: TrainingOverlap.bitmap([], count: 130)]
        #expect(abs(TrainingOverlap.meanJaccard([0, 1, 2, 3], sets)! - (0.5 + 1.0 / 3 + 0) / 3) < 1e-15)
        #expect(TrainingOverlap.meanJaccard([0, 1], sets) == 0.5)
        #expect(TrainingOverlap.meanJaccard([0, 3], sets) == nil)
        #expect(TrainingOverlap.meanJaccard([1, 1], sets) == nil)
        // Bits in different words (64 and 129).
        let far: [Int: [UInt64]] = [0: TrainingOverlap.bitmap([0, 64, 129], count: 130), 1: TrainingOverlap.bitmap([64, 129], count: 130)]
        #expect(abs(TrainingOverlap.meanJaccard([0, 1], far)! - 2.0 / 3) < 1e-15)
    }

    @Test("a quick run reports the overlap at every iteration but the last, in [0, 1], only with several models")
    func inRuns() throws {
        var c = Presets.quick
        c.regimes = ["single-agent", "multiagent"]
        c.seeds = [1]
        let result = try Experiment(config: c).run()
        let rows = result.rows.filter { $0.metric.hasPrefix("training.overlap") }
        #expect(rows.allSatisfy { $0.regime == "multiagent" && $0.iteration < c.iterations && (0...1).contains($0.value) })
        for it in 0..<c.iterations {
            for m in [MetricName.trainingOverlap, MetricName.trainingOverlapGenerator, MetricName.trainingOverlapCritic] {
                #expect(rows.filter { $0.iteration == it && $0.metric == m }.count == 1, "\(m) it \(it)")
            }
        }
    }
}
