import ChorusCLI

// Thin executable: all commands live in the ChorusCLI library so tests can run them in-process.
ChorusCommand.main()
