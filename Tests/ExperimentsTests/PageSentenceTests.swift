import Adapters
import Experiments
import Notebook
import Testing

/// Three seed values whose mean and 95% half-width are `mean` ± `halfWidth` (t = 4.303 at 2 degrees
/// of freedom): mean − d, mean, mean + d with d = halfWidth · √3 / 4.303.
func threeSeeds(_ mean: Double, _ halfWidth: Double) -> [Double] {
    let d = halfWidth * 3.0.squareRoot() / Estimate.tQuantile(degreesOfFreedom: 2)
    return [mean - d, mean, mean + d]
}

/// A method measured on 1,000 questions per seed at the page's mean ± half-width, with the page's
/// step times (ms, mean ± half-width).
@MainActor func fromPage(
    _ method: any FineTuningMethod, _ accuracy: (Double, Double), milliseconds: (Double, Double) = (10, 0)
) -> MeasuredMethod {
    let matches = threeSeeds(accuracy.0, accuracy.1).map { flags(Int(($0 * 1000).rounded()), of: 1000) }
    return measured(
        method, matchesPerSeed: matches, secondsPerStep: threeSeeds(milliseconds.0, milliseconds.1).map { $0 / 1000 })
}

/// The sentences chapter 5 writes, fed the numbers of its committed page (Chapters/05-lora.md,
/// tables 5.5.5 and 5.8.9), so that a change of wording is seen here before it is woven.
@MainActor @Suite struct PageSentenceTests {
    let full = fromPage(FullFineTuning(), (0.963, 0.060), milliseconds: (36.6, 9.4))
    let lora = fromPage(
        LoRAMethod(rank: 8, targets: LoRATarget.attention, alpha: 16), (0.635, 0.018), milliseconds: (31.8, 12.7))
    var others: [MeasuredMethod] {
        [
            fromPage(BottleneckAdapters(size: 8), (0.312, 0.030), milliseconds: (31.8, 9.0)),
            fromPage(PromptTuning(length: 8, initialTokens: [1]), (0.183, 0.018), milliseconds: (32.6, 12.3)),
            fromPage(BitFit(), (0.373, 0.051), milliseconds: (22.8, 10.8)),
            fromPage(LayerNormTuning(), (0.508, 0.106), milliseconds: (27.3, 5.8)),
            fromPage(IA3(), (0.478, 0.011), milliseconds: (33.4, 8.8)),
        ]
    }

    @Test func loraAgainstTheOtherCheapMethods() {
        let noun = StandingWords.Noun(one: "parameter-efficient method", many: "parameter-efficient methods")
        #expect(
            Verdicts.standing(lora, called: "LoRA r = 8", against: others, noun: noun)
                == "LoRA r = 8 beats every other parameter-efficient method.")
        // Had LayerNorm tuning been within noise of LoRA, it alone would be named.
        let close = fromPage(LayerNormTuning(), (0.600, 0.106))
        #expect(
            Verdicts.standing(
                lora, called: "LoRA r = 8", against: others.map { $0.name == close.name ? close : $0 }, noun: noun)
                == "LoRA r = 8 is within noise of LayerNorm tuning and beats every other parameter-efficient method.")
    }

    @Test func everyMethodAgainstFullFineTuning() {
        #expect(
            Verdicts.shortfall(of: [full, lora] + others, against: full)
                == "Every other method falls short of full fine-tuning.")
        let level = fromPage(LoRAMethod(rank: 64, targets: LoRATarget.attention, alpha: 16), (0.95, 0.03))
        #expect(
            Verdicts.shortfall(of: [full, level, lora] + others, against: full)
                == "LoRA r = 64 (q,k,v,o) is within noise of full fine-tuning; every other method falls short of it.")
    }

    /// Table 5.6.7: every rank falls short of full fine-tuning (was "r = 1 falls short of it (…); r = 8 falls
    /// short of it (…); r = 64 falls short of it (…)").
    @Test func ranksAgainstFullFineTuning() {
        let words = RankSweepWords(
            ranks: [
                (1, Estimate(threeSeeds(0.250, 0.117))), (8, Estimate(threeSeeds(0.371, 0.401))),
                (64, Estimate(threeSeeds(0.658, 0.279))),
            ], full: Estimate(threeSeeds(0.996, 0.009)), steps: 300)
        #expect(words.againstFull == "every rank falls short of it")
        #expect(words.neighbours == ["r = 8 is within noise of r = 1", "r = 64 is within noise of r = 8"])
    }

    @Test func theFastestStep() {
        #expect(
            Verdicts.fastest([full, lora] + others)
                == "BitFit (biases) has the fastest step (22.8 ms), and every other method is within the seeds' noise of it."
        )
        let slow = fromPage(FullFineTuning(), (0.963, 0.060), milliseconds: (90, 1))
        #expect(
            Verdicts.fastest([slow, lora] + others)
                == "BitFit (biases) has the fastest step (22.8 ms), and full fine-tuning is slower than it; every other "
                + "method is within the seeds' noise of it.")
    }
}
