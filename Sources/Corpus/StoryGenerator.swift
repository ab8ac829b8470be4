import Randomness

// MARK: - The generator

/// A seeded source of stories: the same seed gives the same stories, in the same order.
///
/// Each story draws a shape (uniformly among the five), an ending (happy or sad, half and
/// half), a hero (any name; the name fixes the kind), a friend (always in trips, sharing
/// and friend-helps stories, half the time otherwise), an object (adjective × noun) and
/// a place; then says a beginning, the shape's middle and an ending.
///
/// Example:
/// ```swift
/// var generator = StoryGenerator(seed: 42)
/// let story = generator.nextStory()
/// print(story.text)   // "Once upon a time, there was a brave girl named Mia. …"
/// ```
public struct StoryGenerator: Sendable {
    private var random: SplitMix64

    /// Creates a generator whose stories are fixed by `seed`.
    public init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    /// The next story of the stream.
    public mutating func nextStory() -> Story {
        let shape = StoryShape.allCases[random.nextInt(below: StoryShape.allCases.count)]
        let ending: StoryEnding = random.nextInt(below: 2) == 0 ? .happy : .sad
        let hero = drawCharacter(differentFrom: nil)
        let needsFriend = shape == .trip || shape == .sharing || shape == .friendHelps
        let friend = needsFriend || random.nextInt(below: 2) == 0 ? drawCharacter(differentFrom: hero.name) : nil
        let adjectives = WordClass.adjective.members
        let nouns = WordClass.thing.members
        let object = StoryObject(
            adjective: adjectives[random.nextInt(below: adjectives.count)],
            noun: nouns[random.nextInt(below: nouns.count)])
        let places = WordClass.place.members
        let place = places[random.nextInt(below: places.count)]

        var plot = Plot(
            shape: shape, ending: ending, hero: hero, friend: friend,
            object: object, place: place)
        plot.write(random: &random)
        return plot.story
    }

    private mutating func drawCharacter(differentFrom excluded: String?) -> StoryCharacter {
        let names = WordClass.name.members
        while true {
            let name = names[random.nextInt(below: names.count)]
            if name != excluded { return StoryCharacter(name: name, kind: CharacterKind.of(name: name)!) }
        }
    }
}
