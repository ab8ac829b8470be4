// MARK: - The grammar, written down

extension StoryWorld {
    /// The whole grammar as text, ready to print: how a story is put together, every
    /// sentence template, and every word class with its members.
    ///
    /// The story rules are written by hand to mirror `Plot`; the sentence rules and word
    /// classes are printed from the very tables the generator and the checker use.
    public static let grammar: String = {
        var lines: [String] = []
        lines.append("THE STORY WORLD — a grammar")
        lines.append("")
        lines.append("A story is one paragraph. <x> is one word or phrase of class x; <x:role> also says")
        lines.append("which character the generator puts there (hero, friend, finder) — the checker reads")
        lines.append("only the class. [a] is said sometimes; (a | b) is one of the two.")
        lines.append("")
        lines.append(contentsOf: storyRules)
        lines.append("")
        let templateCount = StoryTemplates.distinctTemplates.count
        lines.append("Sentences (\(templateCount) templates):")
        for group in StoryTemplates.all {
            let head = "  <\(group.name)> ::= "
            let indent = String(repeating: " ", count: head.count - 2) + "| "
            for (index, template) in group.templates.enumerated() {
                lines.append((index == 0 ? head : indent) + template.grammarLine)
            }
        }
        lines.append("")
        lines.append("Word classes (\(vocabulary.count) distinct words in the world):")
        for wordClass in WordClass.allCases {
            let members = wordClass == .who ? ["<name>", "<he>"] : wordClass.members
            lines.append("  <\(wordClass.rawValue)> ::= " + members.joined(separator: " | "))
        }
        lines.append(
            "  names by kind: "
                + CharacterKind.allCases.map { kind in
                    "\(kind.rawValue) (\(kind.subjectPronoun)/\(kind.objectPronoun)/\(kind.possessive)): "
                        + kind.names.joined(separator: " ")
                }.joined(separator: "; "))
        return lines.joined(separator: "\n")
    }()

    /// How a story is assembled from sentence rules; mirrors `Plot.write`.
    private static let storyRules: [String] = [
        "<story>        ::= <beginning> <middle> <ending>",
        "<beginning>    ::= <introduction> <possession> [<friend>]",
        "<middle>       ::= <lost thing> | <trip> | <friend helps> | <storm> | <sharing>",
        "<ending>       ::= <ending.happy> | <ending.sad>",
        "<lost thing>   ::= (<lost.go-alone> | <go-together>) [<lost.fun-alone> | <lost.fun-together>] [<oh-no>]",
        "                   <lost.loss> <lost.feeling> (<lost.search-alone> | <lost.search-together>)",
        "                   ( <lost.found> (<lost.hug> | <thanks>)                  happy",
        "                   | <lost.gone-alone> | <lost.gone-together> )            sad",
        "<trip>         ::= <trip.go> <bring> <trip.fun> [<trip.fun>]",
        "                   ( <trip.good-time> <trip.home>                          happy",
        "                   | <trip.thing-lost> <trip.floated-away>                 sad",
        "                   | <trip.mishap> <trip.home-early> )                     sad",
        "<friend helps> ::= <help.play> <help.stuck> <help.reach> <help.feeling>",
        "                   (<help.arrive-known> | <help.arrive-new>) [<help.ask>]",
        "                   ( <help.rescue> <thanks> [<help.best-friends>]          happy",
        "                   | <help.fail> <help.leave> )                            sad",
        "<storm>        ::= (<storm.go-alone> | <go-together> <bring>) <storm.clouds> <storm.weather> <storm.fear>",
        "                   (<storm.hide-alone> | <storm.hide-together> [<storm.comfort>])",
        "                   ( <storm.over> [<storm.sun>] <storm.kept>               happy",
        "                   | <storm.taken> [<storm.never-again>] )                 sad",
        "<sharing>      ::= <share.play> <bring> <share.want>",
        "                   ( <share.yes> <share.together>                          happy",
        "                   | <share.no> <share.leave> <share.alone> )              sad",
        "A friend is in every trip, sharing and friend-helps story, and in half the others;",
        "a friend-helps story introduces the friend in the beginning or when they arrive.",
    ]
}
