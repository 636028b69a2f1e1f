extension SimulationConfig {
    /// The `paper` preset: the society of Subramaniam et al. (ICLR 2025) — 3 generators and 3
    /// critics, 2 debate rounds, 5 finetuning iterations, 500 train and 500 held-out questions —
    /// for all seven regimes over 10 seeds, at a point of the calibration sweep where DESIGN §2's
    /// six claims hold (docs/model.md, "Calibration").
    public static var paper: SimulationConfig {
        var c = SimulationConfig()
        c.name = "paper"
        c.seeds = Array(1...10)
        c.regimes = Regime.names
        c.iterations = 5
        c.task.trainQuestions = 500
        c.task.testQuestions = 500
        c.agents.count = 3
        c.debate.rounds = 2
        return c
    }
}
