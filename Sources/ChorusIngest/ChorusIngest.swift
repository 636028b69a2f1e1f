/// ChorusIngest: see DESIGN §3 and docs/architecture.md.
public enum ChorusIngestModule {}
