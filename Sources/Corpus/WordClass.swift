// MARK: - The word classes of the grammar

/// A class of interchangeable words or phrases: a slot in a sentence template.
///
/// A template writes a slot as `{class}` or `{class:role}` (`{name:hero}`): the class says
/// which words may stand there, the role (hero, friend, finder) says which character of
/// the story the generator puts there. The grammar checker reads only the class.
/// Members are written in their canonical case: names capitalised, everything else lower case.
/// A member may be a phrase of several words ("old house", "after a while").
///
/// No member that follows the article "a" starts with a vowel, so "a" never needs to be "an".
///
/// Example:
/// ```swift
/// WordClass.place.members.contains("old house")   // true
/// WordClass(rawValue: "thing")                     // .thing
/// ```
public enum WordClass: String, Sendable, Hashable, CaseIterable {
    /// A character's name: "Mia", "Tom", "Max".
    case name
    /// A subject pronoun: he, she, it.
    case he
    /// An object pronoun: him, her, it.
    case him
    /// A possessive: his, her, its.
    case his
    /// A name or a subject pronoun: whoever does something.
    case who
    /// What a character is: girl, boy, dog, cat, bird.
    case kind
    /// How a character is introduced: little, brave, shy, …
    case trait
    /// The adjective of the story's object: red, shiny, soft, …
    case adjective = "adj"
    /// The story's object: ball, kite, key, …
    case thing
    /// Where the story goes: park, forest, old house, …
    case place
    /// A happy feeling.
    case good
    /// A sad feeling.
    case bad
    /// A fearful feeling.
    case fear
    /// A small animal one can see outside: frog, duck, …
    case creature
    /// Something one does for fun, in the past tense: ran, jumped, …
    case activity
    /// Something to hide or look under: tree, table, rock, …
    case shelter
    /// A time phrase that starts the middle of a story: one day, the next day, …
    case opener
    /// A time phrase that moves a story on: then, soon, after a while, …
    case connector
    /// Something to eat on a trip.
    case food

    /// Every word or phrase of the class, canonical case, in a fixed order.
    public var members: [String] {
        switch self {
        case .name: CharacterKind.allCases.flatMap(\.names)
        case .he: ["he", "she", "it"]
        case .him: ["him", "her", "it"]
        case .his: ["his", "her", "its"]
        case .who: WordClass.name.members + WordClass.he.members
        case .kind: CharacterKind.allCases.map(\.rawValue)
        case .trait: ["little", "small", "kind", "brave", "shy", "curious", "funny", "clever", "gentle", "busy"]
        case .adjective:
            [
                "red", "blue", "green", "yellow", "pink", "purple", "shiny", "soft", "new", "tiny", "big",
                "golden",
            ]
        case .thing:
            [
                "ball", "kite", "doll", "hat", "book", "key", "box", "boat", "drum", "car", "train", "cup",
                "balloon", "shell", "bell", "robot",
            ]
        case .place:
            [
                "park", "forest", "beach", "garden", "lake", "farm", "zoo", "river", "hill", "market", "school",
                "meadow", "old house", "dark cave",
            ]
        case .good: ["happy", "glad", "proud", "excited", "cheerful"]
        case .bad: ["sad", "lonely", "upset", "unhappy"]
        case .fear: ["scared", "worried", "afraid", "frightened"]
        case .creature: ["frog", "duck", "bee", "butterfly", "snail", "squirrel", "rabbit", "fox", "turtle", "mouse"]
        case .activity:
            ["ran", "jumped", "danced", "sang", "laughed", "played", "climbed", "swam", "hopped", "skipped"]
        case .shelter: ["tree", "table", "bridge", "rock", "bench", "bush"]
        case .opener: ["one day", "one morning", "one sunny day", "one evening", "the next day"]
        case .connector: ["then", "soon", "later", "after a while"]
        case .food: ["cake", "cookies", "apples", "sandwiches", "berries", "bread"]
        }
    }

    /// The members split into words, for the matcher.
    var memberWords: [[String]] { members.map { $0.split(separator: " ").map(String.init) } }
}
