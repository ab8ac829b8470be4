// MARK: - How a fine-tuning run's seeds come from the experiment's seed

/// The two generators of one fine-tuning run, derived from the run's seed alone — not from the
/// method — so that every method trained with seed s sees the same batches in the same order:
/// runs that share a seed share their data, and can be compared paired.
///
/// The multipliers are distinct primes so the streams of seed s and seed s + 1 do not overlap
/// in SplitMix64's sequence; the constants are the book's since chapter 5 was first written,
/// and changing them changes every fine-tuning number.
public enum RunSeeds {
    /// Seeds the generator that initialises the method's new pieces (LoRA's A, adapters, …).
    public static func initialization(_ seed: UInt64) -> UInt64 { seed &* 7_919 &+ 2 }
    /// Seeds the order in which the trainer draws its batches.
    public static func batchOrder(_ seed: UInt64) -> UInt64 { seed &* 104_729 &+ 1 }
}
