/// ChorusSimulation: see docs/design.md §3 and docs/architecture.md.
public enum ChorusSimulationModule {}
