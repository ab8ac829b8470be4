import Testing

@testable import LinearAlgebra

/// The bands chapter 4's sentence on ΔW's energy is chosen from.
struct ConcentrationWordsTests {
    @Test func againstTheWeight() {
        #expect(ConcentrationWords.againstWeight(0.30) == "far more concentrated than the weight's")
        #expect(ConcentrationWords.againstWeight(0.10) == "more concentrated than the weight's")
        #expect(ConcentrationWords.againstWeight(0.01) == "no more concentrated than the weight's")
        // The wrong answer: a less concentrated update must not read as more concentrated.
        #expect(ConcentrationWords.againstWeight(-0.30) == "no more concentrated than the weight's")
    }

    @Test func againstTheControl() {
        #expect(ConcentrationWords.againstControl(0.02) == "about as concentrated as")
        #expect(ConcentrationWords.againstControl(-0.02) == "about as concentrated as")
        #expect(ConcentrationWords.againstControl(0.10) == "more concentrated than")
        #expect(ConcentrationWords.againstControl(-0.10) == "less concentrated than")
        #expect(ConcentrationWords.againstControl(-0.10) != "more concentrated than")
    }
}
