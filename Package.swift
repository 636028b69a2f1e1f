// swift-tools-version:6.0
// Chorus: simulate, measure and draw the diversity of self-improving LLM agent societies.
// Module layering (docs/design.md §3, docs/architecture.md): each target imports only targets listed
// before it; scripts/check-architecture.sh fails when an import breaks the graph.
import PackageDescription

let package = Package(
    name: "Chorus",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "chorus", targets: ["chorus"]),
        .library(name: "ChorusStats", targets: ["ChorusStats"]),
        .library(name: "ChorusRecords", targets: ["ChorusRecords"]),
        .library(name: "ChorusAnalysis", targets: ["ChorusAnalysis"]),
        .library(name: "ChorusSimulation", targets: ["ChorusSimulation"]),
        .library(name: "ChorusIngest", targets: ["ChorusIngest"]),
        .library(name: "ChorusValidation", targets: ["ChorusValidation"]),
        .library(name: "ChorusFigures", targets: ["ChorusFigures"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
        // Tests only: property-based tests of the parsers and the answer extractor (issue 10).
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        // Documentation only: `swift package generate-documentation` (`make docs`, docs/design.md
        // §6). A command plugin: nothing of it is linked into Chorus.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // C libraries, through pkg-config; scripts/install-deps.sh installs them.
        .systemLibrary(name: "CGSL", pkgConfig: "gsl",
                       providers: [.apt(["libgsl-dev"])]),
        .systemLibrary(name: "CPLplot", pkgConfig: "plplot",
                       providers: [.apt(["libplplot-dev", "plplot-driver-cairo"])]),

        .target(name: "ChorusStats", dependencies: ["CGSL"]),
        .target(name: "ChorusRecords", dependencies: [
            .product(name: "CSV", package: "CSV.swift"),
        ]),
        // The one implementation of every metric and the metric registry (issue 9), below the
        // simulator so that the simulator measures itself with the code that analyses logs.
        .target(name: "ChorusAnalysis", dependencies: ["ChorusStats", "ChorusRecords"]),
        .target(name: "ChorusSimulation", dependencies: [
            "ChorusStats", "ChorusRecords", "ChorusAnalysis",
            .product(name: "Yams", package: "Yams"),
        ]),
        .target(name: "ChorusIngest", dependencies: [
            "ChorusRecords",
            .product(name: "Yams", package: "Yams"),   // run manifests (issue 12)
            .product(name: "CSV", package: "CSV.swift"),   // sample files (issue 12)
        ]),
        // The validation studies and the fit of the simulator to logs: they use the simulator
        // and the analysis (and the log reader).
        .target(name: "ChorusValidation", dependencies: [
            "ChorusStats", "ChorusRecords", "ChorusAnalysis", "ChorusSimulation", "ChorusIngest",
        ]),
        // Figures are drawn from tables: ChorusFigures reads CSVs and the metric names, never the
        // simulator, the log reader or the studies (scripts/check-architecture.sh checks).
        .target(name: "ChorusFigures", dependencies: ["CPLplot", "ChorusStats", "ChorusRecords", "ChorusAnalysis"]),
        .target(name: "ChorusCLI", dependencies: [
            "ChorusStats", "ChorusRecords", "ChorusAnalysis", "ChorusSimulation", "ChorusIngest",
            "ChorusValidation", "ChorusFigures",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "chorus", dependencies: ["ChorusCLI"]),

        // What the test targets share (docs/testing.md): paths and temporary folders, the real-log
        // locator and its skip trait, the hand-built debate, checksums, Monte Carlo tolerances.
        // Only tests depend on it; it may depend on any library module.
        .target(name: "ChorusTestSupport", dependencies: ["ChorusRecords"], path: "Tests/ChorusTestSupport"),

        .testTarget(name: "ChorusStatsTests", dependencies: ["ChorusStats", "ChorusTestSupport"]),
        .testTarget(name: "ChorusRecordsTests", dependencies: ["ChorusRecords", "ChorusTestSupport"]),
        .testTarget(name: "ChorusSimulationTests", dependencies: ["ChorusSimulation", "ChorusTestSupport"]),
        .testTarget(name: "ChorusIngestTests", dependencies: [
                        "ChorusIngest", "ChorusStats", "ChorusTestSupport",
                        .product(name: "PropertyBased", package: "swift-property-based")],
                    exclude: ["Fixtures", "Independent"]),   // read by #filePath, not as resources
        // Tests may use modules above their own for inputs: real logs (ChorusIngest) and
        // simulated transcripts (ChorusSimulation) to check the analysis on both sources.
        .testTarget(name: "ChorusAnalysisTests", dependencies: ["ChorusAnalysis", "ChorusIngest", "ChorusSimulation", "ChorusTestSupport"]),
        .testTarget(name: "ChorusValidationTests", dependencies: ["ChorusValidation", "ChorusTestSupport"]),
        // The sweep figures' tests label swept keys with the simulator's `SweepPlan.label`.
        .testTarget(name: "ChorusFiguresTests", dependencies: ["ChorusFigures", "ChorusSimulation", "ChorusTestSupport"]),
        // "chorus": the kill tests run the built executable (KillTests.swift).
        .testTarget(name: "ChorusCLITests", dependencies: ["ChorusCLI", "chorus", "ChorusTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
