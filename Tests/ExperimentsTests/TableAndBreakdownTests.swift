import Adapters
import Corpus
import Engine
import Experiments
import Notebook
import Testing
import Transformers

/// A measured method whose seeds scored `accuracies` on `matches.count` questions (the first
/// share of each seed's questions right), with a tiny model standing in for the trained one.
@MainActor func measured(
    _ method: any FineTuningMethod, matchesPerSeed: [[Bool]], rate: Float = 1e-3,
    peakBytes: Int = 1, trainable: Int = 1, secondsPerStep: [Double]? = nil
) -> MeasuredMethod {
    var rng = SplitMix64(seed: 1)
    let model = GPT(config: GPTConfig(vocabularySize: 8, contextLength: 4, width: 8, heads: 2, layers: 1), rng: &rng)
    let outcomes = matchesPerSeed.enumerated().map { seed, matches in
        FineTuningOutcome(
            matches: matches, losses: matches.map { $0 ? 0.1 : 2 }, secondsPerStep: secondsPerStep?[seed] ?? 0.01,
            peakBytes: peakBytes,
            optimizerStateBytes: 0, budget: ParameterBudget(total: 10, trainable: trainable), curve: [1],
            model: model, extra: nil)
    }
    return MeasuredMethod(method: method, rate: rate, outcomes: outcomes)
}

func flags(_ right: Int, of count: Int) -> [Bool] { (0..<count).map { $0 < right } }

