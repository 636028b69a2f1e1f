// swift-tools-version:6.0
// Chorus benchmarks: a separate package so `swift test` never builds or runs them.
// Build and run all: `bash Benchmarks/run.sh` (from the repository root). See BENCHMARKS.md.
import PackageDescription

let package = Package(
    name: "ChorusBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "Chorus", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "chorus-bench",
            dependencies: [
                .product(name: "ChorusStats", package: "Chorus"),
                .product(name: "ChorusSimulation", package: "Chorus"),
                .product(name: "ChorusRecords", package: "Chorus"),
                .product(name: "ChorusIngest", package: "Chorus"),
                .product(name: "ChorusAnalysis", package: "Chorus"),
                .product(name: "ChorusValidation", package: "Chorus"),
            ],
            path: "Sources/chorus-bench"
        ),
    ],
    swiftLanguageModes: [.v6]
)
