// MARK: - Paged optimizers, simulated

/// A simulation — not an implementation — of what bitsandbytes' paged optimizers
/// (`paged_adamw_32bit`, Dettmers et al. 2023, §3 "Paged Optimizers") do on a GPU.
///
/// There, the optimizer's state lives in CUDA *unified memory*: pages the driver moves
/// between GPU and CPU RAM on demand. When a step's activations (a long sequence, a big
/// batch) would not fit beside the state, the driver evicts state pages to CPU RAM instead
/// of failing with out-of-memory; before the optimizer update reads them, bitsandbytes
/// prefetches them back. A CPU has no such second memory, so this models it with a byte
/// budget: each step's memory is weights + gradients + activations + the state pages that
/// are resident, and pages move whole.
///
/// Per step:
/// 1. forward and backward need W + G + A + resident state ≤ budget: evict just enough
///    state pages (⌈excess / page⌉) to fit; if even with every page out W + G + A > budget,
///    the step is out of memory — paging cannot help with activations;
/// 2. the update needs all the state (and W + G, not A): every evicted page comes back in.
///
/// Example:
/// ```swift
/// var paging = PagedOptimizerSimulation(budgetBytes: 64 << 20, pageBytes: 2 << 20)
/// let step = paging.step(weights: w, gradients: g, optimizerState: s, activations: a)
/// print(step.pagesOut, step.bytesMoved, step.outOfMemory)
/// ```
public struct PagedOptimizerSimulation: Sendable {
    /// The device's memory, in bytes.
    public let budgetBytes: Int
    /// The unit moved between device and host: 2 MiB, the size CUDA's unified memory migrates
    /// in large transfers (its smallest fault granularity is 4 kB–64 kB; the figure is a choice).
    public let pageBytes: Int

    /// What one simulated step did.
    public struct Step: Sendable, Equatable {
        /// Bytes held during forward and backward, with paging (state pages out where needed).
        public let peakBytes: Int
        /// What the peak would be without paging: everything resident.
        public let peakWithoutPaging: Int
        /// State pages moved to host memory for this step's forward and backward.
        public let pagesOut: Int
        /// Pages brought back before the update (all that went out).
        public let pagesIn: Int
        /// Whether even paging every state page out does not make the activations fit, or
        /// the update itself (weights, gradients and all the state) does not.
        public let outOfMemory: Bool

        /// Bytes copied between device and host, both ways.
        public func bytesMoved(pageBytes: Int) -> Int { (pagesOut + pagesIn) * pageBytes }
    }

    public init(budgetBytes: Int, pageBytes: Int = 2 << 20) {
        precondition(budgetBytes > 0 && pageBytes > 0, "a budget and a page size must be positive")
        self.budgetBytes = budgetBytes
        self.pageBytes = pageBytes
    }

    /// One training step of the simulation.
    ///
    /// - Parameters: bytes of weights, gradients, optimizer state and of the step's
    ///   activation peak (measured, e.g. by `TensorMemory`).
    public func step(weights: Int, gradients: Int, optimizerState: Int, activations: Int) -> Step {
        precondition(
            weights >= 0 && gradients >= 0 && optimizerState >= 0 && activations >= 0,
            "byte counts cannot be negative")
        let statePages = (optimizerState + pageBytes - 1) / pageBytes
        let fixed = weights + gradients + activations
        let everything = fixed + optimizerState
        guard everything > budgetBytes else {
            return Step(
                peakBytes: everything, peakWithoutPaging: everything, pagesOut: 0, pagesIn: 0,
                outOfMemory: false)
        }
        // Paging moves optimizer state only, and the update needs all of it resident.
        guard fixed <= budgetBytes, weights + gradients + optimizerState <= budgetBytes else {
            return Step(
                peakBytes: fixed, peakWithoutPaging: everything, pagesOut: statePages, pagesIn: statePages,
                outOfMemory: true)
        }
        let excess = everything - budgetBytes
        let out = min(statePages, (excess + pageBytes - 1) / pageBytes)
        let resident = max(0, optimizerState - out * pageBytes)
        return Step(
            peakBytes: fixed + resident, peakWithoutPaging: everything, pagesOut: out, pagesIn: out,
            outOfMemory: false)
    }
}
