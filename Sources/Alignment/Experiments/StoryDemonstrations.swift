import Corpus
import Tasks

// MARK: - Chapter 7's demonstrations and its example story

extension ChatFormat {
    /// Up to `count` demonstrations: each request answered by the story it came from, cut to
    /// 2–7 sentences (cycling) so prompt and answer fit `contextLength` tokens, and so the
    /// policy tuned on them writes stories of every length. Drawn from 2·`count` stories of
    /// `seed`; those that do not fit are skipped.
    public func storyDemonstrations(count: Int, seed: UInt64, contextLength: Int) -> [TaskExample] {
        Array(
            StoryRequests.examples(count: 2 * count, seed: seed)
                .enumerated()
                .map { index, pair in
                    demonstration(pair.0, story: pair.1.abridged(toSentences: 2 + index % 6).joined(separator: " "))
                }
                .filter { $0.tokens.count <= contextLength }
                .prefix(count))
    }
}

extension StoryRequests {
    /// A story a person who likes happy endings does NOT find perfect: of 50 stories of `seed`,
    /// the first that ends sadly, cut to six sentences — so the ending and the length visibly
    /// cost points; the first story if none ends sadly.
    public static func sadExample(seed: UInt64) -> (request: StoryRequest, text: String) {
        let cut = examples(count: 50, seed: seed).map { ($0.0, $0.1.abridged(toSentences: 6).joined(separator: " ")) }
        return cut.first { StoryFeatures(of: $0.1, for: $0.0).ending < 0 } ?? cut[0]
    }
}
