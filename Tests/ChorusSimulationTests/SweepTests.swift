import Testing
@testable import ChorusSimulation

@Suite("Calibration sweep")
struct SweepTests {
    @Test("a grid runs every point, first axis slowest, and tabulates claims and figures")
    func grid() throws {
        var base = Fixtures.smallConfig(regimes: Regime.names, seeds: [1, 2], questions: 15, iterations: 2)
        base.name = "sweep-test"
        let sweep = try Sweep(base: base, axes: [
            Sweep.Axis(key: "finetune.learning_rate", values: [0.1, 0.5]),
            Sweep.Axis(key: "agents.temperature", values: [0.6, 1]),
        ])
        #expect(sweep.grid.map { $0.map(\.value) } == [[0.1, 0.6], [0.1, 1], [0.5, 0.6], [0.5, 1]])
        let c = try sweep.config(for: sweep.grid[2])
        #expect(c.finetune.learningRate == 0.5 && c.agents.temperature == 0.6)
        let points = try sweep.run(threads: 2)
        #expect(points.count == 4)
        for p in points { #expect(p.claims.map(\.number) == [1, 2, 3, 4, 5, 6]) }
        let lines = Sweep.csv(points).split(separator: "\n")
        #expect(lines.count == 5)
        #expect(lines[0].hasPrefix("finetune.learning_rate,agents.temperature,claim1,"))
        #expect(lines[1].hasPrefix("0.1,0.6,"))
    }

    @Test("unknown keys and empty axes are errors")
    func errors() {
        let base = Fixtures.smallConfig()
        #expect(throws: SimulationError.self) { try Sweep(base: base, axes: [Sweep.Axis(key: "task.colour", values: [1])]) }
        #expect(throws: SimulationError.self) { try Sweep(base: base, axes: [Sweep.Axis(key: "task.learnability", values: [])]) }
        // A grid point outside the allowed range is caught before anything runs.
        #expect(throws: SimulationError.self) { try Sweep(base: base, axes: [Sweep.Axis(key: "agents.temperature", values: [1, -1])]) }
        // An integer parameter given a value no Int holds is an error, not a conversion trap.
        for v in [1e30, -1e30, 1e300] {
            #expect(throws: SimulationError.self) { try Sweep(base: base, axes: [Sweep.Axis(key: "finetune.epochs", values: [v])]) }
            #expect(throws: SimulationError.self) { try Sweep(base: base, axes: [Sweep.Axis(key: "finetune.batch_size", values: [v])]) }
        }
    }
}
