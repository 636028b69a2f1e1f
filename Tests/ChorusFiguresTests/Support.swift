import Foundation
@testable import ChorusFigures

/// A fresh temporary folder for one test.
func temporaryFolder(_ name: String = #function) throws -> URL {
    let safe = name.filter { $0.isLetter || $0.isNumber }
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("chorus-figures-\(safe)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The (width, height) of a PNG from its IHDR chunk, or nil if the bytes are not a PNG.
func pngSize(_ data: Data) -> (width: Int, height: Int)? {
    let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    let b = [UInt8](data.prefix(24))
    guard b.count == 24, Array(b[0..<8]) == signature, Array(b[12..<16]) == Array("IHDR".utf8) else { return nil }
    func be32(_ i: Int) -> Int { Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3]) }
    return (be32(16), be32(20))
}

/// A small chart of every kind of element: bands, a NaN gap, markers, a reference line.
func sampleChart(title: String = "Sample") -> LineChart {
    let x = (1...20).map(Double.init)
    var chart = LineChart(title: title, xLabel: "iteration", yLabel: "accuracy")
    chart.series.append(Series("multiagent", x: x, y: x.map { 0.5 + 0.01 * $0 },
                               lower: x.map { 0.47 + 0.01 * $0 }, upper: x.map { 0.53 + 0.01 * $0 }))
    var y2 = x.map { 0.55 - 0.004 * $0 }
    y2[7] = .nan
    chart.series.append(Series("single-agent", x: x, y: y2, lineStyle: .dashed, marker: .square))
    chart.references.append(.horizontal(0.5, label: "base"))
    return chart
}
