// swift-tools-version:6.0
// Chorus: simulate, measure and draw the diversity of self-improving LLM agent societies.
// Module layering (DESIGN §3): each target imports only targets listed before it.
import PackageDescription

let package = Package(
    name: "Chorus",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "chorus", targets: ["chorus"]),
        .library(name: "ChorusStats", targets: ["ChorusStats"]),
        .library(name: "ChorusRecords", targets: ["ChorusRecords"]),
        .library(name: "ChorusSimulation", targets: ["ChorusSimulation"]),
        .library(name: "ChorusIngest", targets: ["ChorusIngest"]),
        .library(name: "ChorusAnalysis", targets: ["ChorusAnalysis"]),
        .library(name: "ChorusFigures", targets: ["ChorusFigures"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
        // Tests only: property-based tests of the parsers and the answer extractor (issue 10).
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // C libraries, through pkg-config; scripts/install-deps.sh installs them.
        .systemLibrary(name: "CGSL", pkgConfig: "gsl",
                       providers: [.apt(["libgsl-dev"])]),
        .systemLibrary(name: "CPLplot", pkgConfig: "plplot",
                       providers: [.apt(["libplplot-dev", "plplot-driver-cairo"])]),

        .target(name: "ChorusStats", dependencies: ["CGSL"]),
        .target(name: "ChorusRecords", dependencies: [
            "ChorusStats",
            .product(name: "CSV", package: "CSV.swift"),
        ]),
        .target(name: "ChorusSimulation", dependencies: [
            "ChorusStats", "ChorusRecords",
            .product(name: "Yams", package: "Yams"),
        ]),
        .target(name: "ChorusIngest", dependencies: [
            "ChorusStats", "ChorusRecords",
            .product(name: "Yams", package: "Yams"),   // run manifests (issue 12)
            .product(name: "CSV", package: "CSV.swift"),   // sample files (issue 12)
        ]),
        .target(name: "ChorusAnalysis", dependencies: [
            "ChorusStats", "ChorusRecords", "ChorusSimulation", "ChorusIngest",
        ]),
        .target(name: "ChorusFigures", dependencies: ["CPLplot", "ChorusStats", "ChorusRecords", "ChorusSimulation"]),
        .target(name: "ChorusCLI", dependencies: [
            "ChorusStats", "ChorusRecords", "ChorusSimulation", "ChorusIngest",
            "ChorusAnalysis", "ChorusFigures",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "chorus", dependencies: ["ChorusCLI"]),

        .testTarget(name: "ChorusStatsTests", dependencies: ["ChorusStats"]),
        .testTarget(name: "ChorusRecordsTests", dependencies: ["ChorusRecords"]),
        .testTarget(name: "ChorusSimulationTests", dependencies: ["ChorusSimulation"]),
        .testTarget(name: "ChorusIngestTests", dependencies: [
                        "ChorusIngest", .product(name: "PropertyBased", package: "swift-property-based")],
                    exclude: ["Fixtures", "Independent"]),   // read by #filePath, not as resources
        .testTarget(name: "ChorusAnalysisTests", dependencies: ["ChorusAnalysis"]),
        .testTarget(name: "ChorusFiguresTests", dependencies: ["ChorusFigures"]),
        .testTarget(name: "ChorusCLITests", dependencies: ["ChorusCLI", "chorus"]),
    ],
    swiftLanguageModes: [.v6]
)
