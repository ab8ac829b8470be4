// MARK: - A story and its facts

/// The plot a story follows between its beginning and its ending.
///
/// Example:
/// ```swift
/// let trips = StoryCorpus.stories(count: 100, seed: 1).filter { $0.shape == .trip }
/// print(StoryShape.trip.title)   // "a trip"
/// ```
public enum StoryShape: String, Sendable, Hashable, CaseIterable, Codable {
    /// The hero loses the object; it is found (happy) or not (sad).
    case lostThing
    /// Hero and friend go on a trip; it goes well (happy) or badly (sad).
    case trip
    /// The object gets stuck; a friend gets it back (happy) or cannot (sad).
    case friendHelps
    /// A storm at the place; the hero keeps the object (happy) or the wind takes it (sad).
    case storm
    /// The friend wants to play with the object; the hero shares (happy) or quarrels (sad).
    case sharing

    /// A few words for tables: "a lost thing", "a trip", …
    public var title: String {
        switch self {
        case .lostThing: "a lost thing"
        case .trip: "a trip"
        case .friendHelps: "a friend who helps"
        case .storm: "a storm"
        case .sharing: "sharing or a quarrel"
        }
    }
}

/// How a story ends; the last sentence says it ("In the end, Mia was happy.").
///
/// Example:
/// ```swift
/// let sad = StoryCorpus.stories(count: 100, seed: 1).filter { $0.ending == .sad }
/// ```
public enum StoryEnding: String, Sendable, Hashable, CaseIterable, Codable {
    case happy, sad
}

/// One generated story: its sentences, and the facts a question about it can check.
///
/// The facts are true of the text by construction: the hero's name opens the story, the
/// object keeps its adjective throughout, the last sentence says how the hero feels.
/// Chapter 5 turns them into questions with exact answers ("Where did Mia go?" → "the park").
///
/// Example:
/// ```swift
/// var generator = StoryGenerator(seed: 1)
/// let story = generator.nextStory()
/// print(story.text)
/// print(story.heroName, story.objectAdjective, story.objectNoun, story.place, story.ending)
/// ```
public struct Story: Sendable, Hashable, Codable {
    /// The plot.
    public let shape: StoryShape
    /// Happy or sad.
    public let ending: StoryEnding
    /// The character the story is about.
    public let hero: StoryCharacter
    /// The hero's friend, if the story has one.
    public let friend: StoryCharacter?
    /// The object the story is about, with its adjective.
    public let object: StoryObject
    /// Where the hero goes, without its article: "park", "old house".
    public let place: String
    /// Who helped the hero (looked with them, or got the object back), if anyone did.
    public let helper: StoryCharacter?
    /// Who found the lost object (lost-thing stories with a happy ending only).
    public let finder: StoryCharacter?
    /// Whether the hero still has the object when the story ends.
    public let heroKeepsObject: Bool
    /// The sentences, in order, each ending in ".", "!" or "?" (or a closing quote after one).
    public let sentences: [String]

    /// Creates a story from its facts and sentences; `StoryGenerator` is the usual source.
    public init(
        shape: StoryShape, ending: StoryEnding, hero: StoryCharacter, friend: StoryCharacter?,
        object: StoryObject, place: String, helper: StoryCharacter?, finder: StoryCharacter?,
        heroKeepsObject: Bool, sentences: [String]
    ) {
        self.shape = shape
        self.ending = ending
        self.hero = hero
        self.friend = friend
        self.object = object
        self.place = place
        self.helper = helper
        self.finder = finder
        self.heroKeepsObject = heroKeepsObject
        self.sentences = sentences
    }

    /// The story as one paragraph: its sentences joined by single spaces.
    public var text: String { sentences.joined(separator: " ") }

    // MARK: - The facts, spelled out

    /// The hero's name: "Mia".
    public var heroName: String { hero.name }
    /// The hero's kind: `.girl`.
    public var heroKind: CharacterKind { hero.kind }
    /// The friend's name, or nil when the hero is alone.
    public var friendName: String? { friend?.name }
    /// The object's noun: "ball".
    public var objectNoun: String { object.noun }
    /// The object's adjective: "red".
    public var objectAdjective: String { object.adjective }
    /// The place with its article: "the old house".
    public var placePhrase: String { "the \(place)" }
    /// Whether the ending is happy.
    public var isHappy: Bool { ending == .happy }
}
