import ArgumentParser
import ChapterList
import Exercises

/// `swift run exercises [CHAPTER…]`: which exercises are attempted, passing or failing, and
/// the hint for the next one to do. `swift test --filter ExerciseTests` runs the same checks.
@main
struct ExercisesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exercises",
        abstract: "Shows each exercise's state (not attempted, passing, failing) and the next hint.",
        discussion: "The same checks run in `swift test --filter ExerciseTests`.")

    @Argument(
        help: ArgumentHelp("The chapters to show (\(ChapterList.numbersShown)); every chapter when none is given."))
    var chapters: [Int] = []

    func validate() throws {
        if let chapter = chapters.first(where: { ChapterList.chapter($0) == nil }) {
            throw ValidationError(
                "'\(chapter)' is not a chapter number (\(ChapterList.numbersShown)); "
                    + "try `swift run exercises 1`")
        }
    }

    func run() {
        let selected = ExerciseCatalog.all.filter { chapters.isEmpty || chapters.contains($0.chapter) }
        for chapter in chapters where ExerciseCatalog.exercises(ofChapter: chapter).isEmpty {
            print("Chapter \(chapter) has no exercises yet.")
        }
        var counts = (passed: 0, failed: 0, notAttempted: 0)
        var next: Exercise?
        for exercise in selected {
            switch exercise.checkReader() {
            case .passed:
                counts.passed += 1
                print("✔ passing       \(exercise.number)  \(exercise.title)")
            case .failed(let reason):
                counts.failed += 1
                print("✘ failing       \(exercise.number)  \(exercise.title)\n                   \(reason)")
                if next == nil { next = exercise }
            case .notAttempted(let number):
                counts.notAttempted += 1
                let waiting = number == exercise.number ? "" : "  (waits for exercise \(number))"
                print("· not attempted \(exercise.number)  \(exercise.title)\(waiting)")
                if next == nil { next = exercise }
            }
        }
        print("\n\(counts.passed) passing, \(counts.failed) failing, \(counts.notAttempted) not attempted.")
        if let next {
            print("\nNext: exercise \(next.number) — \(next.title), in \(next.file).")
            print("  \(next.task)\n  Hint: \(next.hint)")
        } else if !selected.isEmpty {
            print("\nAll done. Well tailored.")
        }
    }
}
