import Testing
import Foundation
import ChorusStats

/// The GSL symmetric eigen-solver wrapper.
@Suite("Symmetric eigen-decomposition")
struct SymmetricEigenTests {
    @Test func handExamples() throws {
        let v = try SymmetricEigen.eigenvalues(matrix: [[2, 1], [1, 2]])
        #expect(abs(v[0] - 3) < 1e-14 && abs(v[1] - 1) < 1e-14)
        #expect(try SymmetricEigen.eigenvalues(matrix: [[1, 0, 0], [0, 5, 0], [0, 0, -2]]) == [5, 1, -2])
        #expect(try SymmetricEigen.eigenvalues(matrix: [[7]]) == [7])
    }

    /// Random symmetric 8×8 matrices: trace and Frobenius norm are kept, A = V Λ Vᵀ, V orthonormal.
    @Test func randomMatricesDecomposeExactly() throws {
        var g = testGenerator("eigen-random")
        for _ in 0..<20 {
            let n = 8
            var a = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
            for i in 0..<n { for j in 0...i { let x = try Sample.normal(using: &g); a[i][j] = x; a[j][i] = x } }
            let d = try SymmetricEigen.decompose(matrix: a)
            #expect(zip(d.values, d.values.dropFirst()).allSatisfy { $0 >= $1 })
            let valuesOnly = try SymmetricEigen.eigenvalues(matrix: a)
            #expect(zip(valuesOnly, d.values).allSatisfy { abs($0 - $1) < 1e-12 })
            let trace = (0..<n).reduce(0.0) { $0 + a[$1][$1] }
            #expect(abs(d.values.reduce(0, +) - trace) < 1e-12)
            let frob = a.joined().reduce(0.0) { $0 + $1 * $1 }
            #expect(abs(d.values.reduce(0.0) { $0 + $1 * $1 } - frob) < 1e-11)
            for i in 0..<n {
                for j in 0..<n {
                    let rebuilt = (0..<n).reduce(0.0) { $0 + d.vectors[$1][i] * d.values[$1] * d.vectors[$1][j] }
                    #expect(abs(rebuilt - a[i][j]) < 1e-12)
                    let dot = (0..<n).reduce(0.0) { $0 + d.vectors[i][$1] * d.vectors[j][$1] }
                    #expect(abs(dot - (i == j ? 1 : 0)) < 1e-12)
                }
            }
        }
    }

    /// The Vendi-score use: identical items (K = all ones) give one eigenvalue n of K, distinct
    /// orthogonal items (K = I) give n eigenvalues 1; exp(entropy of λ/n) is 1 and n.
    @Test func vendiScoreLimits() throws {
        let n = 5
        let ones = [[Double]](repeating: [Double](repeating: 1, count: n), count: n)
        let identity = (0..<n).map { i in (0..<n).map { $0 == i ? 1.0 : 0.0 } }
        func vendi(_ k: [[Double]]) throws -> Double {
            let l = try SymmetricEigen.eigenvalues(matrix: k).map { max(0, $0) / Double(n) }
            return exp(l.reduce(0) { $1 > 0 ? $0 - $1 * log($1) : $0 })
        }
        #expect(abs(try vendi(ones) - 1) < 1e-12)
        #expect(abs(try vendi(identity) - Double(n)) < 1e-12)
    }

    @Test func badMatricesAreTypedErrors() {
        #expect(thrownKind { try SymmetricEigen.eigenvalues(matrix: []) } == "sizeMismatch")
        #expect(thrownKind { try SymmetricEigen.eigenvalues(matrix: [[1, 2], [2]]) } == "sizeMismatch")
        #expect(thrownKind { try SymmetricEigen.eigenvalues(matrix: [[1, 2, 3], [2, 1, 3]]) } == "sizeMismatch")
        #expect(thrownKind { try SymmetricEigen.eigenvalues(matrix: [[1, 2], [2.1, 1]]) } == "invalidParameter")
        #expect(thrownKind { try SymmetricEigen.decompose(matrix: [[1, .nan], [.nan, 1]]) } == "invalidParameter")
    }
}
