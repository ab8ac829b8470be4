import Bookshelf
import Corpus
import Engine
import Notebook
import Transformers

// MARK: - Chapter 7's experiment: one SFT model, its labelled answers, and the runs made from them

/// The shared state of an RLHF study with a hidden human: the SFT policy and its frozen
/// reference, the pair requests (answered twice by the SFT model, labelled, and trained on by
/// PPO) and the held-out requests every policy is measured on. Its methods are the steps the
/// chapter names — label, train a reward model, run PPO or DPO, measure — each drawing its
/// progress on the notebook and stopping the chapter with a clear message on failure.
@MainActor
public final class PreferenceStudy {
    public let book: Notebook
    public let chat: ChatFormat
    public let sft: GPT
    /// A frozen copy of the SFT model: PPO's KL reference and DPO's.
    public let reference: ReferenceModel
    public let seeds: RLHFSeeds
    public let pairRequests: [StoryRequest], pairPrompts: [[Int]]
    public let evaluationRequests: [StoryRequest], evaluationPrompts: [[Int]]
    /// Room for the longest answer: the longest prompt plus this fills the context exactly.
    public let maxNewTokens: Int
    /// Two SFT answers per pair request: answer i and answer i + n (n requests) form pair i.
    public private(set) var sftSamples: [[Int]] = []
    /// The prompts of `sftSamples`, in the same order (the pair prompts twice).
    public var sftSamplePrompts: [[Int]] { pairPrompts + pairPrompts }
    /// PPO's learning rate and rollouts per step; DPO's steps.
    public let ppoLearningRate: Float, ppoBatch: Int, dpoSteps: Int
    /// Which request a prompt's ids ask for (PPO's reports carry prompts as ids).
    private let requestOfPrompt: [[Int]: StoryRequest]

    public init(
        book: Notebook, chat: ChatFormat, sft: GPT, seeds: RLHFSeeds, pairRequests: [StoryRequest],
        evaluationRequests: [StoryRequest], ppoLearningRate: Float, ppoBatch: Int, dpoSteps: Int
    ) {
        self.book = book
        self.chat = chat
        self.sft = sft
        self.seeds = seeds
        self.pairRequests = pairRequests
        self.evaluationRequests = evaluationRequests
        pairPrompts = pairRequests.map { chat.prompt(for: $0) }
        evaluationPrompts = evaluationRequests.map { chat.prompt(for: $0) }
        maxNewTokens = sft.config.contextLength - (pairPrompts + evaluationPrompts).map(\.count).max()!
        requestOfPrompt = Dictionary(
            zip(pairPrompts + evaluationPrompts, pairRequests + evaluationRequests),
            uniquingKeysWith: { first, _ in first })
        reference = ReferenceModel(copying: sft)
        self.ppoLearningRate = ppoLearningRate
        self.ppoBatch = ppoBatch
        self.dpoSteps = dpoSteps
    }

    /// Samples the SFT model's two answers per pair request (plain sampling, temperature 1).
    public func sampleSFTAnswers() {
        var generators = (0..<(2 * pairPrompts.count)).map { SplitMix64(seed: seeds.pairSampling($0)) }
        sftSamples = Rollouts.sample(
            policy: sft, prompts: sftSamplePrompts, maxNewTokens: maxNewTokens,
            generators: &generators, stopTokens: [chat.endID])
    }

    /// The true reward `taste` gives `response` to the request `prompt` asks for.
    public func trueReward(_ taste: HumanTaste, prompt: [Int], response: [Int]) -> Double {
        taste.reward(of: chat.text(of: response), for: requestOfPrompt[prompt]!)
    }

    /// Labels every pair of SFT answers (answer i against answer i + n) by `human`, with its own
    /// label noise drawn from `labelSeed`.
    public func labelPairs(by human: HiddenHuman, seed labelSeed: UInt64)
        -> (pairs: [PreferencePair], examples: [PreferenceExample])
    {
        var rng = SplitMix64(seed: labelSeed)
        var pairs: [PreferencePair] = [], examples: [PreferenceExample] = []
        for index in pairPrompts.indices {
            let first = sftSamples[index], second = sftSamples[index + pairPrompts.count]
            let pair = human.label(
                request: pairRequests[index], first: chat.text(of: first),
                second: chat.text(of: second), rng: &rng)
            let firstChosen = pair.chosen == chat.text(of: first)
            pairs.append(pair)
            examples.append(
                PreferenceExample(
                    prompt: pairPrompts[index], chosen: firstChosen ? first : second,
                    rejected: firstChosen ? second : first))
        }
        return (pairs, examples)
    }

