// MARK: - Where one item stands against many, in the sentence a person would write

/// Arranges comparisons that are already made — each item's name and the verb its interval chose
/// ("beats", "is within noise of", "falls short of"; see `Comparison.verb`) — into one clause that
/// names at most three items and groups the rest:
///
///     subject("LoRA r = 8", against: [(BitFit, beats), (IA³, is within noise of), (…, beats) ×4], …)
///       == "LoRA r = 8 is within noise of IA³ and beats every other parameter-efficient method"
///     others([(LoRA, is within noise of), (BitFit, falls short of), …], against: "full fine-tuning", …)
///       == "LoRA is within noise of full fine-tuning; every other method falls short of it"
///
/// This type chooses no word of its own about a result: items that share a verb form a group,
/// and a group is named in full only while the clause names at most `namedAtMost` items; the
/// others are counted ("four other methods"), or, when one group is left, called "every other
/// method" (see `Noun`). Named groups come first, in the order their verb first appears; a
/// clause never holds an empty list ("of none").
public enum StandingWords {
    /// How a group of unnamed items is called: `one` after "every" ("method"), `many` after a count
    /// ("methods"), each with "other" before it when the items are of the same kind as the one they
    /// are compared with (a method against other methods), or when some items were named before.
    public struct Noun: Sendable, Hashable {
        public let one: String, many: String
        public let sameKindAsSubject: Bool
        public init(one: String, many: String, sameKindAsSubject: Bool = true) {
            self.one = one
            self.many = many
            self.sameKindAsSubject = sameKindAsSubject
        }
    }

    /// At most this many names in one clause; the rest are grouped.
    public static let namedAtMost = 3

    /// "LoRA r = 8 beats BitFit and prompt tuning and is within noise of IA³": `subject` against
    /// each of `others` (the verbs read "subject <verb> other"). Empty when there are no others.
    public static func subject(
        _ subject: String, against others: [(name: String, verb: String)], noun: Noun
    ) -> String {
        let parts = arranged(others, noun: noun)
        guard !parts.isEmpty else { return "" }
        return "\(subject) " + listed(parts.map { "\($0.verb) \($0.words)" })
    }

    /// "LoRA r = 8 is within noise of full fine-tuning; every other method falls short of it":
    /// each of `items` against `reference` (the verbs read "item <verb> reference", in the singular;
    /// a group of several takes the plural). Empty when there are no items.
    public static func others(
        _ items: [(name: String, verb: String)], against reference: String, noun: Noun
    ) -> String {
        arranged(items, noun: noun).enumerated().map { index, part in
            let verb = part.isPlural ? plural(of: part.verb) : part.verb
            return "\(part.words) \(verb) \(index == 0 ? reference : "it")"
        }.joined(separator: "; ")
    }

    /// `clause` as a sentence: its first letter capitalized (unless the first word is a single
    /// letter, a symbol such as "r = 8"), and a full stop. Empty stays empty.
    public static func sentence(_ clause: String) -> String {
        guard let first = clause.first else { return "" }
        let firstWord = clause.prefix { $0 != " " }
        let start = firstWord.count > 1 ? first.uppercased() : String(first)
        return start + clause.dropFirst() + "."
    }

    /// "two" … "twelve", then digits.
    public static func countWord(_ n: Int) -> String {
        let words = [
            "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        ]
        return words.indices.contains(n) ? words[n] : String(n)
    }

    /// The third-person plural of a verb phrase in the singular: "falls short of" → "fall short of",
    /// "is within noise of" → "are within noise of", "matches" → "match".
    public static func plural(of verb: String) -> String {
        let words = verb.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard let head = words.first, !head.isEmpty else { return verb }
        let irregular = ["is": "are", "has": "have", "does": "do", "was": "were"]
        let pluralHead: String
        if let known = irregular[head] {
            pluralHead = known
        } else if ["ches", "shes", "sses", "xes"].contains(where: head.hasSuffix) {
            pluralHead = String(head.dropLast(2))
        } else if head.hasSuffix("s") {
            pluralHead = String(head.dropLast())
        } else {
            pluralHead = head
        }
        return ([pluralHead] + words.dropFirst()).joined(separator: " ")
    }

    // MARK: - Grouping and naming

    private struct Group {
        let verb: String
        var names: [String]
    }

    /// Items sharing a verb, in the order each verb first appears.
    private static func grouped(_ items: [(name: String, verb: String)]) -> [Group] {
        var groups: [Group] = []
        for item in items {
            if let index = groups.firstIndex(where: { $0.verb == item.verb }) {
                groups[index].names.append(item.name)
            } else {
                groups.append(Group(verb: item.verb, names: [item.name]))
            }
        }
        return groups
    }

    /// The items sharing a verb, as a clause calls them: "r = 8 and r = 64", "every other rank".
    public struct Part: Sendable, Hashable {
        public let verb: String, words: String, isPlural: Bool
    }

    /// The groups `subject` and `others` put in a clause, for a sentence of another shape ("at
    /// r = 8 and r = 64, α/r falls short of α/√r"): named groups first, the smallest named first
    /// while the clause holds at most `namedAtMost` names, the rest grouped as `Noun` says.
    public static func parts(of items: [(name: String, verb: String)], noun: Noun) -> [Part] {
        arranged(items, noun: noun).map { Part(verb: $0.verb, words: $0.words, isPlural: $0.isPlural) }
    }

    /// `names` in a clause: "a", "a and b", "a, b and c", or, beyond `namedAtMost`, counted
    /// ("four kinds", from `noun.many`).
    public static func named(_ names: [String], noun: Noun) -> String {
        names.count > namedAtMost ? "\(countWord(names.count)) \(noun.many)" : listed(names)
    }

    /// Each group's verb and how its items are called (and whether that phrase is plural): named
    /// groups first, the smallest named first while the clause holds at most `namedAtMost` names.
    private static func arranged(
        _ items: [(name: String, verb: String)], noun: Noun
    ) -> [(verb: String, words: String, isPlural: Bool)] {
        let groups = grouped(items)
        var named = Set<Int>()
        var total = 0
        for index in groups.indices.sorted(by: { (groups[$0].names.count, $0) < (groups[$1].names.count, $1) }) {
            let count = groups[index].names.count
            guard total + count <= namedAtMost else { break }
            named.insert(index)
            total += count
        }
        // One group holding every item is always "every …": a list of them all says less.
        if groups.count == 1, groups[0].names.count > 1 { named = [] }
        let unnamed = groups.indices.filter { !named.contains($0) }
        let namedParts = groups.indices.filter(named.contains).map { index in
            (verb: groups[index].verb, words: listed(groups[index].names), isPlural: groups[index].names.count > 1)
        }
        let other = noun.sameKindAsSubject || !namedParts.isEmpty ? "other " : ""
        let unnamedParts = unnamed.enumerated().map { position, index in
            let count = groups[index].names.count
            if unnamed.count == 1 {
                return (verb: groups[index].verb, words: "every \(other)\(noun.one)", isPlural: false)
            }
            let words =
                position == unnamed.count - 1
                ? "the remaining \(countWord(count))" : "\(countWord(count)) \(other)\(noun.many)"
            return (verb: groups[index].verb, words: words, isPlural: true)
        }
        return namedParts + unnamedParts
    }

    /// "a", "a and b", "a, b and c".
    private static func listed(_ words: [String]) -> String {
        guard words.count > 1 else { return words.first ?? "" }
        return words.dropLast().joined(separator: ", ") + " and " + words[words.count - 1]
    }
}
