extension SimulationConfig {
    /// The `paper` preset: the society of Subramaniam et al. (ICLR 2025) — 3 generators and 3
    /// critics, 2 debate rounds, 5 finetuning iterations, 500 train and 500 held-out questions —
    /// for the eight regimes and their placebo twins over 50 seeds (`chorus reproduce` runs it on
    /// 10 disjoint blocks of 50 seeds, 1–500). Calibrated on seeds 1001–1060 only
    /// (docs/model.md §9), so every reported figure is out of sample.
    ///
    /// The values that differ from the `default` preset, and why:
    /// - `agents.temperature = 0.6`: agents sample below the temperature (1) at which finetuning
    ///   fits them, so self-training sharpens each model — the self-reinforcing (Pólya-urn-like)
    ///   process; `finetune.learning_rate = 0.4` sets its strength.
    /// - `task.learnability = 0.45`: correctness is partly visible in a chain's features, the
    ///   only way (with the evidence) a policy can become more accurate in this drift-free bank.
    /// - `task.style_heterogeneity = 2.5`: styles' competences correlate with ρ = 1/(1 + 2.5²) ≈ 0.14,
    ///   so different styles make nearly independent errors and diversity is worth having.
    /// - `task.verifiability = 1.5`: a correct chain's evidence is 1.5 noise sd above a wrong one's.
    /// - base critic weights stay 1, support 1.5, evidence 0.5, prior 0.5: a conformist base
    ///   model that follows its own answer and the majority more than the evidence, which critic
    ///   finetuning can improve on (the paper's motivation for training critics).
    /// - `debate.context_budget = 5`: without a summary a critic reads every peer's raw response
    ///   (the official code passes up to 5), each read with noise growing with the context.
    /// - `finetune.critic_learning_rate = 3`: the critic weights are 4 numbers fitted on a few
    ///   hundred decisions; a larger step lets one iteration move them visibly.
    /// - `finetune.critic_mix = official`: one D^C+ example per D^C− example with probability ½.
    public static var paper: SimulationConfig {
        var c = SimulationConfig()
        c.name = "paper"
        c.seeds = Array(1...50)
        c.regimes = Regime.names
        c.iterations = 5
        c.task.trainQuestions = 500
        c.task.testQuestions = 500
        c.task.chainsPerQuestion = 12
        c.task.wrongAnswers = 3
        c.task.styles = 4
        c.task.featureDimension = 8
        c.task.learnability = 0.45
        c.task.verifiability = 1.5
        c.task.styleHeterogeneity = 2.5
        c.task.baseAccuracy = 0.45
        c.task.baseLogitScale = 1.0
        c.agents.count = 3
        c.agents.temperature = 0.6
        c.debate.rounds = 2
        c.debate.summarize = true
        c.debate.summaryNoise = 0.2
        c.debate.rawNoise = 0.8
        c.debate.contextBudget = 5
        c.debate.stayWeight = 1.0
        c.debate.supportWeight = 1.5
        c.debate.evidenceWeight = 0.5
        c.debate.priorWeight = 0.5
        c.finetune.learningRate = 0.4
        c.finetune.epochs = 3
        c.finetune.batchSize = 16
        c.finetune.criticLearningRate = 3.0
        c.finetune.restartFromBase = false
        c.finetune.basePull = 0
        c.finetune.criticMixWeight = 2.0 / 3.0
        c.finetune.criticMix = .official
        c.finetune.data = .replace
        return c
    }
}
