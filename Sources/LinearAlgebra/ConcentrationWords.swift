// MARK: - Words for how concentrated an update's energy is

/// The phrases chapter 4 uses for the share of energy (Σσᵢ²) in the top directions of a
/// fine-tuning update ΔW. Shares are 0…1; the bands are in shares, not percentage points.
public enum ConcentrationWords {
    /// The update against the weight itself, from `difference` = update's top-k share − weight's:
    /// above 0.2 "far more concentrated", above 0.05 "more concentrated", else "no more concentrated".
    public static func againstWeight(_ difference: Double) -> String {
        difference > 0.2
            ? "far more concentrated than the weight's"
            : difference > 0.05 ? "more concentrated than the weight's" : "no more concentrated than the weight's"
    }

    /// The update against a control update, from `difference` = update's share − control's:
    /// within ±0.05 "about as concentrated as", else more or less.
    public static func againstControl(_ difference: Double) -> String {
        abs(difference) < 0.05
            ? "about as concentrated as" : difference > 0 ? "more concentrated than" : "less concentrated than"
    }
}
