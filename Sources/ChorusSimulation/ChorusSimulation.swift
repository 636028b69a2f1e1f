/// ChorusSimulation: see DESIGN §3 and docs/architecture.md.
public enum ChorusSimulationModule {}
