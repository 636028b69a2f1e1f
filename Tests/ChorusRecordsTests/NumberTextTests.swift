import Testing
import Foundation
@testable import ChorusRecords

@Suite("One number format for data files")
struct NumberTextTests {
    /// SplitMix64 (Steele, Lea & Flood 2014): a fixed-seed source of bit patterns.
    struct SplitMix { var s: UInt64; mutating func next() -> UInt64 {
        s &+= 0x9e3779b97f4a7c15; var z = s
        z = (z ^ (z >> 30)) &* 0xbf58476d1ce4e5b9; z = (z ^ (z >> 27)) &* 0x94d049bb133111eb; return z ^ (z >> 31)
    } }

    static let edges: [Double] = [0, -0.0, 1, -1, 0.1, 0.2 + 0.1, 1e15, 1e15 - 1, -1e15, 1e16, 2e22, 1.0 / 3,
                                  .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude,
                                  .leastNormalMagnitude.nextDown, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
                                  Double(Int64.max), 9007199254740994, 123456.789e-310]

    @Test("parse(cell(x)) == x bit for bit: random bit patterns, random subnormals, edge cases")
    func roundTrip() {
        var g = SplitMix(s: 20261202)
        var values = NumberTextTests.edges
        for _ in 0..<20_000 { values.append(Double(bitPattern: g.next())) }
        // Subnormals: exponent bits zero, random significand and sign.
        for _ in 0..<5_000 { values.append(Double(bitPattern: g.next() & 0x800F_FFFF_FFFF_FFFF)) }
        var finite = 0
        for x in values where x.isFinite {
            finite += 1
            let c = NumberText.cell(x)
            #expect(NumberText.parseCell(c)?.bitPattern == x.bitPattern, "\(x.bitPattern): \(c)")
            // JSON and the shortest form are the same text for finite numbers.
            #expect(NumberText.json(x) == c)
            #expect(TidyTable.format(x) == c)
        }
        #expect(finite > 20_000)
    }

    @Test("Integral values have no fraction; the text is the shortest")
    func shape() {
        #expect(NumberText.cell(2) == "2")
        #expect(NumberText.cell(-0.0) == "-0")
        #expect(NumberText.cell(0.1) == "0.1")
        #expect(NumberText.cell(0.1 + 0.2) == "0.30000000000000004")
        #expect(NumberText.cell(1e16) == "1e+16")
        #expect(NumberText.cell(.leastNonzeroMagnitude) == "5e-324")
        // %.4g would have written 0.3333 and lost the value.
        #expect(NumberText.cell(1.0 / 3) == "0.3333333333333333")
    }

    @Test("NaN and infinities: NA, Inf, -Inf in tables, null in JSON (docs/formats.md)")
    func nonFinite() {
        #expect(NumberText.cell(.nan) == "NA")
        #expect(NumberText.cell(.infinity) == "Inf")
        #expect(NumberText.cell(-.infinity) == "-Inf")
        #expect(NumberText.json(.nan) == "null" && NumberText.json(.infinity) == "null" && NumberText.json(-.infinity) == "null")
        #expect(NumberText.parseCell("NA")!.isNaN)
        #expect(NumberText.parseCell("")!.isNaN)
        #expect(NumberText.parseCell("Inf") == .infinity)
        #expect(NumberText.parseCell("-Inf") == -.infinity)
        // Swift's own spellings and junk are not numbers in a cell.
        #expect(NumberText.parseCell("nan") == nil)
        #expect(NumberText.parseCell("inf") == nil)
        #expect(NumberText.parseCell("1,5") == nil)
        #expect(NumberText.parseCell("abc") == nil)
    }
}
