import Foundation
import Testing
@testable import ChorusRecords

@Suite("JSON documents through Encodable")
struct JSONFileTests {
    struct Doc: Codable, Equatable {
        var zeta: Double
        var alpha: [String]
        @ExplicitNull var missing: Double?
        @ExplicitNull var present: Int?
    }

    @Test("Sorted keys, explicit nulls, shortest numbers, and a round trip")
    func roundTrip() throws {
        let d = Doc(zeta: 0.1 + 0.2, alpha: ["a/b", "\"q\""], missing: nil, present: 3)
        let compact = try JSONFile.text(d, pretty: false)
        #expect(compact == #"{"alpha":["a/b","\"q\""],"missing":null,"present":3,"zeta":0.30000000000000004}"# + "\n")
        let pretty = try JSONFile.text(d)
        #expect(pretty.hasPrefix("{\n  \"alpha\" : [") && pretty.hasSuffix("}\n"))
        #expect(try JSONDecoder().decode(Doc.self, from: Data(compact.utf8)) == d)
        #expect(try JSONDecoder().decode(Doc.self, from: Data(pretty.utf8)) == d)
        // A missing key reads as nil, like null.
        let short = try JSONDecoder().decode(Doc.self, from: Data(#"{"alpha":[],"zeta":1}"#.utf8))
        #expect(short.missing == nil && short.present == nil)
    }

    @Test("Non-finite numbers are refused, or written as null through JSONFile.finite")
    func nonFinite() throws {
        #expect(throws: EncodingError.self) { try JSONFile.text(Doc(zeta: .nan, alpha: [], missing: nil, present: nil)) }
        let d = Doc(zeta: 1, alpha: [], missing: JSONFile.finite(.infinity), present: nil)
        #expect(try JSONFile.text(d, pretty: false).contains(#""missing":null"#))
        #expect(JSONFile.finite(2.5) == 2.5 && JSONFile.finite(nil) == nil && JSONFile.finite(-.infinity) == nil)
    }
}
