/// The registry of named configurations (`chorus presets`, `chorus simulate --preset NAME`).
public enum Presets {
    /// A named configuration with a one-line description.
    public struct Preset: Sendable {
        /// The preset's name (`chorus simulate --preset NAME`).
        public var name: String
        /// One line: what the preset is for.
        public var summary: String
        /// Makes the preset's configuration.
        public var config: @Sendable () -> SimulationConfig
    }

    /// Every preset, in the order `chorus presets` lists them.
    public static let all: [Preset] = [
        Preset(name: "default", summary: "The defaults of every key: single-agent vs multiagent, 10 seeds, 500+500 questions, 5 iterations.",
               config: { var c = SimulationConfig(); c.name = "default"; return c }),
        Preset(name: "quick", summary: "Tiny smoke run for tests: every regime, 2 seeds, 40+40 questions, 2 iterations (well under a second).",
               config: { quick }),
        Preset(name: "paper", summary: "The calibrated reproduction of the paper's claims: 8 regimes and their placebo twins, 50 seeds, 5 iterations.",
               config: { var c = SimulationConfig.paper; c.name = "paper"; return c }),
        Preset(name: "long", summary: "The paper preset over 10 iterations: single-agent, multiagent and their placebo twins, 100 seeds.",
               config: { long }),
    ]

    /// The preset names, in listing order.
    public static var names: [String] { all.map(\.name) }

    /// The preset of that name.
    /// - Throws: `SimulationError.unknownName(kind: "preset", …)` listing the known names.
    public static func preset(named name: String) throws -> Preset {
        guard let p = all.first(where: { $0.name == name }) else {
            throw SimulationError.unknownName(kind: "preset", name: name, allowed: names)
        }
        return p
    }

    /// The configuration of a preset.
    public static func config(named name: String) throws -> SimulationConfig { try preset(named: name).config() }

    /// The YAML of a preset, with a header saying how to use it.
    public static func yaml(named name: String) throws -> String {
        let p = try preset(named: name)
        return p.config().yaml(header: [
            "Chorus preset '\(p.name)': \(p.summary)",
            "Run it: chorus simulate --preset \(p.name)   or edit a copy: chorus simulate --config FILE",
            "Keys left out of a file keep their defaults; docs/configuration.md lists every key.",
        ])
    }

    /// The `long` preset: the `paper` configuration run for 10 iterations (single-agent,
    /// multiagent and their placebo twins, seeds 1–100), to see where the multiagent society's
    /// gains stop and how its diversity decays (docs/model.md §10).
    public static var long: SimulationConfig {
        var c = SimulationConfig.paper
        c.name = "long"
        c.iterations = 10
        c.seeds = Array(1...100)
        c.regimes = ["single-agent", "multiagent", "single-agent-placebo", "multiagent-placebo"]
        return c
    }

    /// The `quick` preset: every regime on a tiny task bank, for tests and smoke runs.
    public static var quick: SimulationConfig {
        var c = SimulationConfig()
        c.name = "quick"
        c.seeds = [1, 2]
        c.regimes = Regime.baseNames
        c.iterations = 2
        c.task.trainQuestions = 40
        c.task.testQuestions = 40
        return c
    }
}