    /// A reward model on the SFT body, trained on `examples` for one epoch (8 pairs a step).
    public func trainRewardModel(on examples: [PreferenceExample], label: String, seed runSeed: UInt64) -> RewardModel {
        var rng = SplitMix64(seed: runSeed)
        let rewardModel = RewardModel(copying: sft, rng: &rng)
        let steps = max(1, examples.count / 8)
        var settings = TrainingSettings(learningRate: 1e-3, steps: steps)
        settings.weightDecay = 0
        _ = book.train(
            Trainer.rewardModel(
                rewardModel, pairs: examples, batchSize: 8, padding: chat.endID,
                settings: settings, seed: runSeed),
            steps: steps, label: label)
        return rewardModel
    }

    /// `rewardModel`'s scores normalised by its scores of the first `sample` SFT answers.
    public func learnedReward(_ rewardModel: RewardModel, normalizedOn sample: Int) -> LearnedReward {
        let normalization = RewardNormalization(
            scores: rewardModel.scores(
                prompts: Array(sftSamplePrompts.prefix(sample)), responses: Array(sftSamples.prefix(sample)),
                padding: chat.endID))
        return LearnedReward(model: rewardModel, normalization: normalization, padding: chat.endID)
    }

    /// One policy's numbers on the held-out requests — the same requests and the same sampling
    /// seeds for every policy, so differences are the policies'.
    public func measure(_ policy: GPT, learnedReward: LearnedReward, taste: HumanTaste) -> PolicyMeasurement {
        var generators = evaluationPrompts.indices.map { SplitMix64(seed: seeds.evaluationSampling($0)) }
        return PolicyMeasurement(
            policy: policy, reference: reference, prompts: evaluationPrompts,
            maxNewTokens: maxNewTokens, generators: &generators, stopToken: chat.endID,
            padding: chat.endID, learnedReward: learnedReward.callAsFunction,
            trueReward: { index, response in
                taste.reward(of: chat.text(of: response), for: evaluationRequests[index])
            })
    }

    /// PPO from a copy of the SFT model against `learnedReward` at a fixed β, on the pair
    /// prompts; the curve records both rewards of every step's rollouts. Stops the chapter if
    /// a loss stops being a number.
    public func runPPO(
        beta: Float, seed runSeed: UInt64, steps: Int, label: String,
        learnedReward: LearnedReward, taste: HumanTaste
    ) -> PPORun {
        let policy = sft.copied()
        var settings = PPOSettings(maxNewTokens: maxNewTokens, padding: chat.endID, stopToken: chat.endID)
        settings.klControl = .fixed(beta: beta)
        settings.learningRate = ppoLearningRate
        let ppo = PPOTrainer(policy: policy, reference: reference, settings: settings, seed: runSeed)
        let bar = book.progress(label, total: steps, unit: "steps")
        var curve: [CurvePoint] = []
        ppo.train(
            steps: steps, prompts: pairPrompts, batchSize: ppoBatch, seed: runSeed,
            score: learnedReward.callAsFunction
        ) { report in
            guard report.policyLoss.isFinite, report.valueLoss.isFinite else {
                bar.finish()
                book.stop(
                    "\(label): the PPO loss is not a number at step \(report.step). Try a smaller learning "
                        + "rate than \(ppoLearningRate) or a larger β than \(beta).")
            }
            let trueRewards = zip(report.prompts, report.responses).map {
                trueReward(taste, prompt: $0, response: $1)
            }
            curve.append(
                CurvePoint(
                    step: report.step, learned: Double(report.meanScore),
                    trueReward: trueRewards.reduce(0, +) / Double(trueRewards.count),
                    kl: Double(report.meanKL), length: Double(report.meanResponseLength),
                    learnedRewards: report.scores.map(Double.init), trueRewards: trueRewards))
            bar.update(
                report.step,
                metric: "learned \(Format.fixed(report.meanScore, 2)) · KL "
                    + Format.fixed(report.meanKL, 2))
        }
        bar.finish()
        policy.isTraining = false
        return PPORun(curve: curve, policy: policy, final: measure(policy, learnedReward: learnedReward, taste: taste))
    }

