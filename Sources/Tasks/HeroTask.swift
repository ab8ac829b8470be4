import Corpus
import Engine
import Tokenization
import Transformers

// MARK: - A small task the pretrained model has never seen, shared by chapters 4 and 6

/// After each story, one new sentence: "The hero was NAME." — a line the pretraining text never
/// contains, which needs the model to look back for the story's hero. Chapter 4 studies the
/// update that fine-tuning on it makes; chapter 6 fine-tunes a 4-bit model on it.
public enum HeroTask {
    /// Stories each followed by "The hero was NAME." and `<|endoftext|>`, as training text.
    public static func data(tokenizer: BytePairTokenizer, stories count: Int, seed: UInt64) -> LanguageModelData {
        let endOfText = tokenizer.id(ofSpecialToken: BytePairTokenizer.endOfText).map { [$0] } ?? []
        let tokens = StoryCorpus.stories(count: count, seed: seed).flatMap {
            tokenizer.encode($0.text + " The hero was \($0.heroName).", allowingSpecialTokens: false) + endOfText
        }
        return LanguageModelData(tokens: tokens, validationFraction: 0.1)
    }

    /// How often greedy decoding after "… The hero was" names the story's hero, on `count` new
    /// stories whose text fits the context (the others count as wrong).
    public static func accuracy(
        of model: GPT, tokenizer: BytePairTokenizer, stories count: Int,
        seed: UInt64
    ) -> Double {
        var rng = SplitMix64(seed: 0)  // greedy: nothing is drawn
        let correct = StoryCorpus.stories(count: count, seed: seed).filter { story in
            let prompt = tokenizer.encode(story.text + " The hero was", allowingSpecialTokens: false)
            guard prompt.count < model.config.contextLength - 2 else { return false }
            let answer = model.generate(prompt: prompt, maxNewTokens: 1, options: .greedy, rng: &rng)
            return tokenizer.decode(answer).trimmingCharacters(in: .whitespaces) == story.heroName
        }.count
        return Double(correct) / Double(max(count, 1))
    }
}
