import Randomness

// MARK: - Filling templates for one story

/// Writes one story's sentences: fills each template's slots with this story's cast,
/// object and place, and draws the free slots (a feeling, a creature, …) at random.
///
/// The bindings are fixed when the writer is made, which is what keeps a story coherent:
/// every `{name:hero}` is the same name, every `{adj}` the same adjective.
struct StoryWriter {
    private(set) var cast: [StoryRole: StoryCharacter]
    let object: StoryObject
    let place: String
    private(set) var sentences: [String] = []

    init(cast: [StoryRole: StoryCharacter], object: StoryObject, place: String) {
        self.cast = cast
        self.object = object
        self.place = place
    }

    /// Binds the finder role, once the plot knows who finds the lost thing.
    mutating func setFinder(_ finder: StoryCharacter) {
        cast[.finder] = finder
    }

    /// Says one of the group's templates, chosen uniformly.
    mutating func say(_ group: TemplateGroup, random: inout SplitMix64) {
        let template = group.templates[random.nextInt(below: group.templates.count)]
        sentences.append(render(template, random: &random))
    }

    /// Says one of the group's templates, with probability `probability`.
    mutating func maybeSay(_ group: TemplateGroup, probability: Float, random: inout SplitMix64) {
        if random.nextUniform() < probability { say(group, random: &random) }
    }

    /// The sentence a template makes with this story's bindings.
    func render(_ template: SentenceTemplate, random: inout SplitMix64) -> String {
        var tokens: [String] = []
        for element in template.elements {
            switch element {
            case .word(let word):
                tokens.append(word)
            case .slot(let wordClass, let role):
                tokens.append(filler(for: wordClass, role: role, random: &random))
            }
        }
        return SentenceTokens.joined(tokens)
    }

    private func character(_ role: StoryRole?, in wordClass: WordClass) -> StoryCharacter {
        guard let role, let character = cast[role] else {
            preconditionFailure("slot {\(wordClass.rawValue):\(role?.rawValue ?? "")} has no character in this story")
        }
        return character
    }

    private func filler(for wordClass: WordClass, role: StoryRole?, random: inout SplitMix64) -> String {
        switch wordClass {
        case .name: return character(role, in: wordClass).name
        case .he: return character(role, in: wordClass).kind.subjectPronoun
        case .him: return character(role, in: wordClass).kind.objectPronoun
        case .his: return character(role, in: wordClass).kind.possessive
        case .kind: return character(role, in: wordClass).kind.rawValue
        case .who:
            // Name or pronoun, half and half: the pronoun is what a model must learn to agree.
            let who = character(role, in: wordClass)
            return random.nextInt(below: 2) == 0 ? who.name : who.kind.subjectPronoun
        case .adjective: return object.adjective
        case .thing: return object.noun
        case .place: return place
        case .trait, .good, .bad, .fear, .creature, .activity, .shelter, .opener, .connector, .food:
            let members = wordClass.members
            return members[random.nextInt(below: members.count)]
        }
    }
}