    /// DPO from a copy of the SFT model on `pairs` (8 a step, `dpoSteps` steps), measured with
    /// `learnedReward` (which DPO never sees) and `taste`.
    public func runDPO(
        beta: Float, seed runSeed: UInt64, label: String, pairs: [PreferenceExample],
        learnedReward: LearnedReward, taste: HumanTaste
    ) -> DPORun {
        let policy = sft.copied()
        var settings = TrainingSettings(learningRate: 1e-4, steps: dpoSteps)
        settings.weightDecay = 0
        _ = book.train(
            Trainer.dpo(
                policy, reference: reference, pairs: pairs, batchSize: 8,
                padding: chat.endID, beta: beta, settings: settings, seed: runSeed),
            steps: dpoSteps, label: label)
        policy.isTraining = false
        return DPORun(policy: policy, final: measure(policy, learnedReward: learnedReward, taste: taste))
    }

    /// The share of `pairs` whose chosen answer `policy`'s implicit reward β·(log π − log π_ref)
    /// ranks above the rejected one (β > 0 drops out). `referenceOnPairs` is the reference's pass
    /// over the same pairs, computed once.
    public func implicitRewardAccuracy(
        _ policy: GPT, on pairs: [PreferenceExample],
        referenceOnPairs: ReferenceLogProbabilities
    ) -> Double {
        // ReferenceLogProbabilities is the batched, gradient-free pass; a frozen copy is how it reads a model.
        let policyLogProbabilities = ReferenceLogProbabilities(
            reference: ReferenceModel(copying: policy),
            pairs: pairs, padding: chat.endID)
        let chosen = zip(policyLogProbabilities.chosen, referenceOnPairs.chosen).map { $0 - $1 }
        let rejected = zip(policyLogProbabilities.rejected, referenceOnPairs.rejected).map { $0 - $1 }
        return BradleyTerry.accuracy(chosen: chosen, rejected: rejected)
    }

    /// Best-of-n's candidates: `largestN` SFT answers to each of `prompts` (request by request,
    /// sampled once with their own seeds), scored by `learnedReward` and by `taste`; and how
    /// many of each request's candidates are distinct texts on average (repeats make best-of-n's
    /// KL bound loose).
    public func bestOfNCandidates(prompts: [[Int]], largestN: Int, learnedReward: LearnedReward, taste: HumanTaste)
        -> (sweep: BestOfNSweep, candidates: [[Int]], distinct: Double)
    {
        let repeated = prompts.flatMap { Array(repeating: $0, count: largestN) }
        var generators = repeated.indices.map { SplitMix64(seed: seeds.bestOfNSampling($0)) }
        let candidates = Rollouts.sample(
            policy: sft, prompts: repeated, maxNewTokens: maxNewTokens,
            generators: &generators, stopTokens: [chat.endID])
        let trueRewards = candidates.indices.map { trueReward(taste, prompt: repeated[$0], response: candidates[$0]) }
        let sweep = BestOfNSweep(
            largestN: largestN, requests: prompts.count,
            scores: learnedReward(repeated, candidates), trueRewards: trueRewards)
        let distinct = Statistics.mean(
            prompts.indices.map { prompt in
                Double(Set(candidates[(prompt * largestN)..<((prompt + 1) * largestN)]).count)
            })
        return (sweep, candidates, distinct)
    }

    /// A held-out answer with its rewards, as the page shows it: "[learned +0.12, true 3.40] text".
    public func shown(_ measurement: PolicyMeasurement, _ index: Int) -> String {
        "[learned \(Format.signed(Double(measurement.learnedRewards[index]), 2)), true "
            + "\(Format.fixed(measurement.trueRewards[index], 2))] " + chat.text(of: measurement.responses[index])
    }

    /// The true reward `taste` gives each of the SFT answers (`sftSamples`, in order).
    public func sftTrueRewards(_ taste: HumanTaste) -> [Double] {
        sftSamples.indices.map { trueReward(taste, prompt: sftSamplePrompts[$0], response: sftSamples[$0]) }
    }

    /// Held-out answers (answer i to held-out request i) judged by both people.
    public func judge(_ responses: [[Int]], first: HumanTaste, second: HumanTaste) -> JudgedPolicy {
        JudgedPolicy(features(ofHeldOut: responses), first: first, second: second)
    }

    /// The features of held-out answers (answer i to held-out request i).
    public func features(ofHeldOut responses: [[Int]]) -> [StoryFeatures] {
        responses.indices.map { StoryFeatures(of: chat.text(of: responses[$0]), for: evaluationRequests[$0]) }
    }
}
