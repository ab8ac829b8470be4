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
            "Tom helped her look for it.",
            "In the end, Mia was happy.",
            "One day, Mia and Tom went to the old house.",
            #"Tom said, "Thank you, Mia!""#,
            #"Max asked, "Can I play with your ball?""#,
            "Thunder boomed!",
            "Mia  had a shiny key .",   // spacing does not matter
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
}
