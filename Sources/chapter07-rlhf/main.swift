// Chapter 7 · RLHF: reward models, PPO and DPO
//
// Read this file top to bottom: it is the chapter. `swift run chapter07-rlhf` prints it,
// tunes chapter 3's model to follow requests, lets a hidden person with a known taste label
// pairs of its stories, trains a reward model on the labels, optimises the policy against it
// with PPO and with DPO, and measures every policy with the TRUE reward no real lab can see.
// It writes Chapters/07-rlhf.md with its figures.
//
// The chapter is laid out as the page it weaves, prose block by prose block, so swift-format
// leaves it alone (Sources/ARCHITECTURE.md, "Style"); every module, test and tool is formatted.
// swift-format-ignore-file

import Adapters
import Alignment
import Bookshelf
import Corpus
import Engine
import Exercises
import Foundation
import LinearAlgebra
import Notebook
import Tokenization
import Transformers

BLASRuntime.ensureFastKernels()
let options = ChapterOptions.parseOrExit()
let book = Notebook(chapter: 7, options: options)
let quick = options.quick
let seeds = RLHFSeeds(options.seed)
let clock = Stopwatch()

// MARK: - 0. The sizes of this run

/// Everything the default run and `--quick` do differently, in one place.
struct Plan {
    /// Demonstrations and steps of supervised fine-tuning.
    let demonstrations: Int, sftSteps: Int
    /// Prompts answered twice by the SFT model and labelled; the first `trainingPairs` train
    /// the reward model (and DPO), the rest are held out.
    let pairPrompts: Int, trainingPairs: Int
    /// Fresh requests every policy is measured on.
    let evaluationPrompts: Int
    /// PPO: steps and prompts per step; the steps of the run without a KL penalty.
    let ppoSteps: Int, ppoBatch: Int, unleashedSteps: Int
    /// Training seeds of every repeated run.
    let seeds: Int
    /// DPO's steps (one epoch of the training pairs at 8 a step).
    let dpoSteps: Int
    /// The n of best-of-n, and the held-out requests it answers (the first of them: n answers each).
    let bestOfN: [Int], bestOfNPrompts: Int
}
let plan = quick
    ? Plan(demonstrations: 160, sftSteps: 30, pairPrompts: 96, trainingPairs: 64, evaluationPrompts: 16,
           ppoSteps: 4, ppoBatch: 8, unleashedSteps: 6, seeds: 2, dpoSteps: 8, bestOfN: [1, 2, 4], bestOfNPrompts: 8)
    : Plan(demonstrations: 800, sftSteps: 250, pairPrompts: 900, trainingPairs: 600, evaluationPrompts: 128,
           ppoSteps: 40, ppoBatch: 16, unleashedSteps: 40, seeds: 3, dpoSteps: 75, bestOfN: [1, 2, 4, 8, 16],
           bestOfNPrompts: 64)
/// The learning rate every PPO run shares (only β changes between them), the β of the main
/// runs, and the hidden human's label noise τ.
let ppoLearningRate: Float = 1e-4
let leashBeta: Float = 0.1
let labelTemperature = 1.0

let tokenizer: BytePairTokenizer
let base: GPT
do {
    tokenizer = try Bookshelf.tokenizer(for: book)
    base = try Bookshelf.pretrainedModel(for: book, tokenizer: tokenizer)
} catch {
    book.stop("\(error)")
}
base.isTraining = false
guard let chat = ChatFormat(tokenizer: tokenizer) else {
    book.stop("the tokenizer has no <|user|>, <|assistant|> or <|end|> token; re-run `swift run chapter01-tokenizer`")
}
let context = base.config.contextLength

// MARK: - 1. The pipeline

book.onRamp(build: """
RLHF's three steps as InstructGPT ran them (supervised fine-tuning, a reward model trained on \
comparisons, and PPO against it on a KL leash) and DPO, which skips the reward model. The \
losses are listed as they run: Bradley–Terry, the per-token rewards, generalized advantage \
estimation, PPO's clipped objective, DPO.
""", measure: """
every policy twice, by the reward model it climbed and by the true taste of a simulated \
person whose formula the chapter knows, so over-optimisation can be seen, along with the \
frontier of true reward against KL and what changes with a second person's taste.
""", takes: """
chapter 3's pretrained model and chapter 1's tokenizer (made here, exactly, if they are \
missing). The first step is chapter 5's fine-tuning, on demonstrations.
""")

book.section("Three models and a person")
book.prose("""
A pretrained model continues text; an assistant answers requests, and answers them the way \
people like. InstructGPT (Ouyang et al. 2022) got from one to the other in three steps: \
**supervised fine-tuning** (SFT) on demonstrations — requests answered well by people; a \
**reward model** trained on comparisons — people shown two answers say which they prefer; \
and **reinforcement learning** with PPO (proximal policy optimization, Schulman et al. 2017) \
against that reward model, on a leash. The model being tuned is called the **policy**, \
reinforcement learning's word for whatever chooses the actions — here, the next token. The \
leash is a penalty on the **KL divergence** from the SFT model: how far the policy's \
probabilities for the next token have moved from the SFT model's, the average log-ratio of \
the two (in nats; 0 when they agree). It keeps the policy from wandering into text the reward \
model never saw. **DPO** (direct preference optimization, Rafailov et al. 2023) later showed that the last two \
steps fold \
into one loss on the comparisons.

Real RLHF cannot answer the question a learner most needs answered: did the model get *truly* \
better, or only better at pleasing the reward model? Nobody knows the true preference. Here \
we do. The labeller is a **hidden human** with a known taste — a formula over what a story \
contains — who labels pairs with a known amount of noise. The reward model never sees the \
formula, only the labels, exactly as in real life; the chapter sees both, and measures every \
policy twice: with the **learned reward** the optimiser climbs and with the **true reward** \
it was meant to climb.
""")

book.figure(RLHFFigures.pipeline(),
            caption: "The pipeline. Red boxes are what only this chapter can see: the person's labels "
            + "come from a known formula, and every policy is also scored by that formula — the true reward. All three "
            + "policies start from, and are measured against, the SFT model.")

// MARK: - 2. The hidden human

