import Testing

@testable import Notebook

/// The words of chapter 3's scaling paragraph, on real-looking losses and exponents.
struct ScalingWordsTests {
    @Test func fallingLossesReadAsOrdered() {
        #expect(
            ScalingWords.ordering(finalLosses: [2.1, 1.9, 1.9, 1.7])
                == "each wider model ends lower than the narrower ones")
    }

    @Test func oneRiseBreaksTheOrder() {
        // The wrong answer would be to call this ordered: the third width ends higher.
        #expect(
            ScalingWords.ordering(finalLosses: [2.1, 1.9, 2.0, 1.7])
                == "the final losses do not fall with every step in width")
    }

    @Test func steepnessAgainstKaplan() {
        #expect(ScalingWords.steepness(exponent: 0.08, against: 0.050) == "steeper than")
        #expect(ScalingWords.steepness(exponent: 0.03, against: 0.050) == "no steeper than")
        #expect(ScalingWords.steepness(exponent: 0.050, against: 0.050) == "no steeper than")
    }
}
