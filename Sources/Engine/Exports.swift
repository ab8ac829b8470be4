// Every layer takes a seeded generator, so whoever imports Engine gets `SplitMix64` too.
@_exported import Randomness