book.section("A person with a known taste")
let tasteA = HumanTaste.happyAndShort
let humanA = HiddenHuman(taste: tasteA, temperature: labelTemperature)
let (exampleRequest, exampleText) = StoryRequests.sadExample(seed: seeds.exampleStory)
let exampleFeatures = StoryFeatures(of: exampleText, for: exampleRequest)
let tasteFormula = tasteA.formula, largestTrueReward = tasteA.largestReward
book.prose("""
The person of this chapter asks for stories — "\(exampleRequest.userText)" — and judges an \
answer by seven things the story world can check: the share of grammatical sentences, \
whether the cast and the object are kept straight (every name introduced before use), \
whether the requested character and object appear, how the story ends, its length, and \
repeated sentences. They like **happy endings** and **short stories** (\
\(tasteA.preferredSentences.lowerBound)–\(tasteA.preferredSentences.upperBound) sentences). \
The true reward is the weighted sum

    \(tasteFormula)

with ending +1 (happy) or −1 (sad), and length 1 inside the liked range, 0.5 less per sentence \
outside it, never below −1: at most \(Format.fixed(largestTrueReward, 0)). \
Here it is, term by term, for a story of the world cut to six sentences:
""")
book.output(exampleText)
book.table(Table(["term", "weight × feature"],
                 rows: tasteA.contributions(of: exampleFeatures).map { [$0.name, Format.signed($0.value, 2)] }
                     + [["**true reward**", Format.fixed(tasteA.reward(of: exampleFeatures), 2)]],
                 caption: "The hidden human's reward, term by term (Corpus `HumanTaste.happyAndShort`)."))
book.prose("""
Shown two stories a and b, the person does not always pick the better one. They choose a \
with the **Bradley–Terry** probability (Bradley and Terry 1952: the chance of preferring one \
item to another depends only on the difference of their scores) P(a ≻ b) = σ((r(a) − r(b))/τ). \
Here σ(z) = 1/(1 + e^(−z)), the logistic function, turns any difference into a probability, and \
the temperature τ = \(Format.fixed(labelTemperature, 1)) sets how noisy the person is: two stories a reward \
point apart are ordered rightly \
\(Format.percent(logistic(1 / labelTemperature), 0)) of the time. This is the very model a \
reward model's loss assumes, and it has a consequence no real lab can compute: the best \
accuracy *any* reward model can expect on held-out labels is the mean of max(p, 1 − p) over \
the pairs. We will hold the reward model to it.
""")

// MARK: - 3. Supervised fine-tuning

book.section("Step 1: supervised fine-tuning")
let demonstrations = chat.storyDemonstrations(count: plan.demonstrations, seed: seeds.demonstrations,
                                              contextLength: context)
let demonstrationLength = Statistics.mean(demonstrations.map { Double($0.answer.count) })
book.prose("""
The starting policy is chapter 3's model fine-tuned on \(demonstrations.count) demonstrations \
in the chat format of chapter 5: a request, then a story of the world that fulfils it \
(\(Format.fixed(demonstrationLength, 0)) tokens on average), the loss on the answer only. It \
learns to answer requests; nobody has told it yet what this person likes.
""")
book.cell("SFT: all weights, answer-only loss")
let sft = base.copied()
var sftSettings = TrainingSettings(learningRate: 2e-3, steps: plan.sftSteps)
sftSettings.weightDecay = 0
let sftCurve = book.train(Trainer.supervised(sft, examples: demonstrations, batchSize: 16, padding: chat.endID,
                                             settings: sftSettings, seed: seeds.supervisedTuning),
                          steps: plan.sftSteps, label: "supervised fine-tuning")
sft.isTraining = false
book.result("SFT answer loss, last 10 steps",
            Format.fixed(Statistics.mean(sftCurve.suffix(10).map { Double($0.loss) }), 3))
book.status("SFT done after \(Format.duration(clock.seconds))")

// MARK: - 4. Comparisons

book.section("Collecting comparisons")
let study = PreferenceStudy(book: book, chat: chat, sft: sft, seeds: seeds,
                            pairRequests: StoryRequests.requests(count: plan.pairPrompts, seed: seeds.pairRequests),
                            evaluationRequests: StoryRequests.requests(count: plan.evaluationPrompts,
                                                                       seed: seeds.evaluationRequests),
                            ppoLearningRate: ppoLearningRate, ppoBatch: plan.ppoBatch, dpoSteps: plan.dpoSteps)
let maxNewTokens = study.maxNewTokens
let evaluationRequests = study.evaluationRequests, evaluationPrompts = study.evaluationPrompts

book.prose("""
The SFT model answers each of \(plan.pairPrompts) requests twice (plain sampling, temperature \
1, at most \(maxNewTokens) tokens), and the person labels each pair. The first \
\(plan.trainingPairs) pairs train the reward model; the other \(plan.pairPrompts - plan.trainingPairs) \
are held out.
""")
book.cell("Two answers per request, labelled by the hidden human")
study.sampleSFTAnswers()
let sftSamples = study.sftSamples
let labelsA = study.labelPairs(by: humanA, seed: seeds.firstLabels)
let heldOutA = Array(labelsA.pairs[plan.trainingPairs...])
let labelSummaryA = LabelSummary(labelsA.pairs)
let againstPairs = labelSummaryA.against, selfAgreementA = labelSummaryA.selfAgreement
let ceilingA = humanA.ceilingAccuracy(of: heldOutA)
let sftTrueOnPairs = study.sftTrueRewards(tasteA)
let sftTrueMean = Statistics.mean(sftTrueOnPairs)
let sftTrueSpread = (sftTrueOnPairs.reduce(0) { $0 + ($1 - sftTrueMean) * ($1 - sftTrueMean) }
    / Double(sftTrueOnPairs.count)).squareRoot()
