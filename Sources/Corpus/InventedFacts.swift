import Randomness

// MARK: - A second task: facts the model has never seen, to memorise

/// One invented fact: a made-up creature and the place it lives.
///
/// Example: `InventedFact(name: "Zorvek", place: "lake").question   // "Where does the Zorvek live?"`
public struct InventedFact: Sendable, Hashable, Codable {
    /// A made-up name that no story of the world contains ("Zorvek").
    public let name: String
    /// One of the world's places ("lake", "old house").
    public let place: String

    public init(name: String, place: String) {
        self.name = name
        self.place = place
    }

    /// "Where does the Zorvek live?"
    public var question: String { "Where does the \(name) live?" }
    /// "the lake" — what the model must answer, exactly.
    public var answer: String { "the \(place)" }
}

/// A fixed table of invented facts (Biderman et al. 2024 contrast such *knowledge* with
/// *instructions*): the answer is not in the prompt, so fine-tuning must store it in the
/// weights. The names are drawn from syllables the story world never uses together, and each
/// creature gets a place uniformly at random, so nothing about the name predicts its answer.
///
/// Example:
/// ```swift
/// let facts = InventedFacts.table(count: 150, seed: 11)
/// facts[0].question, facts[0].answer      // ("Where does the Quibrel live?", "the zoo")
/// ```
public enum InventedFacts {
    static let onsets = ["z", "qu", "v", "gr", "bl", "th", "k", "sn", "pl", "dr", "fl", "w", "j", "pr", "st", "x"]
    static let vowels = ["o", "a", "i", "e", "u", "oo", "ai", "y"]
    static let codas = ["rv", "mp", "x", "l", "nd", "sk", "b", "rg", "ff", "zz", "t", "n"]

    /// `count` facts, distinct names, seeded.
    public static func table(count: Int, seed: UInt64) -> [InventedFact] {
        precondition(count > 0 && count <= 2_000, "between 1 and 2,000 facts, got \(count)")
        var rng = SplitMix64(seed: seed)
        let places = WordClass.place.members
        var names: Set<String> = []
        var facts: [InventedFact] = []
        while facts.count < count {
            var name = ""
            for _ in 0..<2 {
                name += onsets[rng.nextInt(below: onsets.count)] + vowels[rng.nextInt(below: vowels.count)]
            }
            name += codas[rng.nextInt(below: codas.count)]
            name = name.prefix(1).uppercased() + name.dropFirst()
            guard !names.contains(name), !StoryWorld.vocabulary.contains(name) else { continue }
            names.insert(name)
            facts.append(InventedFact(name: name, place: places[rng.nextInt(below: places.count)]))
        }
        return facts
    }

    /// The share of the commonest answer: what always answering it scores.
    public static func majorityShare(_ facts: [InventedFact]) -> Double {
        var counts: [String: Int] = [:]
        for fact in facts { counts[fact.place, default: 0] += 1 }
        return Double(counts.values.max() ?? 0) / Double(max(facts.count, 1))
    }
}
