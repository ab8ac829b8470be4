import Testing

@testable import Corpus

// MARK: - The facts agree with the text

@Suite struct FactTests {
    let stories = StoryCorpus.stories(count: 1_000, seed: 41)

    @Test func theHeroIsIntroducedWithNameAndKindFirst() {
        for story in stories {
            #expect(story.sentences[0].contains("\(story.heroKind.rawValue) named \(story.heroName)"), "\(story.text)")
        }
    }

    @Test func theObjectAndItsAdjectiveAppear() {
        for story in stories {
            #expect(story.text.contains("\(story.objectAdjective) \(story.objectNoun)"), "\(story.text)")
            // Every mention of a thing is this story's object.
            let things = Set(WordClass.thing.members)
            let mentioned = Set(SentenceTokens.split(story.text).filter(things.contains))
            #expect(mentioned == [story.objectNoun])
        }
    }

    @Test func thePlaceAppearsWithItsArticle() {
        for story in stories {
            #expect(story.text.contains(story.placePhrase), "\(story.text)")
        }
    }

    @Test func theFriendAppearsExactlyWhenThereIsOne() {
        let names = Set(WordClass.name.members)
        for story in stories {
            let mentioned = Set(SentenceTokens.split(story.text).filter(names.contains))
            let cast = Set([story.heroName] + (story.friendName.map { [$0] } ?? []))
            #expect(mentioned == cast, "\(story.text)")
        }
    }

    @Test func helperAndFinderAreInTheStory() {
        for story in stories {
            if let helper = story.helper { #expect(helper == story.friend) }
            if let finder = story.finder {
                #expect(story.shape == .lostThing && story.isHappy)
                #expect(story.text.contains("\(finder.name) found the"))
            }
            if story.shape == .lostThing && story.isHappy { #expect(story.finder != nil) }
            if story.shape == .friendHelps && story.isHappy { #expect(story.helper == story.friend) }
        }
    }

    @Test func theLastSentenceSaysHowTheStoryEnded() {
        let good = Set(WordClass.good.members)
        let bad = Set(WordClass.bad.members)
        for story in stories {
            let feeling = SentenceTokens.split(story.sentences.last!).dropLast().last!
            #expect(story.isHappy ? good.contains(feeling) : bad.contains(feeling), "\(story.text)")
        }
    }

    @Test func heroKeepsTheObjectUnlessASadEndingTookIt() {
        for story in stories where !story.heroKeepsObject {
            #expect(story.ending == .sad)
            #expect(story.shape != .sharing)
        }
        #expect(stories.contains { !$0.heroKeepsObject })
    }

    @Test func pronounsMatchTheKind() {
        // Alone, the hero is the only one a he/she/him/his/her can mean.
        for story in stories where story.friend == nil {
            let tokens = Set(SentenceTokens.canonicalized(SentenceTokens.split(story.text)) ?? [])
                .union(story.sentences.compactMap { SentenceTokens.canonicalized(SentenceTokens.split($0))?.first })
            let kind = story.heroKind
            let wrong: Set<String> =
                switch kind {
                case .girl: ["he", "him", "his"]
                case .boy: ["she", "her"]
                case .dog, .cat, .bird: ["he", "him", "his", "she", "her"]
                }
            #expect(tokens.isDisjoint(with: wrong), "\(kind): \(story.text)")
        }
    }

    @Test func kindAndNameAgree() {
        for story in stories {
            #expect(story.hero.kind.names.contains(story.heroName))
            if let friend = story.friend { #expect(friend.kind.names.contains(friend.name)) }
        }
    }
}
