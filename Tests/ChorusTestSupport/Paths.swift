import Foundation

/// Where the tests' inputs live, computed from this file's path (no bundle resources needed).
public enum Paths {
    /// The package root: two folders above `Tests/ChorusTestSupport`.
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The hand-written input files (logs, samples, run manifests) in `Tests/ChorusIngestTests/Fixtures`,
    /// read in place by the ingest, analysis and CLI tests.
    public static let fixtures = packageRoot.appendingPathComponent("Tests/ChorusIngestTests/Fixtures")

    /// One file of `fixtures`.
    public static func fixture(_ name: String) -> URL { fixtures.appendingPathComponent(name) }

    /// A file or folder of the repository, by its path from the package root (`docs/metrics.md`).
    public static func repository(_ path: String) -> URL { packageRoot.appendingPathComponent(path) }

    /// A fresh temporary folder for one test (the same as the free function `temporaryDirectory`).
    public static func temporaryDirectory(_ label: String = #function) throws -> URL {
        try ChorusTestSupport.temporaryDirectory(label)
    }
}

/// A fresh, empty folder below the system's temporary directory, named after the calling test
/// (`chorus-test-<label>-<UUID>`), so that concurrent tests never share one. The caller removes it.
public func temporaryDirectory(_ label: String = #function) throws -> URL {
    let safe = String(label.filter { $0.isLetter || $0.isNumber }.prefix(40))
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("chorus-test-\(safe)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
