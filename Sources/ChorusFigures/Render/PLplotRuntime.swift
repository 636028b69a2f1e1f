internal import CPLplot
import Foundation

/// Process-wide PLplot access. PLplot keeps global state and is not thread-safe, so every
/// call into it goes through `PLplotRuntime.withLock` (one lock for the whole process; Swift
/// Testing runs tests in parallel).
enum PLplotRuntime {
    private static let lock = NSLock()

    /// Messages PLplot passed to its abort handler during the current render.
    /// Guarded by `lock` (only touched inside `withLock`).
    nonisolated(unsafe) private static var abortMessages: [String] = []
    nonisolated(unsafe) private static var devices: [String]? = nil
    nonisolated(unsafe) private static var configured = false

    /// Runs `body` holding the PLplot lock.
    static func withLock<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        if !configured { configure() }
        return try body()
    }

    /// One-time set-up (under the lock): route recoverable PLplot errors to our handler
    /// instead of stderr, and ask the cairo drivers for DejaVu fonts.
    private static func configure() {
        configured = true
        plsabort { msg in
            PLplotRuntime.abortMessages.append(msg.map { String(cString: $0) } ?? "unknown error")
        }
        // The cairo drivers look these up through fontconfig; do not override a user's choice.
        setenv("PLPLOT_FREETYPE_SANS_FAMILY", "DejaVu Sans", 0)
        setenv("PLPLOT_FREETYPE_SERIF_FAMILY", "DejaVu Serif", 0)
        setenv("PLPLOT_FREETYPE_MONO_FAMILY", "DejaVu Sans Mono", 0)
    }

    /// The names of PLplot's installed devices (`plgDevs`), cached. Call under the lock.
    static func availableDevices() -> [String] {
        if let d = devices { return d }
        let capacity: Int32 = 256
        var menus = [UnsafePointer<CChar>?](repeating: nil, count: Int(capacity))
        var names = [UnsafePointer<CChar>?](repeating: nil, count: Int(capacity))
        var n: Int32 = capacity
        menus.withUnsafeMutableBufferPointer { m in
            names.withUnsafeMutableBufferPointer { d in
                var mp = m.baseAddress
                var dp = d.baseAddress
                plgDevs(&mp, &dp, &n)
            }
        }
        let list = (0..<Int(max(0, min(n, capacity)))).compactMap { names[$0].map { String(cString: $0) } }
        devices = list
        return list
    }

    /// Clears the abort messages before a render. Call under the lock.
    static func resetMessages() { abortMessages.removeAll() }

    /// The abort messages of the current render. Call under the lock.
    static func messages() -> [String] { abortMessages }
}
