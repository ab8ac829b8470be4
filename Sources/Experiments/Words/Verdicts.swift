import Notebook

// MARK: - Words chosen from intervals, shared by the chapters' sentences

/// Small functions that turn measured estimates into the words a sentence uses. Each word
/// comes from `Comparison` — the estimates' intervals — never from a threshold of its own.
public enum Verdicts {
    /// "LoRA r = 8 beats every other parameter-efficient method": `subject` against each of
    /// `others` by accuracy, the verbs from `Comparison.verb`, arranged by `StandingWords`.
    /// - Parameter name: what the sentence calls the subject (its short name, say).
    public static func standing(
        _ subject: MeasuredMethod, called name: String, against others: [MeasuredMethod], noun: StandingWords.Noun
    ) -> String {
        let comparisons = others.map { (name: $0.name, verb: Comparison.verb(subject.accuracy, $0.accuracy)) }
        return StandingWords.sentence(StandingWords.subject(name, against: comparisons, noun: noun))
    }

    /// "A (x %) beats B (y %)", the verb chosen by `Comparison.verb`.
    public static func accuracySentence(_ measured: MeasuredMethod, against reference: MeasuredMethod) -> String {
        "\(measured.name) (\(Format.percent(measured.accuracy))) "
            + "\(Comparison.verb(measured.accuracy, reference.accuracy)) \(reference.name) "
            + "(\(Format.percent(reference.accuracy)))"
    }

    /// The sentence on how every other method stands against `reference` by accuracy: "Every
    /// other method falls short of full fine-tuning", or with the few that do not named first.
    public static func shortfall(of methods: [MeasuredMethod], against reference: MeasuredMethod) -> String {
        let comparisons = methods.filter { $0.name != reference.name }.map {
            (name: $0.name, verb: Comparison.verb($0.accuracy, reference.accuracy))
        }
        let noun = StandingWords.Noun(one: "method", many: "methods")
        return StandingWords.sentence(StandingWords.others(comparisons, against: reference.name, noun: noun))
    }

    /// Two findings at once, as Biderman et al. titled theirs ("LoRA Learns Less and Forgets
    /// Less"): which halves a measurement reproduces.
    public static func learnsLessForgetsLess(learnsLess: Bool, forgetsLess: Bool) -> String {
        switch (learnsLess, forgetsLess) {
        case (true, true): "reproduces both halves of it: LoRA learns less and forgets less"
        case (true, false): "reproduces only the first half: LoRA learns less, but it does not forget less beyond noise"
        case (false, true):
            "reproduces only the second half: LoRA forgets less, but it does not learn less beyond noise"
        case (false, false): "does not reproduce it: neither difference exceeds the seeds' noise"
        }
    }

    /// "is faster than", "is slower than" or "takes about as long as (within the seeds' noise)".
    public static func stepTime(_ first: Estimate, against second: Estimate) -> String {
        switch Comparison(first, second) {
        case .below: "is faster than"
        case .above: "is slower than"
        case .withinNoise: "takes about as long as (within the seeds' noise)"
        }
    }

    /// Which method has the fastest step, and how the others stand against it: "BitFit (biases) has
    /// the fastest step (22.8 ms), and every other method is within the seeds' noise of it". A
    /// method within noise of the fastest is not called slower, since that would read noise as a result.
    public static func fastest(_ methods: [MeasuredMethod]) -> String {
        guard let fastest = methods.min(by: { $0.secondsPerStep.mean < $1.secondsPerStep.mean }) else { return "" }
        let others = methods.filter { $0.name != fastest.name }.map { method in
            let verb =
                Comparison(method.secondsPerStep, fastest.secondsPerStep) == .withinNoise
                ? "is within the seeds' noise of" : "is slower than"
            return (name: method.name, verb: verb)
        }
        let lead = "\(fastest.name) has the fastest step (\(Format.fixed(fastest.secondsPerStep.mean * 1000, 1)) ms)"
        guard !others.isEmpty else { return StandingWords.sentence(lead) }
        let noun = StandingWords.Noun(one: "method", many: "methods")
        return StandingWords.sentence(lead + ", and " + StandingWords.others(others, against: "it", noun: noun))
    }
}

extension Verdicts {
    /// What LoRA's measured peak says against full fine-tuning's: a saving, or why there is none
    /// (the activations its low-rank path adds outweigh the gradients and Adam state it saves).
    /// A peak is counted by the engine's allocator, not sampled: the same run gives the same
    /// bytes, so any peak below full fine-tuning's is a saving and none is noise.
    public static func memory(lora: MeasuredMethod, full: MeasuredMethod) -> String {
        let ratio = Double(lora.peakBytes) / Double(max(full.peakBytes, 1))
        let fullState = 12 * full.budget.trainable
        return lora.peakBytes < full.peakBytes
            ? "LoRA r = 8's peak is \(Format.percent(ratio, 0)) of full fine-tuning's: it saves full fine-tuning's "
                + "\(Format.bytes(fullState)) of gradients and Adam state, while every method pays for the frozen "
                + "weights and the activations of the forward pass, which it keeps for its backward pass."
            : "LoRA r = 8's peak is \(Format.percent(ratio, 0)) of full fine-tuning's — no saving at this size: the "
                + "\(Format.bytes(fullState)) of gradients and Adam state it does not need are outweighed by the "
                + "activations its low-rank path adds. For every adapted projection the engine keeps, for the "
                + "backward pass, the r-wide x·Aᵀ, its product with Bᵀ and the sum with the frozen output — the last "
                + "two as large as the layer's own output. (Tailor's graph holds every intermediate tensor until the "
                + "backward pass; PyTorch's autograd keeps only what each backward needs, and would free the out-wide "
                + "product.)"
    }
}