book.table(Table(["", "value"], rows: [
    ["labelled pairs (training / held out)", "\(plan.trainingPairs) / \(plan.pairPrompts - plan.trainingPairs)"],
    ["SFT answers: mean true reward (± sd)", Format.fixed(sftTrueMean, 2) + " ± " + Format.fixed(sftTrueSpread, 2)],
    ["labels for the answer with the higher true reward", "\(labelSummaryA.agreeing) of \(labelsA.pairs.count)"],
    ["labels against the true rewards", "\(againstPairs)"],
    ["ties (both answers score the same; the label is a coin flip)", "\(labelSummaryA.ties)"],
    ["two labels of one pair by this person agree (expected)", Format.percent(selfAgreementA, 1)],
    ["expected accuracy of the best possible predictor, held-out pairs", Format.percent(ceilingA, 1)],
]))
book.prose("""
\(againstPairs) labels go against the true rewards: the person's noise. Asked twice about the \
same pair, this person would agree with themselves \(Format.percent(selfAgreementA, 1)) of the \
time — the number InstructGPT reports for its labellers (they agreed with each other 72.6% of \
the time). The ceiling is higher, \(Format.percent(ceilingA, 1)): a predictor that always names \
the likelier label is right with probability max(p, 1 − p) on each pair, and that is the most \
any reward model can *expect*, even one that learned the formula exactly.
""")

// MARK: - 5. The reward model

book.section("Step 2: the reward model")
book.prose("""
The reward model is the SFT model with its language-model head replaced by one number: a \
linear map from the final hidden state (the vector the last block writes at a position) of the **last token** \
— the only position that has \
seen the whole request and answer — to a score r(x, y). It learns from the labels alone, by \
the Bradley–Terry likelihood of each label:

    loss = −log σ(r(x, y_chosen) − r(x, y_rejected))

one epoch (one pass) over the training pairs, as InstructGPT did (they found that more epochs overfit: \
the model learns its training pairs at the expense of new ones; \
TRL's `RewardTrainer` defaults to 3). In the engine the loss is one line; `logSigmoid` is \
log σ computed without overflow for large margins:
""")
book.listing("bradley-terry", in: "Sources/Alignment/RewardModel.swift", caption: "the Bradley–Terry loss")
book.cell("Reward model: SFT body, scalar head, Bradley–Terry loss")
/// The SFT answers whose reward-model scores fix the normalisation.
let normalizationSample = min(300, sftSamples.count)
let trainingExamplesA = Array(labelsA.examples.prefix(plan.trainingPairs))
let rewardModelA = study.trainRewardModel(on: trainingExamplesA, label: "reward model", seed: seeds.firstRewardModel)
let heldOutExamplesA = Array(labelsA.examples[plan.trainingPairs...])
let (heldChosen, heldRejected) = rewardModelA.scores(of: heldOutExamplesA, padding: chat.endID)
let (trainChosen, trainRejected) = rewardModelA.scores(of: trainingExamplesA, padding: chat.endID)
/// 1 where the reward model orders a held-out pair as the person labelled it (a tie: ½).
let heldOutHits = zip(heldChosen, heldRejected).map { $0 > $1 ? 1.0 : ($0 == $1 ? 0.5 : 0) }
let rewardModelAccuracy = Estimate(heldOutHits)
let trueRewardAccuracy = LabelSummary(heldOutA).formulaAccuracy
book.table(Table(["predictor of the held-out labels", "accuracy"], rows: [
    ["reward model, on its training pairs", Format.percent(BradleyTerry.accuracy(chosen: trainChosen,
                                                                                 rejected: trainRejected), 1)],
    ["reward model, held out (± 95% interval over pairs)", Format.percent(rewardModelAccuracy, 1)],
    ["the true reward itself, held out", Format.percent(trueRewardAccuracy, 1)],
    ["expected accuracy of the best possible predictor", Format.percent(ceilingA, 1)],
], caption: "How well the reward model predicts labels it never saw."))
let ceilingWords = RLHFWords.ceiling(rewardModelAccuracy, ceiling: ceilingA)
book.prose("""
The reward model is right on \(Format.percent(rewardModelAccuracy.mean, 1)) of the held-out \
pairs, \(ceilingWords). The interval is the sampling noise of \(heldOutHits.count) pairs; the \
formula itself, which the ceiling expects to score \(Format.percent(ceilingA, 1)), scored \
\(Format.percent(trueRewardAccuracy, 1)) on these particular labels — one draw of a noisy labeller. \
Accuracy is not all a policy needs from a reward model, though: PPO uses the *size* of the \
score differences. If r(a) − r(b) = 2, the model claims P(a ≻ b) = σ(2) = 0.88; is the person \
then right about a 88% of the time? Binning the held-out predictions and comparing with what \
the person did answers it.
""")
let (calibrationFigure, rewardModelECE, truthECE) = RLHFFigures.calibration(
    rewardModelMargins: zip(heldChosen, heldRejected).map { Double($0 - $1) },
    personMargins: heldOutA.map { ($0.chosenReward - $0.rejectedReward) / labelTemperature }, binCount: quick ? 4 : 8)
book.figure(calibrationFigure, caption: "Reliability diagram of \(heldOutHits.count) held-out pairs, each counted "
            + "both ways round. The person's own probabilities are calibrated by construction: their curve shows how "
            + "far sampling noise alone moves a bin.")
book.prose("""
The expected calibration error (the bins' mean distance from the diagonal, weighted by their \
counts) is \(Format.fixed(rewardModelECE, 3)) for the reward model and \(Format.fixed(truthECE, 3)) \
for the person's own probabilities, whose distance from the diagonal is sampling noise alone.

One more step before the scores drive a policy. A reward model's scores are defined only up \
to a constant (the loss sees differences), and their spread is whatever training left. \
InstructGPT shifts them so that its demonstrations score 0 on average; like Ziegler et al. \
(2019), whose code TRL inherited, we shift *and* scale by the SFT model's own answers (the \
first \(normalizationSample)): a learned reward of +1 is one SFT-answer spread above the SFT \
model's average. That makes β, the price the leash of section 7.6 puts on each nat of KL, \
readable: β = 0.1 prices 10 nats of KL at one such spread.
""")
let learnedRewardA = study.learnedReward(rewardModelA, normalizedOn: normalizationSample)
book.status("reward model done after \(Format.duration(clock.seconds))")

// MARK: - 6. PPO

