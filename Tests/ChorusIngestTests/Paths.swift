import Foundation

/// Where test inputs live, computed from this file's path (no bundle resources needed).
enum Paths {
    static let testsDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    /// The package root (two folders above this test target).
    static let packageRoot = testsDir.deletingLastPathComponent().deletingLastPathComponent()
    /// The shared real logs, `../shared/realdata` relative to the package root.
    static let realData = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/realdata")

    static func fixture(_ name: String) -> URL { testsDir.appendingPathComponent("Fixtures").appendingPathComponent(name) }

    /// A fresh temporary folder for one test.
    static func temporaryDirectory() throws -> URL {
        let u = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-ingest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
        return u
    }
}
