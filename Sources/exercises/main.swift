import Exercises

// `swift run exercises [chapter]`: which exercises are attempted, passing or failing, and the
// hint for the next one to do. `swift test --filter ExerciseTests` runs the same checks.

let arguments = CommandLine.arguments.dropFirst()
if arguments.contains("--help") || arguments.contains("-h") {
    print("usage: swift run exercises [CHAPTER]\n  Shows each exercise's state (not attempted, passing, failing) and the next hint.")
    exit(0)
}
var chapters: Set<Int>? = nil
for argument in arguments {
    guard let chapter = Int(argument), (1...7).contains(chapter) else {
        print("exercises: '\(argument)' is not a chapter number (1–7); try `swift run exercises 1`")
        exit(2)
    }
    chapters = (chapters ?? []).union([chapter])
}

let selected = ExerciseCatalog.all.filter { chapters?.contains($0.chapter) ?? true }
var counts = (passed: 0, failed: 0, notAttempted: 0)
var next: Exercise?
for exercise in selected {
    let state: String
    switch exercise.checkReader() {
    case .passed:
        counts.passed += 1
        state = "✔ passing      "
    case .failed(let reason):
        counts.failed += 1
        state = "✘ failing      "
        print("\(state) \(exercise.number)  \(exercise.title)\n                   \(reason)")
        if next == nil { next = exercise }
        continue
    case .notAttempted:
        counts.notAttempted += 1
        state = "· not attempted"
        if next == nil { next = exercise }
    }
    print("\(state) \(exercise.number)  \(exercise.title)")
}
print("\n\(counts.passed) passing, \(counts.failed) failing, \(counts.notAttempted) not attempted.")
if let next {
    print("\nNext: exercise \(next.number) — \(next.title), in \(next.file).\n  \(next.task)\n  Hint: \(next.hint)")
} else if !selected.isEmpty {
    print("\nAll done. Well tailored.")
}

import Foundation
