import Testing

@testable import Transformers

/// Whether two outputs differ by rounding only, on both sides of the bound.
struct RoundingWordsTests {
    @Test func theBoundScalesWithTermsAndMagnitude() {
        let bound = AttentionPatterns.roundingBound(terms: 8, rows: [[0.5, -2], [1, 0]])
        #expect(bound == 8 * Double(Float.ulpOfOne) * 2)
    }

    @Test func aDifferenceWithinTheBoundIsRounding() {
        #expect(AttentionPatterns.reorderingWords(difference: 1e-7, bound: 2e-6).hasPrefix("the same up to rounding"))
    }

    @Test func aDifferenceAboveTheBoundIsNot() {
        #expect(AttentionPatterns.reorderingWords(difference: 0.3, bound: 2e-6).hasPrefix("not a reordering"))
    }
}
