import Testing

@testable import Tokenization

/// What a page may say of the merge counts, on both sides of each choice.
struct MergeCountTrendTests {
    @Test func tiesAreCountedAndNamed() {
        let trend = MergeCountTrend([9, 7, 7, 4, 4, 4])
        #expect(trend.ties == 3 && trend.falls == 2 && trend.rises == 0)
        #expect(trend.words.hasPrefix("Each merge is no more frequent than the one before: 3 of the 5"))
    }

    @Test func strictlyFallingCountsAreRarerEachTime() {
        #expect(MergeCountTrend([9, 7, 4]).words == "Each merge is rarer than the one before")
    }

    /// A wrong premise is not papered over: a rise is reported.
    @Test func aRiseIsReported() {
        let trend = MergeCountTrend([9, 10, 4])
        #expect(trend.rises == 1)
        #expect(trend.words.contains("1 of the 2 consecutive merges rise"))
    }

    @Test func oneMergeHasNothingToCompare() {
        #expect(MergeCountTrend([5]).steps == 0)
    }

    /// The trainer's own counts never rise, on real text.
    @Test func aTrainedTokenizersCountsNeverRise() {
        let text = String(repeating: "the cat sat on the mat and the dog sat on the log. ", count: 40)
        let tokenizer = BytePairTokenizer.train(on: text, vocabularySize: 320, pretokenizer: .gpt2)
        #expect(MergeCountTrend(tokenizer.mergeCounts).rises == 0)
    }
}
