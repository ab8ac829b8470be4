import Foundation
import Testing

/// The committed pages read as a person writes: no generated sentence compares with an empty
/// list ("is within noise of none", "beats none").
struct PageVoiceTests {
    static let emptyComparisons = [
        "of none", "to none", "beats none", "matches none", "short of none", "noise of none", "than none",
    ]

    /// The phrases found in `text`, for the test and its wrong-answer check.
    static func emptyComparisons(in text: String) -> [String] {
        emptyComparisons.filter { text.localizedCaseInsensitiveContains($0) }
    }

    @Test func noPageComparesWithNothing() throws {
        for page in try BookListingsTests.committedPages() {
            let text = try String(contentsOf: page, encoding: .utf8)
            #expect(Self.emptyComparisons(in: text).isEmpty, "\(page.lastPathComponent)")
        }
    }

    /// The check itself catches the sentence the reviewer quoted.
    @Test func theOldSentenceIsCaught() {
        let old = "LoRA r = 8 beats BitFit (biases); is within noise of none; falls short of none."
        #expect(Self.emptyComparisons(in: old) == ["of none", "short of none", "noise of none"])
        #expect(Self.emptyComparisons(in: "LoRA r = 8 beats every other method.").isEmpty)
    }
}
