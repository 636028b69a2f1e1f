import ChorusStats
@testable import ChorusSimulation

/// Small task banks and configurations shared by the simulation tests.
enum Fixtures {
    static func taskParameters(train: Int = 60, test: Int = 60) -> TaskBankParameters {
        var p = TaskBankParameters()
        p.trainQuestions = train; p.testQuestions = test
        p.chainsPerQuestion = 12; p.wrongAnswers = 3; p.styles = 4; p.featureDimension = 8
        return p
    }

    static func bank(train: Int = 60, test: Int = 60, seed: UInt64 = 7) -> TaskBank {
        TaskBank(parameters: taskParameters(train: train, test: test),
                 stream: SeedStream(seed: seed).child("bank"))
    }

    /// A random θ (each coordinate N(0, sd²)) from a seeded stream.
    static func randomTheta(_ d: Int, sd: Double, seed: UInt64) -> [Double] {
        var g = SeedStream(seed: seed).child("theta").generator()
        return (0..<d).map { _ in sd * g.nextGaussian() }
    }

    static func smallConfig(regimes: [String] = ["single-agent", "multiagent"], seeds: [UInt64] = [1, 2],
                            questions: Int = 40, iterations: Int = 2) -> SimulationConfig {
        var c = SimulationConfig.paper
        c.regimes = regimes
        c.seeds = seeds
        c.iterations = iterations
        c.task.trainQuestions = questions
        c.task.testQuestions = questions
        return c
    }
}
