import Testing

@testable import Transformers

/// The measurements chapter 2 reads off attention, on cases worked by hand.
struct AttentionPatternTests {
    @Test func aPermutedCopyHasNoReorderingGap() {
        let plain: [[Double]] = [[1, 2], [3, 4], [5, 6]]
        let reversed = Array(plain.reversed())
        #expect(AttentionPatterns.reorderingGap(plain: plain, shuffled: reversed, permutation: [2, 1, 0]) == 0)
        // Not a reordering: the unpermuted rows read against the reversal differ by 4.
        #expect(AttentionPatterns.reorderingGap(plain: plain, shuffled: plain, permutation: [2, 1, 0]) == 4)
    }

    @Test func spreadLeavesOutTheFirstRow() {
        #expect(AttentionPatterns.spreadAfterFirst([[9, 9], [1, 1], [1, 1.5]]) == 0.5)
    }

    @Test func lookBackWeightOnAFixedOffset() {
        // Rows 2 and 3 put 0.75 and 0.25 on the key two back.
        let weights: [[Double]] = [[1, 0, 0, 0], [0.5, 0.5, 0, 0], [0.75, 0, 0.25, 0], [0, 0.25, 0.5, 0.25]]
        #expect(AttentionPatterns.meanWeight(weights, offset: 2, from: 2) == 0.5)
    }
}
