/// One-line descriptions of the configuration keys, with their allowed ranges: the comments of
/// emitted YAML and the source of the key table in docs/configuration.md. Keys without an entry
/// (added to `SimulationConfig` later) are emitted without a comment.
enum ConfigDocs {
    static let sections: [String: String] = [
        "task": "The task bank: questions, their reasoning chains, answers, styles, features, evidence.",
        "agents": "The society's agents.",
        "debate": "The debate and the critic policy.",
        "finetune": "Finetuning between iterations.",
        "output": "What a run writes besides its tables.",
    ]

    static let keys: [String: String] = [
        "name": "Name recorded in the manifest and the run id (1 to 128 characters, no control characters).",
        "seeds": "Root seeds, one independent replicate of every regime each (non-empty, distinct, at most 100000).",
        "regimes": "Regimes to run: single-agent, multiagent, no-critic, no-summary, single-no-debate, majority-ft, star, single-agent-matched, and any of them with the suffix -placebo (its negative control).",
        "placebo_seeds": "Placebo twins run on the first N seeds only; 0 = every seed (0...number of seeds).",
        "iterations": "Finetuning iterations after the base model; iteration 0 (base) is measured too (0...1000).",
        "task.train_questions": "Questions whose debates give finetuning data (1...10000000, within the memory limit).",
        "task.test_questions": "Held-out questions on which every metric is measured (1...10000000, within the memory limit).",
        "task.chains_per_question": "Candidate reasoning chains per question (2...1000).",
        "task.wrong_answers": "Distinct wrong answers per question; errors recur (1...min(64, chains_per_question − 1)).",
        "task.styles": "Reasoning styles (1...chains_per_question).",
        "task.feature_dimension": "Dimension of the chain feature vectors (1...4096).",
        "task.learnability": "Size of the soundness component of correct chains' features (0...1000).",
        "task.verifiability": "Mean evidence gap correct − wrong, in units of evidence noise (0...1000).",
        "task.style_heterogeneity": "How much styles differ in which questions they solve; 0 = interchangeable (0...1000).",
        "task.base_accuracy": "Expected share of correct chains, hence the base model's expected round-1 accuracy at any temperature (0 < p < 1).",
        "task.base_logit_scale": "Spread of the base model's logits over chains; 0 = uniform (0...1000).",
        "agents.count": "Agents per role: N generators and N critics (1...64).",
        "agents.temperature": "Sampling temperature τ of the generation policy (0.001...1000).",
        "debate.rounds": "Rounds per debate: round 1 generation, rounds 2… criticism (1...100).",
        "debate.summarize": "Critics read a summary of their peers (true) or raw responses (false).",
        "debate.summary_noise": "Noise sd when reading pooled evidence from a summary (0...1000).",
        "debate.raw_noise": "Noise sd of reading one raw response in a context of one; with m responses in the context it is raw_noise·√m (0...1000).",
        "debate.context_budget": "Raw peer responses a critic can read without a summary (1...1000).",
        "debate.stay_weight": "Initial critic weight on keeping its own previous answer (-1000...1000).",
        "debate.support_weight": "Initial critic weight on the peers' share of an answer (-1000...1000).",
        "debate.evidence_weight": "Initial critic weight on the evidence of an answer as read (-1000...1000).",
        "debate.prior_weight": "Initial critic weight on its own generation log-probability of an answer (-1000...1000).",
        "finetune.learning_rate": "Gradient step size on the generation weights θ (0...100).",
        "finetune.epochs": "Passes over the selected data per iteration (0...1000).",
        "finetune.critic_learning_rate": "Gradient step size on the critic weights w (0...100).",
        "finetune.restart_from_base": "Restart each iteration from the base weights instead of the previous ones.",
        "finetune.base_pull": "L2 pull of θ towards the base weights; 0 = none (0...1000, learning_rate × base_pull < 1).",
        "finetune.critic_mix_weight": "Share of D^C− in the critic data when critic_mix is reweight; paper ≈ 2/3 ([0, 1]).",
        "finetune.critic_mix": "Critic data mix: official (each D^C− example adds one D^C+ example with probability 1/2, weights 1) or reweight (D^C− weighted to critic_mix_weight).",
        "finetune.data": "Training data each iteration: replace, or accumulate all iterations' data.",
        "finetune.batch_size": "Examples per stochastic-gradient step, the minibatch size (1...1000000).",
        "output.transcripts": "Iterations whose test debates are written as JSON Lines (each in 0...iterations, each once).",
        "output.accuracy_debates": "Debates per test question averaged in accuracy.final, each scored exactly over the last round's choices (1...64).",
    ]
}
