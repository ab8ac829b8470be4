import Testing

@testable import Notebook

/// The sentences that say where one method stands against many: at most three names, the rest
/// grouped, never an empty list; each grouping choice tested on both sides of its boundary.
@Suite struct StandingWordsTests {
    let cheap = StandingWords.Noun(one: "cheap method", many: "cheap methods")
    let methods = StandingWords.Noun(one: "method", many: "methods")

    /// `count` items named "m1", "m2", … all with `verb`.
    func items(_ count: Int, _ verb: String, from start: Int = 1) -> [(name: String, verb: String)] {
        (start..<start + count).map { ("m\($0)", verb) }
    }

    @Test func oneGroupOfSeveralIsEveryOther() {
        let clause = StandingWords.subject("LoRA", against: items(6, "beats"), noun: cheap)
        #expect(clause == "LoRA beats every other cheap method")
        // Two are still a group of all: "every", not a list.
        #expect(
            StandingWords.subject("LoRA", against: items(2, "beats"), noun: cheap)
                == "LoRA beats every other cheap method")
        // One alone is named.
        #expect(StandingWords.subject("LoRA", against: items(1, "beats"), noun: cheap) == "LoRA beats m1")
    }

    @Test func smallGroupsAreNamedWhileAtMostThreeNames() {
        // Three names in all: every group named, in the order their verbs first appear.
        let three = items(2, "beats") + items(1, "is within noise of", from: 3)
        #expect(
            StandingWords.subject("LoRA", against: three, noun: cheap)
                == "LoRA beats m1 and m2 and is within noise of m3")
        // Four names: the larger group is grouped, and goes last.
        let four = items(3, "beats") + items(1, "is within noise of", from: 4)
        #expect(
            StandingWords.subject("LoRA", against: four, noun: cheap)
                == "LoRA is within noise of m4 and beats every other cheap method")
    }

    @Test func namedGroupsKeepTheirVerbOrder() {
        let mixed = items(1, "falls short of") + items(1, "beats", from: 2) + items(1, "is within noise of", from: 3)
        #expect(
            StandingWords.subject("LoRA", against: mixed, noun: cheap)
                == "LoRA falls short of m1, beats m2 and is within noise of m3")
    }

    @Test func twoLargeGroupsAreCounted() {
        let clause = StandingWords.subject(
            "LoRA", against: items(4, "beats") + items(4, "matches", from: 5), noun: cheap)
        #expect(clause == "LoRA beats four other cheap methods and matches the remaining four")
        #expect(!clause.contains("m1"))
    }

    @Test func neverAnEmptyListNorOfNone() {
        #expect(StandingWords.subject("LoRA", against: [], noun: cheap) == "")
        #expect(StandingWords.others([], against: "full fine-tuning", noun: methods) == "")
        for beats in 0...4 {
            for ties in 0...4 {
                let clause = StandingWords.subject(
                    "LoRA", against: items(beats, "beats") + items(ties, "is within noise of", from: 10), noun: cheap)
                #expect(!clause.contains("none") && !clause.contains("of ,") && !clause.hasSuffix(" of"))
                // At most three names, whatever the sizes of the groups.
                let names = clause.split(separator: " ").filter {
                    $0.hasPrefix("m") && $0.dropFirst().allSatisfy(\.isNumber)
                }
                #expect(names.count <= StandingWords.namedAtMost)
            }
        }
    }

    @Test func othersAsSubjectsTakeTheRightNumber() {
        let one = items(1, "is within noise of") + items(5, "falls short of", from: 2)
        #expect(
            StandingWords.others(one, against: "full fine-tuning", noun: methods)
                == "m1 is within noise of full fine-tuning; every other method falls short of it")
        let two = items(2, "is within noise of") + items(4, "falls short of", from: 3)
        #expect(
            StandingWords.others(two, against: "full fine-tuning", noun: methods)
                == "m1 and m2 are within noise of full fine-tuning; every other method falls short of it")
        #expect(
            StandingWords.others(items(3, "falls short of"), against: "it", noun: methods)
                == "every other method falls short of it")
    }

    /// A wrong arrangement would say LoRA beats a method its interval put within noise.
    @Test func aVerbIsNeverMovedToAnotherName() {
        let clause = StandingWords.subject(
            "LoRA", against: [("BitFit", "beats"), ("IA³", "is within noise of"), ("prompt tuning", "beats")],
            noun: cheap)
        #expect(clause == "LoRA beats BitFit and prompt tuning and is within noise of IA³")
        #expect(clause != "LoRA beats BitFit, IA³ and prompt tuning")
    }

    /// Ranks against full fine-tuning are not "other" ranks, until one of them has been named.
    @Test func otherOnlyWhereItIsTrue() {
        let ranks = StandingWords.Noun(one: "rank", many: "ranks", sameKindAsSubject: false)
        #expect(
            StandingWords.others(items(3, "falls short of"), against: "it", noun: ranks)
                == "every rank falls short of it")
        #expect(
            StandingWords.others(items(1, "matches") + items(4, "falls short of", from: 2), against: "it", noun: ranks)
                == "m1 matches it; every other rank falls short of it")
    }

    @Test func partsAndNamesForSentencesOfOtherShapes() {
        let ranks = StandingWords.Noun(one: "rank", many: "ranks", sameKindAsSubject: false)
        let parts = StandingWords.parts(of: items(2, "falls short of") + items(1, "matches", from: 3), noun: ranks)
        #expect(parts.map(\.words) == ["m1 and m2", "m3"])
        #expect(parts.map(\.isPlural) == [true, false])
        #expect(StandingWords.named(["a", "b", "c"], noun: ranks) == "a, b and c")
        #expect(StandingWords.named(["a", "b", "c", "d"], noun: ranks) == "four ranks")
    }

    @Test func pluralsAndSentences() {
        #expect(StandingWords.plural(of: "falls short of") == "fall short of")
        #expect(StandingWords.plural(of: "is within noise of") == "are within noise of")
        #expect(StandingWords.plural(of: "matches") == "match")
        #expect(StandingWords.plural(of: "beats") == "beat")
        #expect(
            StandingWords.sentence("every other method falls short of it") == "Every other method falls short of it.")
        #expect(StandingWords.sentence("r = 8 beats r = 1") == "r = 8 beats r = 1.")  // a symbol keeps its case
        #expect(StandingWords.sentence("") == "")
        #expect(StandingWords.countWord(4) == "four" && StandingWords.countWord(13) == "13")
    }
}