book.section("Step 3: PPO on a KL leash")
book.prose("""
Now the policy — a copy of the SFT model — writes answers and the reward model scores them. \
PPO as InstructGPT and TRL run it, one step at a time:

1. **Rollouts.** Answer \(plan.ppoBatch) requests by sampling (one batched pass per token, \
with chapter 3's key–value cache); score each answer with the reward model.
2. **Rewards per token.** Every token gets −β·(log π(token) − log π_ref(token)), the log of \
the probability the policy π gave it against that of the frozen SFT reference π_ref — a \
one-sample estimate of the KL between them, the one Schulman (2020) calls **k1**: right on \
average, noisy for one answer; the last token also gets the score. Summed, an answer earns score − β·KL.
3. **Advantages.** A value head (one linear map on the policy's own hidden states) predicts \
the reward still to come; generalized advantage estimation (GAE; γ = 1, λ = 0.95) turns \
rewards and values into each token's **advantage**, how much better it did than the value \
head expected, counting what the tokens after it brought with a weight that fades by λ per \
token. The advantages are **whitened** over the batch: shifted and scaled to mean 0 and \
standard deviation 1, so the step size does not depend on the reward's scale.
4. **Clipped updates.** Four passes over the rollouts in minibatches (groups) of 8 minimise \
−min(ρA, clip(ρ, 0.8, 1.2)A), where ρ = π/π_old is how much likelier the token is now than \
under the policy that sampled it, and clip holds ρ inside [0.8, 1.2]; plus 0.1 × a clipped \
value loss (the value head's squared error, its prediction held within 0.2 of the one it made \
when sampling): the policy may \
move, but not far from the one that sampled.

β stays **fixed** at \(Format.fixed(Double(leashBeta), 2)) here, as InstructGPT kept its 0.02 and \
TRL's current `PPOTrainer` keeps its `kl_coef` (0.05 by default); TRL's classic trainer steered \
β toward a target KL by default (from 0.2 toward 6 nats). A fixed β makes runs comparable — the \
frontier below compares PPO at several β, and an adaptive β would blur exactly that. Our β is \
larger than theirs because our reward is in units of the SFT answers' spread. Every run \
has the same learning rate, \(Format.significant(Double(ppoLearningRate), 2)), \(plan.ppoSteps) \
steps of \(plan.ppoBatch) requests, and is repeated with \(plan.seeds) seeds.
""")
book.prose("""
Steps 2 and 3 happen for each answer as soon as it is scored. `k1` is the one-sample KL \
estimate log π − log π_ref of each token:
""")
book.listing("ppo-experience", in: "Sources/Alignment/PPOTrainer.swift", caption: "rewards per token, then advantages")
book.prose("""
Generalized advantage estimation walks the answer backwards. δ, the reward of a token plus \
the value of the next position minus the value of this one, says how much better that token \
turned out than the value head expected; the advantage adds up those surprises, each one \
λ times weaker per step it lies in the future:
""")
book.listing("gae", in: "Sources/Alignment/AdvantageEstimation.swift", caption: "generalized advantage estimation")
book.prose("""
The clipped objective compares the new probability of each sampled token with the old one. \
Taking the larger of the two losses, the unclipped and the clipped one, means the policy \
gains nothing from pushing ρ beyond 1 ± ε in the direction the advantage rewards:
""")
book.listing("ppo-clipped-loss", in: "Sources/Alignment/PPOObjective.swift", caption: "PPO's clipped policy loss")
let reference = study.reference
let referenceFingerprint = reference.fingerprint
/// A policy measured on the held-out requests by the first person's reward model and taste.
@MainActor func measure(_ policy: GPT) -> PolicyMeasurement { study.measure(policy, learnedReward: learnedRewardA, taste: tasteA) }
let sftMeasured = measure(sft)
/// PPO against the first person's reward model.
@MainActor func runPPO(beta: Float, seed: UInt64, steps: Int, label: String) -> PPORun {
    study.runPPO(beta: beta, seed: seed, steps: steps, label: label, learnedReward: learnedRewardA, taste: tasteA)
}
book.cell("PPO against the reward model, β = \(Format.fixed(Double(leashBeta), 2)), \(plan.seeds) seeds")
let leashed = (0..<plan.seeds).map { index in
    runPPO(beta: leashBeta, seed: seeds.leashedPPO(index), steps: plan.ppoSteps,
           label: "PPO β = \(Format.fixed(Double(leashBeta), 2)), seed \(index + 1)/\(plan.seeds)")
}
book.status("PPO (\(plan.seeds) seeds) done after \(Format.duration(clock.seconds))")
book.cell("The same PPO on a tighter leash, β = 0.3 (one seed)")
let tightBeta: Float = 0.3
let tight = runPPO(beta: tightBeta, seed: seeds.tightPPO, steps: plan.ppoSteps, label: "PPO β = 0.3")
book.status("PPO β = 0.3 done after \(Format.duration(clock.seconds))")

let (ppoTrue, ppoGain, ppoLearned, ppoKL) = PolicyRows.estimates(leashed.map(\.final), from: sftMeasured)
book.table(Table(["policy", "learned reward", "true reward", "KL to SFT (nats)", "answer tokens"], rows: [
    PolicyRows.sft(sftMeasured),
    PolicyRows.row("PPO, β = \(Format.fixed(Double(leashBeta), 2))", leashed.map(\.final)),
    PolicyRows.row("PPO, β = \(Format.fixed(Double(tightBeta), 1)) (one seed)", [tight.final]),
], caption: "\(plan.evaluationPrompts) held-out requests, one sampled answer each, the same sampling seeds for "
            + "every policy; ± a 95% interval over \(plan.seeds) training seeds."))
let gainWords = RLHFWords.gain(ppoGain)
book.prose("""
PPO raised the learned reward from \(Format.fixed(Double(sftMeasured.meanLearnedReward), 2)) to \
\(Format.fixed(ppoLearned, 2)) and the **true reward** by \(Format.signed(ppoGain.mean, 2)) ± \
\(Format.fixed(ppoGain.halfWidth, 2)) (from \(Format.fixed(sftMeasured.meanTrueReward, 2)) to \
\(Format.fixed(ppoTrue.mean, 2))) — \(gainWords). It paid \(Format.fixed(ppoKL.mean, 1)) nats \
of KL per answer for it.
""")

