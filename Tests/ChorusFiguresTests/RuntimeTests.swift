import CPLplot
import Foundation
import Testing
import ChorusTestSupport
@testable import ChorusFigures

@Suite("PLplot runtime")
struct RuntimeTests {
    @Test("The cairo devices are found through plgDevs")
    func devices() {
        let devices = PLplotRuntime.withLock { PLplotRuntime.availableDevices() }
        for f in FigureFormat.allCases { #expect(devices.contains(f.device), "\(f.device) missing from \(devices)") }
        #expect(!devices.contains("no-such-device"))
    }

    @Test("PLplot's recoverable errors reach the abort handler instead of passing silently")
    func abortHandler() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("x.svg").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let messages: [String] = PLplotRuntime.withLock {
            PLplotRuntime.resetMessages()
            var stream: Int32 = -1
            c_plmkstrm(&stream)
            c_plsdev("svgcairo")
            c_plsfnam(path)
            c_plinit()
            c_pladv(0)
            c_plsvpa(10, 5, 10, 5) // inverted limits: plabort
            c_plend1()
            return PLplotRuntime.messages()
        }
        #expect(messages.contains { $0.contains("plsvpa") })
    }
}
