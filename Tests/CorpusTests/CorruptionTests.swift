import Randomness
import Testing

@testable import Corpus

// MARK: - Typical corruptions are rejected

@Suite struct CorruptionTests {
    @Test func handMadeCorruptionsAreRejected() {
        let bad = [
            "Mia a had shiny key.",  // swapped words
            "Mia had shiny key.",  // a missing word
            "Mia had a the park.",  // a wrong-class word
            "Mia had a shiny zebra.",  // an unknown word
            "Mia had a shiny key",  // no final punctuation
            "Mia had a shiny key she went to the park.",  // two sentences glued
            "mia had a shiny key.",  // a name in lower case
            "she went to the forest.",  // no capital
            "One day, She went to the forest.",  // a stray capital
            "Mia had a shiny key..",  // doubled mark
            #"Tom said, "Thank you, Mia!"#,  // an unclosed quote
            "Once upon a time, there was a little girl named.",  // missing name
            "In the end, Mia was ball.",  // a noun where a feeling goes
            "",  // nothing
            ".",  // only a mark
        ]
        for sentence in bad {
            #expect(!StoryWorld.isGrammatical(sentence), "accepted: \(sentence)")
        }
    }

    /// Generated sentences with one corruption applied, deterministically.
    private func corrupted(_ corrupt: ([String], inout SplitMix64) -> [String]?) -> (rejected: Int, total: Int) {
        var random = SplitMix64(seed: 99)
        var rejected = 0
        var total = 0
        for sentence in StoryCorpus.stories(count: 300, seed: 31).flatMap(\.sentences) {
            let tokens = SentenceTokens.split(sentence)
            guard let changed = corrupt(tokens, &random) else { continue }
            total += 1
            if !StoryWorld.isGrammatical(changed.joined(separator: " ")) { rejected += 1 }
        }
        return (rejected, total)
    }

    @Test func swappingTwoAdjacentDifferentWordsIsRejected() {
        let result = corrupted { tokens, random in
            let words = tokens.indices.dropLast().filter {
                tokens[$0].first!.isLetter && tokens[$0 + 1].first!.isLetter && tokens[$0] != tokens[$0 + 1]
            }
            guard !words.isEmpty else { return nil }
            let index = words[random.next(below: words.count)]
            var swapped = tokens
            swapped.swapAt(index, index + 1)
            return swapped
        }
        #expect(result.total > 2_000)
        #expect(result.rejected == result.total, "\(result.total - result.rejected) swaps accepted")
    }

    @Test func droppingAWordIsAlmostAlwaysRejected() {
        // Not always: "was very happy" without "very" is still a sentence of the world.
        let result = corrupted { tokens, random in
            let words = tokens.indices.filter { tokens[$0].first!.isLetter }
            var dropped = tokens
            dropped.remove(at: words[random.next(below: words.count)])
            return dropped
        }
        #expect(Double(result.rejected) / Double(result.total) > 0.95)
    }

    @Test func anUnknownWordIsAlwaysRejected() {
        let result = corrupted { tokens, random in
            let words = tokens.indices.filter { tokens[$0].first!.isLetter }
            var changed = tokens
            changed[words[random.next(below: words.count)]] = "zebra"
            return changed
        }
        #expect(result.rejected == result.total)
    }

    @Test func droppingTheFinalMarkIsAlwaysRejected() {
        let result = corrupted { tokens, _ in
            var changed = tokens
            if changed.last == "\"" { changed.removeLast() }
            changed.removeLast()
            return changed
        }
        #expect(result.rejected == result.total)
    }

    @Test func gluingTwoSentencesIsAlwaysRejected() {
        let sentences = StoryCorpus.stories(count: 100, seed: 32).flatMap(\.sentences)
        for (first, second) in zip(sentences, sentences.dropFirst()) where !first.hasSuffix("\"") {
            let secondTokens = SentenceTokens.split(second)
            // The second sentence's first word loses its capital, as if the sentences ran on.
            let opening = SentenceTokens.canonicalized(secondTokens)!.first!
            let glued = String(first.dropLast()) + " " + opening + second.dropFirst(secondTokens[0].count)
            #expect(!StoryWorld.isGrammatical(glued), "accepted: \(glued)")
        }
    }
}

/// The tests' own choices come from the book's one generator, seeded apart from the one under test.
extension SplitMix64 {
    /// Uniform in `0..<bound`, by the remainder (bias of order bound/2⁶⁴: irrelevant here).
    mutating func next(below bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