let window = quick ? 2 : 5
/// The SFT answers' true-reward spread: the unit in which the curves show the true reward.
let trueUnit = max(sftTrueSpread, 1e-9)
let rewardFigure = RLHFFigures.ppoRewards(leashed, beta: leashBeta, window: window, sftTrueMean: sftTrueMean,
                                          trueUnit: trueUnit)
book.figure(rewardFigure, caption: "Means over the rollouts of \(window) steps (\(window * plan.ppoBatch) answers "
            + "per seed), averaged over \(plan.seeds) seeds with 95% intervals. Both rewards are changes from the SFT "
            + "model's answers, each in units of its own spread (the reward model's scores, the formula's points): "
            + "read each curve's shape, not the gap between them.")
let klFigure = RLHFFigures.ppoKL(leashed, beta: leashBeta, tight: tight, tightBeta: tightBeta, window: window)
book.figure(klFigure, caption: "The KL of the rollouts to the reference, k1 = Σ(log π − log π_ref) over each "
            + "answer's tokens; means over \(window) steps (and over seeds, with 95% intervals).")

// MARK: - 7. Over-optimisation

book.section("Without the leash: over-optimisation")
book.prose("""
The reward model is a model: right on \(Format.percent(rewardModelAccuracy.mean, 0)) of held-out \
pairs, and nowhere told what to do with answers unlike the SFT model's. The KL penalty is what \
keeps the policy among answers the reward model has seen. Take it away — the same PPO, β = 0, \
for \(plan.unleashedSteps) steps — and watch both rewards.
""")
book.cell("PPO with β = 0")
let unleashed = runPPO(beta: 0, seed: seeds.unleashedPPO, steps: plan.unleashedSteps, label: "PPO β = 0")
book.status("PPO β = 0 done after \(Format.duration(clock.seconds))")
let unleashedRun = RLHFWords.UnleashedRun(curve: unleashed.curve, window: window, sftTrueMean: sftTrueMean,
                                          steps: plan.unleashedSteps)
let unleashedFigure = RLHFFigures.overoptimisation(unleashed, leashed: leashed, beta: leashBeta, window: window,
                                                   sftTrueMean: sftTrueMean, trueUnit: trueUnit)
book.figure(unleashedFigure, caption: "One run without a KL penalty; means over the rollouts of \(window) steps "
            + "(\(window * plan.ppoBatch) answers, 95% intervals over them); "
            + "step 0 is the SFT model. Dashed: the leashed runs (β = \(Format.fixed(Double(leashBeta), 2))), for "
            + "comparison.")
let overoptimisationWords = RLHFWords.overoptimisation(unleashedRun)
/// The leashed runs' learned reward over the same last window, one value per seed.
let leashedLastLearned = Estimate(leashed.map { run in
    Statistics.mean(Array(run.curve.suffix(from: (unleashed.curve.count - 1) / window * window).map(\.learned)))
})
let freedomWords = RLHFWords.freedom(unleashedRun.lastLearned, leashed: leashedLastLearned)
book.prose(overoptimisationWords + """
 Its final learned reward is \(freedomWords). At the end, the unleashed policy sits \
\(Format.fixed(Double(unleashed.final.meanKL), 1)) nats from the SFT model on the held-out requests \
(\(Format.fixed(Statistics.mean(unleashed.curve.suffix(window).map(\.kl)), 1)) \
on its last \(window) training steps; the leashed runs: \(Format.fixed(ppoKL.mean, 1))), and its answers average \
\(Format.fixed(unleashed.final.meanLength, 1)) tokens (SFT: \
\(Format.fixed(sftMeasured.meanLength, 1))). Three of them, with both rewards:
""")
let shown = study.shown
let shownRequests = Array(evaluationPrompts.indices.prefix(3))
book.output(shownRequests.map { "\(evaluationRequests[$0].userText)\n  " + shown(unleashed.final, $0) }
    .joined(separator: "\n\n"))

// MARK: - 8. DPO

book.section("DPO: the comparisons, straight into the policy")
book.prose("""
The objective PPO maximises — reward minus β·KL to the reference — has a closed-form best \
policy, π*(y|x) ∝ π_ref(y|x)·exp(r(x, y)/β). Solve it for the reward, r = β·log(π*/π_ref) + \
(a term of x alone), and put that into the Bradley–Terry likelihood: the term of x cancels, and \
what is left is a loss on the policy itself (Rafailov et al. 2023):

    loss = −log σ(β·[(log π(y_w) − log π_ref(y_w)) − (log π(y_l) − log π_ref(y_l))])

with log-probabilities summed over the answer's tokens. No reward model, no sampling, no \
value head: a classification loss on the same \(plan.trainingPairs) labelled pairs, one epoch, \
the SFT model as the frozen reference. β = 0.1 is TRL's default (`DPOConfig(beta=0.1)`).
""")
book.listing("dpo-loss", in: "Sources/Alignment/DirectPreferenceOptimization.swift", caption: "the DPO loss")
book.cell("DPO, β = 0.1, \(plan.seeds) seeds; and β = 0.5")
let referenceOnHeldOut = ReferenceLogProbabilities(reference: reference, pairs: heldOutExamplesA, padding: chat.endID)
@MainActor func runDPO(beta: Float, seed: UInt64, label: String) -> DPORun {
    study.runDPO(beta: beta, seed: seed, label: label, pairs: trainingExamplesA, learnedReward: learnedRewardA,
                 taste: tasteA)
}
let dpoRuns = (0..<plan.seeds).map { runDPO(beta: 0.1, seed: seeds.dpo($0),
                                            label: "DPO β = 0.1, seed \($0 + 1)/\(plan.seeds)") }
let dpoStrong = runDPO(beta: 0.5, seed: seeds.strongDPO, label: "DPO β = 0.5")
book.status("DPO done after \(Format.duration(clock.seconds))")
let (dpoTrue, dpoGain, _, dpoKL) = PolicyRows.estimates(dpoRuns.map(\.final), from: sftMeasured)
/// The policies' "implicit reward" accuracy on held-out pairs (β·(log π − log π_ref), chosen above rejected).
let dpoImplicit = Estimate(dpoRuns.map {
    study.implicitRewardAccuracy($0.policy, on: heldOutExamplesA, referenceOnPairs: referenceOnHeldOut) })
