import Randomness
import Testing

@Suite("SplitMix64")
struct SplitMix64Tests {
    /// The reference implementation's first outputs for seed 0 (Vigna's splitmix64.c).
    @Test func knownAnswerForSeedZero() {
        var rng = SplitMix64(seed: 0)
        #expect(
            [rng.next(), rng.next(), rng.next()] == [
                0xe220_a839_7b1d_cdaf, 0x6e78_9e6a_a1b9_65f4,
                0x06c4_5d18_8009_454f,
            ])
    }

    @Test func sameSeedSameStreamAndDrawsStayInRange() {
        var a = SplitMix64(seed: 42), b = SplitMix64(seed: 42)
        for _ in 0..<1_000 {
            let u = a.nextUniform(), d = a.nextUniformDouble(), i = a.nextInt(below: 7)
            #expect(u == b.nextUniform() && d == b.nextUniformDouble() && i == b.nextInt(below: 7))
            #expect((0..<1).contains(u) && (0..<1).contains(d) && (0..<7).contains(i))
            #expect(a.nextNormal().isFinite == b.nextNormal().isFinite)
        }
    }

    /// A weight of zero is never drawn; the others are, roughly in proportion.
    @Test func categoricalFollowsItsWeights() {
        var rng = SplitMix64(seed: 5)
        var counts = [0, 0, 0]
        for _ in 0..<10_000 { counts[rng.nextCategorical([1, 0, 3])] += 1 }
        #expect(counts[1] == 0)
        #expect((2_300...2_700).contains(counts[0]), "expected about 2,500 draws of index 0, got \(counts[0])")
    }

    /// The generic normal draw is the generator's own: the same numbers from the same seed.
    @Test func genericNormalMatchesTheGenerators() {
        var a = SplitMix64(seed: 9), b = SplitMix64(seed: 9)
        for _ in 0..<100 { #expect(a.nextNormal() == Float(b.nextStandardNormal())) }
    }
}
