import Testing

@testable import Corpus

// MARK: - Every generated sentence is grammatical

@Suite struct GrammarTests {
    @Test func everySentenceOfThousandsOfStoriesIsGrammatical() {
        var rejected: [String] = []
        var checked = 0
        for story in StoryCorpus.stories(count: 3_000, seed: 21) {
            for sentence in story.sentences {
                checked += 1
                if !StoryWorld.isGrammatical(sentence) { rejected.append(sentence) }
            }
        }
        #expect(checked > 25_000)
        #expect(rejected.isEmpty, "rejected: \(rejected.prefix(5))")
    }

    @Test func everyTemplateIsSaidSomewhere() {
        // Each distinct template matches at least one generated sentence: no dead rules.
        let sentences = StoryCorpus.stories(count: 3_000, seed: 22).flatMap(\.sentences)
        let tokenized = Set(sentences.compactMap { SentenceTokens.canonicalized(SentenceTokens.split($0)) })
        for template in StoryTemplates.distinctTemplates {
            #expect(tokenized.contains { template.matches($0) }, "never said: \(template.text)")
        }
    }

    @Test func knownGoodSentences() {
        let good = [
            "Once upon a time, there was a little girl named Mia.",
            "Mia had a shiny key.",
            "One day, she went to the forest.",
            "Then, she lost the key.",
            "She lost the key.",
            "Tom helped her look for it.",
            "In the end, Mia was happy.",
            "One day, Mia and Tom went to the old house.",
            #"Tom said, "Thank you, Mia!""#,
            #"Max asked, "Can I play with your ball?""#,
            "Thunder boomed!",
            "Mia  had a shiny key .",  // spacing does not matter
        ]
        for sentence in good {
            #expect(StoryWorld.isGrammatical(sentence), "\(sentence)")
        }
    }

    @Test func theGrammarListsEveryTemplateAndClass() {
        let grammar = StoryWorld.grammar
        for template in StoryTemplates.distinctTemplates {
            #expect(grammar.contains(template.grammarLine))
        }
        for wordClass in WordClass.allCases {
            #expect(grammar.contains("<\(wordClass.rawValue)> ::="))
        }
        #expect(grammar.contains("<story>"))
        #expect(StoryTemplates.all.count >= 40)
    }

    @Test func theStoryRulesNameOnlyRealGroups() {
        // Every <group> in the hand-written story rules is a real sentence rule, a class or a story part.
        let known = Set(StoryTemplates.all.map(\.name))
            .union(["story", "beginning", "middle", "ending", "lost thing", "trip", "friend helps", "storm", "sharing"])
        var names: [String] = []
        var scanner = StoryWorld.grammar.split(separator: "\n").prefix { !$0.hasPrefix("Sentences") }.joined()[...]
        while let open = scanner.firstIndex(of: "<"), let close = scanner[open...].firstIndex(of: ">") {
            names.append(String(scanner[scanner.index(after: open)..<close]))
            scanner = scanner[scanner.index(after: close)...]
        }
        #expect(names.count > 30)
        for name in names where !name.contains(":") && name != "x" && name != "a" {
            #expect(known.contains(name), "the story rules mention <\(name)>, which is no rule")
        }
    }

    @Test func storiesFollowTheRulesOfTheirShape() {
        // The story rules of the printed grammar, as which sentence rules each middle may use.
        let middleGroups: [StoryShape: (prefix: String, shared: Set<String>)] = [
            .lostThing: ("lost.", ["go-together", "oh-no", "thanks"]),
            .trip: ("trip.", ["bring"]),
            .friendHelps: ("help.", ["thanks"]),
            .storm: ("storm.", ["go-together", "bring"]),
            .sharing: ("share.", ["bring"]),
        ]
        func group(_ name: String) -> TemplateGroup { StoryTemplates.all.first { $0.name == name }! }
        func said(_ sentence: String, by groups: [TemplateGroup]) -> Bool {
            let tokens = SentenceTokens.canonicalized(SentenceTokens.split(sentence))!
            return groups.contains { $0.templates.contains { $0.matches(tokens) } }
        }
        for story in StoryCorpus.stories(count: 1_000, seed: 23) {
            let (prefix, shared) = middleGroups[story.shape]!
            let middle = StoryTemplates.all.filter { $0.name.hasPrefix(prefix) || shared.contains($0.name) }
            let sentences = story.sentences
            #expect(said(sentences[0], by: [group("introduction")]))
            #expect(said(sentences[1], by: [group("possession")]))
            #expect(said(sentences.last!, by: [group("ending.\(story.ending.rawValue)")]))
            let friendSaid = said(sentences[2], by: [group("friend")])
            for sentence in sentences[(friendSaid ? 3 : 2)..<(sentences.count - 1)] {
                #expect(said(sentence, by: middle), "\(story.shape): \(sentence)")
            }
        }
    }
}