book.table(Table(["policy", "learned reward", "true reward", "KL to SFT (nats)", "answer tokens",
                  "held-out pairs its implicit reward orders rightly"], rows: [
    PolicyRows.sft(sftMeasured) + ["—"],
    PolicyRows.row("PPO, β = \(Format.fixed(Double(leashBeta), 2))", leashed.map(\.final)) + ["—"],
    PolicyRows.row("DPO, β = 0.1", dpoRuns.map(\.final)) + [Format.percent(dpoImplicit, 1)],
    PolicyRows.row("DPO, β = 0.5", [dpoStrong.final]) + ["—"],
], caption: "The same \(plan.evaluationPrompts) held-out requests and sampling seeds; ± 95% intervals over "
            + "\(plan.seeds) training seeds. The learned reward is the reward model's, which DPO never saw; for "
            + "comparison, the reward model itself orders \(Format.percent(rewardModelAccuracy.mean, 1)) of the "
            + "held-out pairs rightly."))
let dpoPaperWords = RLHFWords.dpoPaper(dpoGain: dpoGain, ppoGain: ppoGain, dpoKL: dpoKL, ppoKL: ppoKL)
let dpoWords = RLHFWords.dpo(dpoGain)
book.prose("""
DPO at β = 0.1 \(dpoWords). Its gain \(Comparison.verb(dpoGain, ppoGain, close: 0.1)) PPO's, at \
\(Format.fixed(dpoKL.mean, 1)) nats of KL against PPO's \(Format.fixed(ppoKL.mean, 1)). Its \
implicit reward, β·(log π − log π_ref), orders \(Format.percent(dpoImplicit.mean, 1)) of the held-out \
pairs as the person did — the number TRL logs as `rewards/accuracies`.\(dpoPaperWords)
""")

// MARK: - 9. Best-of-n and the frontier

book.section("The frontier: true reward against KL")
let largestN = plan.bestOfN.max() ?? 1
book.prose("""
Every method here buys true reward with distance from the SFT model. The fair comparison puts \
them on one plot: true reward against KL. The simplest method needs no training at all: \
**best-of-n** samples n answers and keeps the one the reward model scores highest. Its KL to \
the SFT model is at most log n − (n − 1)/n nats, exactly that when the n answers all differ \
(Stiennon et al. 2020; Beirami et al. 2024), so it places on the frontier without an estimate. \
We sample \(largestN) answers per held-out request once and \
take best-of-n from the first n, on the first \(plan.bestOfNPrompts) held-out requests.
""")
book.cell("Best-of-n against the reward model")
let bestOfNPrompts = Array(evaluationPrompts.prefix(plan.bestOfNPrompts))
let (sweep, candidates, distinctCandidates) = study.bestOfNCandidates(prompts: bestOfNPrompts, largestN: largestN,
                                                                      learnedReward: learnedRewardA, taste: tasteA)
let bestOfN = sweep.rows(plan.bestOfN)
let bestOfNBaseline = bestOfN.first { $0.n == 1 }?.trueReward ?? sftMeasured.meanTrueReward
book.table(Table(["n", "KL bound (nats)", "learned reward", "true reward"], rows: bestOfN.map {
    [String($0.n), Format.fixed($0.kl, 3), Format.fixed($0.learned, 2), Format.fixed($0.trueReward, 2)]
}, caption: "Best-of-n on the first \(plan.bestOfNPrompts) held-out requests, \(largestN) candidates each "
            + "sampled from the SFT model; on average \(Format.fixed(distinctCandidates, 1)) of the \(largestN) are "
            + "distinct, so the bound is \(RLHFWords.bound(distinct: distinctCandidates, of: largestN)) here."))
book.status("best-of-n done after \(Format.duration(clock.seconds))")


@MainActor func frontier(_ run: PPORun) -> [(x: Double, y: Double)] {
    CurveWindows.frontier(run, window: window, baseline: sftTrueMean)
}
let bestOfNPoints = bestOfN.map { (x: $0.kl, y: $0.trueReward - bestOfNBaseline) }
/// Each PPO run's frontier, computed once for the figure and the table of peaks.
let leashedFrontiers = leashed.map { frontier($0) }, tightFrontier = frontier(tight)
let unleashedPoints = frontier(unleashed)
let bestOfNFit = GaoFit.line(bestOfNPoints, logarithmic: false)
let reinforcementFit = GaoFit.line(unleashedPoints, logarithmic: true)
let dpoPoints = dpoRuns.map { (x: Double($0.final.meanKL), y: $0.final.meanTrueReward - sftMeasured.meanTrueReward) }
let (frontierFigure, droppedPoints) = RLHFFigures.frontier(
    .init(bestOfN: bestOfNPoints, ns: plan.bestOfN, leashed: leashedFrontiers, tight: tightFrontier,
          unleashed: unleashedPoints, dpo: dpoPoints,
          strongDPO: (Double(dpoStrong.final.meanKL), dpoStrong.final.meanTrueReward - sftMeasured.meanTrueReward)),
    beta: leashBeta, tightBeta: tightBeta, bestOfNFit: bestOfNFit, reinforcementFit: reinforcementFit)
book.figure(frontierFigure, caption: "KL on a log axis. Each PPO point is \(window) steps of rollouts (training "
            + "requests; gain over "
            + "the SFT model's answers to them); best-of-n and DPO are measured on the held-out requests (gain over "
            + "the SFT model's answers there). Dashed: the functional forms of Gao, Schulman and Hilton (2022), "
            + "fitted. \(droppedPoints) point(s) with KL ≤ 0 (best-of-1 is the SFT model itself) have no place on the "
            + "log axis. The SFT answers' true rewards spread by \(Format.fixed(sftTrueSpread, 2)) points.")
let peaks = FrontierPeaks(bestOfN: bestOfNPoints, leashed: leashedFrontiers, tight: tightFrontier,
                          unleashed: unleashedPoints)
