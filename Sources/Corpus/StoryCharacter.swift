// MARK: - Who lives in the story world

/// What kind of creature a character is; the kind fixes the pronouns.
///
/// Animals are "it", as in the picture books this world imitates.
///
/// Example:
/// ```swift
/// CharacterKind.girl.subjectPronoun   // "she"
/// CharacterKind.dog.possessive        // "its"
/// ```
public enum CharacterKind: String, Sendable, Hashable, CaseIterable, Codable {
    case girl, boy, dog, cat, bird

    /// The names a character of this kind may have. No name belongs to two kinds,
    /// so a name alone tells its kind (the coherence check relies on that).
    public var names: [String] {
        switch self {
        case .girl: ["Mia", "Lily", "Anna", "Sara", "Emma", "Zoe", "Lucy", "Amy"]
        case .boy: ["Tom", "Ben", "Sam", "Leo", "Jack", "Tim", "Dan", "Bob"]
        case .dog: ["Max", "Rex", "Buddy", "Spot"]
        case .cat: ["Kitty", "Mittens", "Luna", "Tiger"]
        case .bird: ["Pip", "Kiwi", "Coco"]
        }
    }

    /// "he", "she" or "it": the pronoun when the character does something.
    public var subjectPronoun: String {
        switch self {
        case .girl: "she"
        case .boy: "he"
        case .dog, .cat, .bird: "it"
        }
    }

    /// "him", "her" or "it": the pronoun when something is done to the character.
    public var objectPronoun: String {
        switch self {
        case .girl: "her"
        case .boy: "him"
        case .dog, .cat, .bird: "it"
        }
    }

    /// "his", "her" or "its": what belongs to the character.
    public var possessive: String {
        switch self {
        case .girl: "her"
        case .boy: "his"
        case .dog, .cat, .bird: "its"
        }
    }

    /// The kind whose `names` contain `name`, or nil for a name the world does not know.
    public static func of(name: String) -> CharacterKind? {
        kindByName[name]
    }

    private static let kindByName: [String: CharacterKind] = {
        var table: [String: CharacterKind] = [:]
        for kind in CharacterKind.allCases {
            for name in kind.names { table[name] = kind }
        }
        return table
    }()
}

/// A character of a story: a name and the kind that goes with it.
///
/// Example:
/// ```swift
/// let mia = StoryCharacter(name: "Mia", kind: .girl)
/// mia.kind.subjectPronoun   // "she"
/// ```
public struct StoryCharacter: Sendable, Hashable, Codable {
    /// The character's name, capitalised ("Mia").
    public let name: String
    /// Girl, boy, dog, cat or bird.
    public let kind: CharacterKind

    /// Creates a character; the name should be one of `kind.names` for the text to be coherent.
    public init(name: String, kind: CharacterKind) {
        self.name = name
        self.kind = kind
    }
}

/// The one thing a story is about: a noun with its adjective ("red ball").
///
/// Example:
/// ```swift
/// let ball = StoryObject(adjective: "red", noun: "ball")
/// ball.phrase   // "red ball"
/// ```
public struct StoryObject: Sendable, Hashable, Codable {
    /// The adjective that stays with the object for the whole story ("red", "shiny").
    public let adjective: String
    /// The object's noun ("ball", "key").
    public let noun: String

    /// Creates an object from its adjective and noun.
    public init(adjective: String, noun: String) {
        self.adjective = adjective
        self.noun = noun
    }

    /// Adjective and noun together: "red ball".
    public var phrase: String { "\(adjective) \(noun)" }
}
