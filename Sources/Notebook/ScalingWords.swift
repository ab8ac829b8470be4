// MARK: - Words for a scaling experiment's result

/// The phrases chapter 3's scaling paragraph chooses from its measured losses and fitted exponent.
public enum ScalingWords {
    /// Whether final validation losses, ordered from the narrowest model to the widest, never rise
    /// (nats; equal losses count as not rising).
    public static func ordering(finalLosses: [Double]) -> String {
        zip(finalLosses, finalLosses.dropFirst()).allSatisfy { $0.1 <= $0.0 }
            ? "each wider model ends lower than the narrower ones"
            : "the final losses do not fall with every step in width"
    }

    /// "steeper than" or "no steeper than" a reference exponent (both positive, as in L ∝ C^−α;
    /// Kaplan et al. 2020 measured α = 0.050 for compute).
    public static func steepness(exponent: Double, against reference: Double) -> String {
        exponent > reference ? "steeper than" : "no steeper than"
    }
}
