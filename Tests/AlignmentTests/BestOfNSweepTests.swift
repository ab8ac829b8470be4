import Alignment
import Foundation
import TestSupport
import Testing

@Suite struct BestOfNSweepTests {
    /// Two requests, three candidates each: the learned reward's favourite is not always the truly best.
    let sweep = BestOfNSweep(
        largestN: 3, requests: 2, scores: [0.1, 0.9, 0.5, 0.7, 0.2, 0.8],
        trueRewards: [1, 2, 3, 4, 5, 6])

    @Test func keepsTheBestScoredOfEachRequestsFirstN() {
        #expect((1...3).map { sweep.chosen(0, n: $0) } == [0, 1, 1])
        // Request 1's candidates are 3, 4, 5: n = 2 keeps 3 (0.7 over 0.2), n = 3 keeps 5 (0.8).
        #expect((1...3).map { sweep.chosen(1, n: $0) } == [3, 3, 5])
        // Never the truly best of request 0 (candidate 2): best-of-n sees only the learned reward.
        #expect(sweep.chosen(0, n: 3) != 2)
    }

    @Test func rowsAverageTheKeptAnswersAndCarryTheAnalyticBound() {
        let rows = sweep.rows([1, 2, 3])
        #expect(rows.map(\.n) == [1, 2, 3])
        #expect(rows.map(\.trueReward) == [2.5, 3, 4])
        for (row, expected) in zip(rows, [0.4, 0.8, 0.85]) {
            #expect(isClose(row.learned, expected, tolerance: 1e-6))
        }
        #expect(rows[0].kl == 0)
        #expect(isClose(rows[2].kl, log(3) - 2.0 / 3, tolerance: 1e-12))
    }
}