book.table(Table(["method", "highest true-reward gain", "at KL (nats)"],
                 rows: peaks.rows(beta: leashBeta, tightBeta: tightBeta, dpoGain: dpoGain, dpoKL: dpoKL),
                 caption: "Where each method's true reward peaked. PPO: the best of its windows of \(window) "
                     + "steps, the best of several noisy numbers and so biased upward; ± intervals over seeds."))
book.prose("""
Best-of-n's best gain, \(Format.fixed(peaks.bestOfN.y, 2)), costs \(Format.fixed(peaks.bestOfN.x, 2)) \
nats: it only ever picks among answers the SFT model already writes, so its KL can never pass \
log n. PPO at β = \(Format.fixed(Double(leashBeta), 2)) had its best windows at \
\(Format.fixed(peaks.leashedKL.mean, 1)) nats \
(gain \(Format.fixed(peaks.leashedGain.mean, 2))), at β = \(Format.fixed(Double(tightBeta), 1)) at \
\(Format.fixed(peaks.tight.x, 1)) nats (gain \(Format.fixed(peaks.tight.y, 2))), and without the leash its true \
reward peaked at \(Format.fixed(peaks.unleashed.x, 1)) nats (gain \(Format.fixed(peaks.unleashed.y, 2))) before it \
ran off to \(Format.fixed(unleashedPoints.map(\.x).max() ?? 0, 0)). DPO ended at \(Format.fixed(dpoKL.mean, 1)) \
nats. Gao, Schulman and Hilton (2022) \
found that, with d = √KL, best-of-n's true reward follows d(α − βd) and RL's d(α − β·log d); \
fitted here, best-of-n gives \
\(RLHFWords.fit(bestOfNFit, "d(α − βd)", points: GaoFit.usable(bestOfNPoints).count)) and the \
unleashed PPO run \
\(RLHFWords.fit(reinforcementFit, "d(α − β·log d)", points: GaoFit.usable(unleashedPoints).count)). Two \
parameters from so few noisy points: shapes to compare, not laws to confirm.
""")

// MARK: - 10. Before and after

book.section("Before and after")
book.prose("The same three held-out requests, the same sampling seeds, five policies:")
@MainActor func bestCandidate(_ index: Int) -> Int { sweep.chosen(index, n: largestN) }
book.output(shownRequests.map { index in
    evaluationRequests[index].userText + "\n"
        + "  SFT        " + shown(sftMeasured, index) + "\n"
        + "  PPO β=\(Format.fixed(Double(leashBeta), 2))   " + shown(leashed[0].final, index) + "\n"
        + "  PPO β=0    " + shown(unleashed.final, index) + "\n"
        + "  DPO β=0.1  " + shown(dpoRuns[0].final, index) + "\n"
        + "  best-of-\(largestN) [learned \(Format.signed(Double(sweep.scores[bestCandidate(index)]), 2)), true "
        + "\(Format.fixed(sweep.trueRewards[bestCandidate(index)], 2))] "
        + chat.text(of: candidates[bestCandidate(index)])
}.joined(separator: "\n\n"))

/// The share of a policy's held-out answers that name the requested character.
@MainActor func namesTheCharacter(_ responses: [[Int]]) -> Double {
    Statistics.mean(study.features(ofHeldOut: responses).map(\.heroPresent))
}
let characterSFT = namesTheCharacter(sftMeasured.responses)
let characterPPO = Estimate(leashed.map { namesTheCharacter($0.final.responses) })
let characterDPO = Estimate(dpoRuns.map { namesTheCharacter($0.final.responses) })
book.prose("""
Not every change is for the better: some tuned answers drop the requested character for \
another name and lose that term. Over all \(plan.evaluationPrompts) held-out answers the \
requested character appears in \(Format.percent(characterSFT, 0)) of the SFT model's, \
\(Format.percent(characterPPO, 0)) of PPO's and \(Format.percent(characterDPO, 0)) of DPO's (β = 0.1; \
intervals over seeds).
""")

// MARK: - 11. Personalisation

book.section("Two people, two policies")
let tasteB = HumanTaste.sadAndLong
let humanB = HiddenHuman(taste: tasteB, temperature: labelTemperature)
book.prose("""
RLHF's promise is a model tuned to *someone*. So far that someone liked happy, short stories. \
A second person agrees on grammar, coherence and answering the request, but likes **sad \
endings** and **long stories** (\(tasteB.preferredSentences.lowerBound)–\
\(tasteB.preferredSentences.upperBound) sentences). They label the very same pairs of SFT \
answers; the same pipeline — reward model, PPO at β = \(Format.fixed(Double(leashBeta), 2)), \
\(plan.seeds) seeds — runs on their labels.
""")
book.cell("The second person's reward model and PPO")
let labelsB = study.labelPairs(by: humanB, seed: seeds.secondLabels)
let labelDisagreement = zip(labelsA.examples, labelsB.examples).filter { $0.chosen != $1.chosen }.count
let sameTasteDisagreement = labelSummaryA.expectedSplits
let rewardModelB = study.trainRewardModel(on: Array(labelsB.examples.prefix(plan.trainingPairs)),
                                          label: "reward model, second person", seed: seeds.secondRewardModel)
let (heldChosenB, heldRejectedB) = rewardModelB.scores(of: Array(labelsB.examples[plan.trainingPairs...]),
                                                       padding: chat.endID)
let rewardModelBAccuracy = BradleyTerry.accuracy(chosen: heldChosenB, rejected: heldRejectedB)
let ceilingB = humanB.ceilingAccuracy(of: Array(labelsB.pairs[plan.trainingPairs...]))
let learnedRewardB = study.learnedReward(rewardModelB, normalizedOn: normalizationSample)
let personalB = (0..<plan.seeds).map { index in
    study.runPPO(beta: leashBeta, seed: seeds.secondPersonPPO(index), steps: plan.ppoSteps,
                 label: "PPO for the second person, seed \(index + 1)/\(plan.seeds)", learnedReward: learnedRewardB,
                 taste: tasteB)
}
book.status("personalisation done after \(Format.duration(clock.seconds))")