@MainActor @Suite struct BreakdownTests {
    @Test func kindBreakdownSaysWhereTheBestMethodBeatsTheMajority() {
        // Two kinds only carry questions: places (all right) and objects (all wrong), 10 each.
        let kinds: [StoryQuestionKind] = Array(repeating: .place, count: 10) + Array(repeating: .object, count: 10)
        let seeds = (0..<3).map { _ in Array(repeating: true, count: 10) + Array(repeating: false, count: 10) }
        let method = measured(FullFineTuning(), matchesPerSeed: seeds)
        var majority: [StoryQuestionKind: Double] = [:]
        for kind in StoryQuestionKind.allCases { majority[kind] = 0.2 }
        let breakdown = KindBreakdown(
            methods: [method], testKinds: kinds, untunedMatches: Array(repeating: false, count: 20),
            majorityAnswer: [:], majorityShare: majority)
        #expect(breakdown.kindsWon == [StoryQuestionKind.place.title])
        #expect(breakdown.kindsNotWon.contains(StoryQuestionKind.object.title))
        #expect(!breakdown.someRunLearned)  // no run of objects is 10 points above the majority
        // Four kinds not won (three carry no questions): counted, not listed.
        #expect(
            breakdown.verdict(steps: 300).hasPrefix(
                "The best method of each kind beats it on 1 of 5 kinds, but not on the other four."))
        #expect(!breakdown.verdict(steps: 300).contains("none"))
        // No kind won: said so, not "beats it on 0 of 5 kinds".
        let lost = KindBreakdown(
            methods: [measured(BitFit(), matchesPerSeed: (0..<3).map { _ in Array(repeating: false, count: 20) })],
            testKinds: kinds, untunedMatches: Array(repeating: false, count: 20), majorityAnswer: [:],
            majorityShare: majority)
        #expect(lost.verdict(steps: 300).hasPrefix("On no kind of the 5 does the best method beat it"))
    }

    @Test func scalingComparisonReadsEachRankBothWays() {
        let root = measured(
            LoRAMethod(rank: 8, targets: [.query], alpha: 16, scaling: .rankStabilized),
            matchesPerSeed: [flags(9, of: 10), flags(9, of: 10), flags(8, of: 10)])
        let linear = measured(
            LoRAMethod(rank: 8, targets: [.query], alpha: 16),
            matchesPerSeed: [flags(1, of: 10), flags(1, of: 10), flags(2, of: 10)])
        let one = measured(
            LoRAMethod(rank: 1, targets: [.query], alpha: 16, scaling: .rankStabilized),
            matchesPerSeed: [flags(5, of: 10), flags(5, of: 10), flags(5, of: 10)])
        let comparison = ScalingComparison(alpha: 16, rootScaled: [(1, one), (8, root)], linearScaled: [8: linear])
        #expect(comparison.verdicts == ["at r = 8, α/r falls short of α/√r"])
        #expect(comparison.summary == "at r = 8, α/r falls short of α/√r")
        #expect(comparison.table.rows[0].last == "the same run")
        let sixtyFour = measured(
            LoRAMethod(rank: 64, targets: [.query], alpha: 16, scaling: .rankStabilized),
            matchesPerSeed: [flags(9, of: 10), flags(9, of: 10), flags(8, of: 10)])
        let both = ScalingComparison(
            alpha: 16, rootScaled: [(1, one), (8, root), (64, sixtyFour)], linearScaled: [8: linear, 64: linear])
        #expect(both.summary == "at every rank run both ways, α/r falls short of α/√r")
        let mixed = ScalingComparison(
            alpha: 16, rootScaled: [(1, one), (8, root), (64, sixtyFour)], linearScaled: [8: linear, 64: sixtyFour])
        #expect(mixed.summary == "at r = 8, α/r falls short of α/√r; at r = 64, α/r is within noise of α/√r")
        let unrun = ScalingComparison(alpha: 16, rootScaled: [(1, one)], linearScaled: [:])
        #expect(unrun.summary == "no rank was run with both scalings")
    }

    @Test func pairedDifferencesComeSeedBySeed() {
        let a = measured(FullFineTuning(), matchesPerSeed: [flags(9, of: 10), flags(6, of: 10)])
        let b = measured(BitFit(), matchesPerSeed: [flags(8, of: 10), flags(5, of: 10)])
        let difference = a.accuracyDifference(from: b)
        #expect(difference.values.map { ($0 * 10).rounded() } == [1, 1])
        #expect(difference.halfWidth < 1e-9)  // the same gap on both seeds: no noise left once paired
        #expect(Estimate(a.outcomes.map(\.accuracy)).halfWidth > 0.1)
    }

    @Test func fourBitWordsReadOrderAndSpread() {
        let paper = FourBitLossWords(fourBit: [("Int4 (absmax)", 1.10), ("NF4", 1.01), ("FP4", 1.05)], floatLoss: 1.0)
        #expect(paper.ranking == ["NF4", "FP4", "Int4 (absmax)"])
        #expect(paper.order.hasPrefix("the same order"))
        #expect(paper.spread.contains("a real gap"))
        let reversed = FourBitLossWords(
            fourBit: [("Int4 (absmax)", 1.001), ("NF4", 1.0011), ("FP4", 1.1)], floatLoss: 1)
        #expect(reversed.order.hasPrefix("not the paper's order"))
        #expect(reversed.spread.contains("a tie on a model this small"))
        // The page's losses (table of section 6.5): two formats named, not four.
        let page = FourBitLossWords(
            fourBit: [
                ("Int4 (absmax)", 0.5932), ("FP4", 0.5944), ("NF4", 0.5933), ("NF4 + double quantization", 0.59325),
            ],
            floatLoss: 0.5922)
        #expect(page.ends == "Int4 (absmax) has the lowest validation loss and FP4 the highest")
        #expect(FourBitLossWords(fourBit: [("NF4", 1)], floatLoss: 1).ends == "NF4 is the only 4-bit format measured")
    }
}

@MainActor @Suite struct MemoryVerdictTests {
    @Test func anyLowerPeakIsASavingAndAnEqualOrHigherOneIsNot() {
        let full = measured(FullFineTuning(), matchesPerSeed: [[true]], peakBytes: 1_000_000, trainable: 1_000)
        let lower = measured(FullFineTuning(), matchesPerSeed: [[true]], peakBytes: 999_000)
        let equal = measured(FullFineTuning(), matchesPerSeed: [[true]], peakBytes: 1_000_000)
        let higher = measured(FullFineTuning(), matchesPerSeed: [[true]], peakBytes: 1_010_000)
        // 99.9% of full fine-tuning's peak: counted bytes, so still a saving.
        #expect(Verdicts.memory(lora: lower, full: full).contains("it saves full fine-tuning's"))
        #expect(Verdicts.memory(lora: equal, full: full).contains("no saving"))
        #expect(Verdicts.memory(lora: higher, full: full).contains("no saving"))
        #expect(Verdicts.memory(lora: higher, full: full).contains("101%"))
        // The state it saves: 12 bytes per trainable parameter (float32 gradient, Adam's two moments).
        #expect(Verdicts.memory(lora: lower, full: full).contains(Format.bytes(12_000)))
    }
}
