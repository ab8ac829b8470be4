import Notebook

// MARK: - Words chosen from intervals, shared by the chapters' sentences

/// Small functions that turn measured estimates into the words a sentence uses. Each word
/// comes from `Comparison` — the estimates' intervals — never from a threshold of its own.
public enum Verdicts {
    /// The names of `others`, grouped by how `subject` compares with each: above beyond noise,
    /// within noise, below beyond noise (order kept).
    public static func grouped(_ subject: Estimate, against others: [(name: String, estimate: Estimate)])
        -> (beats: [String], ties: [String], trails: [String])
    {
        var groups: (beats: [String], ties: [String], trails: [String]) = ([], [], [])
        for other in others {
            switch Comparison(subject, other.estimate) {
            case .above: groups.beats.append(other.name)
            case .withinNoise: groups.ties.append(other.name)
            case .below: groups.trails.append(other.name)
            }
        }
        return groups
    }

    /// The names joined by commas, or "none".
    public static func listed(_ names: [String]) -> String { names.isEmpty ? "none" : names.joined(separator: ", ") }

    /// "A (x %) beats B (y %)", the verb chosen by `Comparison.verb`.
    public static func accuracySentence(_ measured: MeasuredMethod, against reference: MeasuredMethod) -> String {
        "\(measured.name) (\(Format.percent(measured.accuracy))) "
            + "\(Comparison.verb(measured.accuracy, reference.accuracy)) \(reference.name) "
            + "(\(Format.percent(reference.accuracy)))"
    }

    /// The sentence on which methods fall short of `reference` beyond noise.
    public static func shortfall(of methods: [MeasuredMethod], against reference: MeasuredMethod) -> String {
        let below = methods.filter {
            $0.name != reference.name && Comparison($0.accuracy, reference.accuracy) == .below
        }
        .map(\.name)
        return below.isEmpty
            ? "No method falls short of \(reference.name) beyond the seeds' noise."
            : "Beyond the seeds' noise, these fall short of \(reference.name): \(below.joined(separator: ", "))."
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

    /// The fastest method, or — when others are within noise of it — all of them, since naming
    /// one winner among them would read noise as a result.
    public static func fastest(_ methods: [MeasuredMethod]) -> String {
        guard let fastest = methods.min(by: { $0.secondsPerStep.mean < $1.secondsPerStep.mean }) else { return "" }
        let tied = methods.filter { Comparison($0.secondsPerStep, fastest.secondsPerStep) == .withinNoise }
        return tied.count > 1
            ? "the fastest methods here, within the seeds' noise of each other, are "
                + tied.map(\.name).joined(separator: ", ")
            : "the fastest method here is \(fastest.name)"
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