let judged = { (responses: [[Int]]) in study.judge(responses, first: tasteA, second: tasteB) }
let judgedSFT = judged(sftMeasured.responses)
let judgedA = leashed.map { judged($0.final.responses) }, judgedB = personalB.map { judged($0.final.responses) }
let row = JudgedPolicy.row
book.table(Table(["policy", "true reward, first person (happy, short)", "true reward, second person (sad, long)",
                  "happy endings", "sentences"],
                 rows: [row("SFT", [judgedSFT]), row("PPO for the first person", judgedA),
                        row("PPO for the second person", judgedB)],
                 caption: "The \(plan.evaluationPrompts) held-out requests; ± 95% intervals over \(plan.seeds) seeds."))
let lengthWords = RLHFWords.length(Estimate(judgedB.map(\.sentences)), sftSentences: judgedSFT.sentences)
book.prose("""
The two people disagree on \(labelDisagreement) of the \(plan.pairPrompts) pairs; two labels by the \
first person alone would split about \(Format.fixed(sameTasteDisagreement, 0)) of them. The second \
person's reward model orders \(Format.percent(rewardModelBAccuracy, 1)) of their held-out pairs \
as they did (their ceiling: \(Format.percent(ceilingB, 1))). For the first person's reward, the \
policy tuned for them \(RLHFWords.change(judgedA, \.rewardA, from: judgedSFT.rewardA)); the policy tuned for \
the second person \(RLHFWords.change(judgedB, \.rewardA, from: judgedSFT.rewardA)). For the second person's \
reward, their own policy \(RLHFWords.change(judgedB, \.rewardB, from: judgedSFT.rewardB)), the first \
person's \(RLHFWords.change(judgedA, \.rewardB, from: judgedSFT.rewardB)). Happy endings went from \
\(Format.percent(judgedSFT.happyShare, 0)) of the SFT answers to \
\(Format.percent(Statistics.mean(judgedA.map(\.happyShare)), 0)) under the first person's policy and \
\(Format.percent(Statistics.mean(judgedB.map(\.happyShare)), 0)) under the second's. \(lengthWords)
""")
book.output(shownRequests.prefix(2).map { index in
    evaluationRequests[index].userText + "\n"
        + "  for the first person   " + chat.text(of: leashed[0].final.responses[index]) + "\n"
        + "  for the second person  " + chat.text(of: personalB[0].final.responses[index])
}.joined(separator: "\n\n"))
let ppoRunCount = leashed.count + personalB.count + [tight, unleashed].count
let dpoRunCount = dpoRuns.count + [dpoStrong].count
book.result("reference model unchanged by \(ppoRunCount) PPO and \(dpoRunCount) DPO runs",
            reference.fingerprint == referenceFingerprint ? "yes (same parameter fingerprint)" : "NO")

// MARK: - 12. At scale

book.section("At scale")
book.prose("""
Everything above runs on a 4-layer model in minutes. The same pipeline at 7 B parameters, with \
Hugging Face's TRL:

    from trl import RewardTrainer, RewardConfig, PPOTrainer, PPOConfig, DPOTrainer, DPOConfig
    # reward model: a sequence classifier with one output, the Bradley–Terry loss on pairs
    RewardTrainer(model=AutoModelForSequenceClassification.from_pretrained(sft, num_labels=1),
                  args=RewardConfig(num_train_epochs=1), processing_class=tokenizer, train_dataset=pairs)
    # PPO: policy, frozen reference, reward model and value model (PPOConfig's defaults shown)
    PPOTrainer(args=PPOConfig(kl_coef=0.05, cliprange=0.2, vf_coef=0.1, num_ppo_epochs=4,
                              gamma=1.0, lam=0.95), processing_class=tokenizer, model=policy,
               ref_model=ref, reward_model=reward_model, value_model=value_model, train_dataset=prompts)
    # DPO: no reward model (beta=0.1 is DPOConfig's default)
    DPOTrainer(model=policy, ref_model=ref, args=DPOConfig(beta=0.1), processing_class=tokenizer,
               train_dataset=pairs)

A sketch: argument names move between TRL versions, the ideas do not.

What changes with size is memory. PPO holds **four** models — policy, reference, reward and \
value — where SFT held one; for a 7 B policy that is four copies of 14 GB in 16 bits before \
any optimizer state. The usual answer is chapter 5's: train LoRA adapters for the policy (and \
the value head) and compute the reference by switching the adapters off, so one set of base \
weights serves both; chapter 6's 4-bit base shrinks that set again. DPO needs only the policy \
and the reference, and the reference's log-probabilities can be computed once before training \
(TRL's `precompute_ref_log_probs`), as this chapter does.

InstructGPT (Ouyang et al. 2022) used a 6 B reward model for its 175 B policy, trained on \
rankings of 4 to 9 answers per prompt (every pair of a ranking in one batch, one epoch), a \
fixed KL coefficient β = 0.02, and **PPO-ptx**: gradients of the pretraining objective on \
pretraining data mixed into PPO (coefficient 27.8), so that the tuned model keeps what the \
pretrained one could do on public NLP benchmarks — paying less "alignment tax". Their labellers \
agreed with each other 72.6% of the time; our person agrees with themselves \
\(Format.percent(selfAgreementA, 1)) of the time and caps any reward model at an expected \
\(Format.percent(ceilingA, 1)): real reward models, too, are capped by their labels.
""")

// MARK: - Exercises

book.exercises(ExerciseCatalog.exercises(ofChapter: 7).map {
    ExerciseListing(number: $0.number, title: $0.title, task: $0.task, file: $0.file, hint: $0.hint)
})
book.prose("""
**Experiments: change, predict, run, explain.** These have no check; write your prediction \
down before you run.

**Experiment 7.A — A noisier person.** Set `labelTemperature` to 3. Predict the ceiling, the \
reward model's held-out accuracy, and whether PPO's true-reward gain shrinks or vanishes. Run \
and read the gain against its interval.

**Experiment 7.B — Fewer comparisons.** Train on 100 pairs instead of \(plan.trainingPairs) (change \
`trainingPairs:` in the plan at the top of the file; DPO then trains on the same 100, for \
more epochs, and the held-out set grows). Predict the reward model's held-out accuracy, and \
where the β = 0 run's true reward peaks.
""")
book.status("chapter 7 finished after \(Format.duration(clock.seconds))")
book.finish()
