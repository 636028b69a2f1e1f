import Yams

/// The parameters behind each regime's rows, for the parameter columns of `metrics.csv`.
///
/// Rule (docs/configuration.md): every scalar key of the resolved configuration (lists such as
/// `seeds`, `regimes` and `output.transcripts` are run-level and left out) together with each
/// regime's own settings (effective `debate.rounds` and `debate.summarize`, `regime.models`,
/// `regime.selection`, `regime.train_generators`, `regime.train_critics`) gives one value per
/// (regime, parameter). A parameter becomes a column exactly when its value differs between
/// two regimes of the run; constant parameters are in `manifest.json` only, so a table of one
/// regime has no parameter columns and concatenated tables of different runs can be told
/// apart by `run_id`.
enum RunParameters {
    /// The varying parameters: column names in first-appearance order and, per regime, the
    /// values in column order.
    static func varying(_ config: SimulationConfig) -> (columns: [String], values: [String: [String]]) {
        var perRegime: [String: [(String, String)]] = [:]
        for r in config.regimes { perRegime[r] = settings(of: r, config) }
        var order: [String] = []
        var seen = Set<String>()
        for r in config.regimes { for (k, _) in perRegime[r] ?? [] where seen.insert(k).inserted { order.append(k) } }
        let columns = order.filter { key in
            Set(config.regimes.map { r in perRegime[r]?.last(where: { $0.0 == key })?.1 ?? "NA" }).count > 1
        }
        var values: [String: [String]] = [:]
        for r in config.regimes {
            values[r] = columns.map { key in perRegime[r]?.last(where: { $0.0 == key })?.1 ?? "NA" }
        }
        return (columns, values)
    }

    /// Scalar leaves of the configuration, then the regime's settings (a later entry for the
    /// same key overrides an earlier one).
    static func settings(of regime: String, _ config: SimulationConfig) -> [(String, String)] {
        var out: [(String, String)] = []
        flatten(ConfigTree.node(of: config), prefix: "", into: &out)
        out.removeAll { $0.0 == "name" }
        if let r = try? Regime.named(regime, agents: config.agents.count) {
            out.append(("debate.rounds", "\(r.effectiveRounds(config))"))
            out.append(("debate.summarize", "\(r.effectiveSummarize(config))"))
            out.append(("regime.models", "\(r.modelCount)"))
            out.append(("regime.selection", r.selection.rawValue))
            out.append(("regime.train_generators", "\(r.trainGenerators)"))
            out.append(("regime.train_critics", "\(r.trainCritics)"))
        }
        return out
    }

    private static func flatten(_ node: Node, prefix: String, into out: inout [(String, String)]) {
        switch node {
        case .mapping(let m):
            for (k, v) in m { flatten(v, prefix: prefix.isEmpty ? (k.string ?? "") : prefix + "." + (k.string ?? ""), into: &out) }
        case .scalar(let s):
            out.append((prefix, s.string))
        default:
            return
        }
    }
}
