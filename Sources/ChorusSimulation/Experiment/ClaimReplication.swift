import Foundation
import ChorusStats

/// A claim judged on K disjoint blocks of seeds: how often it holds, and its effect sizes on all
/// seeds pooled (docs/model.md §10).
public struct ReplicatedClaim: Sendable {
    /// The claim evaluated on every seed together (its effects are the pooled effect sizes).
    public var pooled: ClaimResult
    /// Whether the claim holds on each block, in block order.
    public var blockHolds: [Bool]
    /// The claim's number, 1–6.
    public var number: Int { pooled.number }
    /// The number of blocks on which the claim holds.
    public var held: Int { blockHolds.filter { $0 }.count }
    /// held / K.
    public var holdRate: Double { blockHolds.isEmpty ? 0 : Double(held) / Double(blockHolds.count) }
}

/// Replication of the claims over disjoint seed blocks.
///
/// One verdict on one set of seeds is a coin whose bias is the claim's power; a hold rate over
/// disjoint blocks (default 10 blocks of 50 seeds) estimates that power directly and shows a
/// reader how often a study of one block's size would see the claim.
public enum ClaimReplication {
    /// Splits seeds into `count` consecutive blocks of `size` (the seeds' order is kept).
    /// - Precondition: seeds.count == count · size.
    public static func blocks(_ seeds: [UInt64], count: Int, size: Int) -> [[UInt64]] {
        precondition(seeds.count == count * size, "seeds must fill the blocks")
        return (0..<count).map { Array(seeds[($0 * size)..<(($0 + 1) * size)]) }
    }

    /// The seeds of K blocks of B: offset + 1 … offset + K·B.
    public static func seeds(blocks k: Int, size b: Int, offset: UInt64) -> [UInt64] {
        (1...UInt64(k * b)).map { offset + $0 }
    }

    /// Evaluates the claims on each block and on all seeds pooled.
    /// - Complexity: O(rows · (K + 1)).
    /// The pooled summary and every block's are made in one pass over the rows
    /// (`ExperimentResult.summarize(_:parts:part:)`), each equal to the summary of its rows alone.
    public static func evaluate(_ result: ExperimentResult, blocks: [[UInt64]]) -> [ReplicatedClaim] {
        var blockOf: [UInt64: Int] = [:]
        for (i, b) in blocks.enumerated() { for s in b { blockOf[s] = i } }
        // Part 0: all rows (the pooled claims); part i + 1: block i. A row belongs to two parts,
        // so the pass is made twice over the same rows: once pooled, once split by block.
        let pooledSummary = ExperimentResult.summarize(result.rows, parts: 1) { _ in 0 }[0]
        var lastSeed: UInt64? = nil, lastBlock: Int? = nil
        let blockSummaries = ExperimentResult.summarize(result.rows, parts: blocks.count) { r in
            if r.seed != lastSeed { lastSeed = r.seed; lastBlock = blockOf[r.seed] }
            return lastBlock
        }
        let pooled = Claims.evaluate(pooledSummary)
        var holds = [[Bool]](repeating: [], count: pooled.count)
        for summary in blockSummaries {
            for (i, c) in Claims.evaluate(summary).enumerated() { holds[i].append(c.holds) }
        }
        return pooled.enumerated().map { ReplicatedClaim(pooled: $1, blockHolds: holds[$0]) }
    }
}
