import Corpus
import Notebook

/// Exact match per kind of reading question, for every method, against each kind's majority
/// answer — and the sentence that says where the best method beats it.
public struct KindBreakdown {
    public let table: Table
    /// The kinds where the best method beats the majority answer beyond noise, and where not.
    public let kindsWon: [String], kindsNotWon: [String]
    /// On the kinds not won, the best single run ("93 % on where did they go?").
    public let bestSingleRuns: [String]
    /// Whether on every kind not won some single run is 10 points above the majority answer.
    public let someRunLearned: Bool

    /// - Parameters:
    ///   - methods: measured on the test split; `testKinds[i]` is the kind of test question i.
    ///   - untunedMatches: the untuned model's matches on the same questions.
    public init(
        methods: [MeasuredMethod], testKinds: [StoryQuestionKind], untunedMatches: [Bool],
        majorityAnswer: [StoryQuestionKind: String], majorityShare: [StoryQuestionKind: Double]
    ) {
        var table = Table(["question", "majority answer", "untuned"] + methods.map(\.name))
        var won: [String] = [], notWon: [String] = [], singles: [String] = []
        var learned = true
        for kind in StoryQuestionKind.allCases {
            let untuned = untunedMatches.indices.filter { testKinds[$0] == kind }.map { untunedMatches[$0] }
            let perMethod = methods.map { $0.accuracy(where: { testKinds[$0] == kind }) }
            let majority = majorityShare[kind] ?? 0
            table.append(
                [
                    "\(kind.title) (\(majorityAnswer[kind] ?? "—"))", Format.percent(majority, 0),
                    Format.percent(share(untuned), 0),
                ] + perMethod.map { Format.percent($0, 0) })
            let best = perMethod.max { $0.mean < $1.mean } ?? Estimate(constant: 0)
            if Comparison(best, Estimate(constant: majority)) == .above {
                won.append(kind.title)
            } else {
                notWon.append(kind.title)
                let single = perMethod.flatMap(\.values).max() ?? 0
                singles.append("\(Format.percent(single, 0)) on \"\(kind.title)\"")
                learned = learned && single > majority + 0.1
            }
        }
        self.table = table
        kindsWon = won
        kindsNotWon = notWon
        bestSingleRuns = singles
        someRunLearned = learned
    }

    /// What the table shows about the majority baseline, for runs of `steps` steps.
    public func verdict(steps: Int) -> String {
        guard !kindsNotWon.isEmpty else {
            return "On every kind the best method of that kind beats it beyond the seeds' noise."
        }
        // At most three kinds are named; more are counted, and the table names them.
        let kinds = StandingWords.Noun(one: "kind", many: "kinds", sameKindAsSubject: false)
        let allKinds = StoryQuestionKind.allCases.count
        let standing: String
        if kindsWon.isEmpty {
            standing = "On no kind of the \(allKinds) does the best method beat it beyond the seeds' noise. "
        } else {
            let notWon =
                kindsNotWon.count <= StandingWords.namedAtMost
                ? StandingWords.named(kindsNotWon.map { "\"\($0)\"" }, noun: kinds)
                : "the other \(StandingWords.countWord(kindsNotWon.count))"
            standing =
                "The best method of each kind beats it on \(kindsWon.count) of \(allKinds) kinds, but not on \(notWon). "
        }
        let singles: String
        if bestSingleRuns.count <= StandingWords.namedAtMost {
            singles =
                "There the best single run reaches \(StandingWords.named(bestSingleRuns, noun: kinds))"
                + (someRunLearned ? ", so the seeds disagree" : "")
        } else {
            singles =
                someRunLearned
                ? "On each of them some single run is 10 points above the majority answer, so the seeds disagree"
                : "The table gives the best single run of each"
        }
        var words = standing + singles
        let copyKinds: Set<String> = [StoryQuestionKind.place.title, StoryQuestionKind.object.title]
        if someRunLearned, Set(kindsNotWon).isSubset(of: copyKinds) {
            words +=
                ": copying a place or an object from the excerpt is learned within \(steps) steps "
                + "in some runs and not in others. Whether more steps would settle it, this run does not test."
        } else {
            words += "."
        }
        return words
    }
}
