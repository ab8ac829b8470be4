// MARK: - Chapter 7's seed streams, named once

/// Every seed chapter 7 derives from its run's `--seed`, one name per random stream, so no
/// two streams collide and the chapter writes no seed arithmetic. The offsets are the ones the
/// chapter has always used: changing one moves every number it woven from that stream.
public struct RLHFSeeds: Sendable, Hashable {
    /// The run's seed (`--seed`).
    public let base: UInt64

    public init(_ base: UInt64) { self.base = base }

    /// The stories of the world the demonstrations are cut from.
    public var demonstrations: UInt64 { base &+ 1 }
    /// The requests the SFT model answers twice for labelling (and PPO trains on).
    public var pairRequests: UInt64 { base &+ 2 }
    /// Supervised fine-tuning's batch order.
    public var supervisedTuning: UInt64 { base &+ 3 }
    /// The held-out requests every policy is measured on.
    public var evaluationRequests: UInt64 { base &+ 4 }
    /// The first person's label noise.
    public var firstLabels: UInt64 { base &+ 5 }
    /// The first person's reward model (head initialisation and batch order).
    public var firstRewardModel: UInt64 { base &+ 6 }
    /// The example story whose true reward the page takes apart term by term.
    public var exampleStory: UInt64 { base &+ 7 }
    /// The second person's label noise.
    public var secondLabels: UInt64 { base &+ 8 }
    /// The second person's reward model.
    public var secondRewardModel: UInt64 { base &+ 9 }
    /// PPO at the main β, training seed `index` (0-based).
    public func leashedPPO(_ index: Int) -> UInt64 { base &+ 100 &+ UInt64(index) }
    /// PPO without a KL penalty.
    public var unleashedPPO: UInt64 { base &+ 200 }
    /// DPO at β = 0.1, training seed `index`.
    public func dpo(_ index: Int) -> UInt64 { base &+ 300 &+ UInt64(index) }
    /// DPO at the larger β.
    public var strongDPO: UInt64 { base &+ 310 }
    /// PPO on the tighter leash.
    public var tightPPO: UInt64 { base &+ 400 }
    /// PPO for the second person, training seed `index`.
    public func secondPersonPPO(_ index: Int) -> UInt64 { base &+ 500 &+ UInt64(index) }
    /// The sampler of pair answer `index` (answer i and answer i + n form pair i).
    public func pairSampling(_ index: Int) -> UInt64 { base &+ 1_000 &+ UInt64(index) }
    /// The sampler of held-out request `index`: the same for every policy measured.
    public func evaluationSampling(_ index: Int) -> UInt64 { base &+ 50_000 &+ UInt64(index) }
    /// The sampler of best-of-n candidate `index`.
    public func bestOfNSampling(_ index: Int) -> UInt64 { base &+ 70_000 &+ UInt64(index) }
}
