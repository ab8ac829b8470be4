import Testing

@testable import Notebook

/// The word chapter 2 uses to place one layer's accuracy against the no-lookup guess.
struct LevelWordTests {
    @Test func closeValuesAreLevel() {
        #expect(Comparison.level(0.41, against: 0.40, close: 0.03) == "about level with")
        #expect(Comparison.level(0.38, against: 0.40, close: 0.03) == "about level with")
    }

    @Test func gapsBeyondCloseChooseTheDirection() {
        #expect(Comparison.level(0.50, against: 0.40, close: 0.03) == "above")
        #expect(Comparison.level(0.30, against: 0.40, close: 0.03) == "below")
        // The wrong answer: a clear gain must not read as level, nor a loss as "above".
        #expect(Comparison.level(0.50, against: 0.40, close: 0.03) != "about level with")
        #expect(Comparison.level(0.30, against: 0.40, close: 0.03) != "above")
    }

    @Test func theBoundaryIsNotLevel() {
        // A gap of exactly `close` is no longer level (the test is strict).
        #expect(Comparison.level(0.5, against: 0.25, close: 0.25) == "above")
    }
}
