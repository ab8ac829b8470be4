import Randomness
import Testing

@testable import Corpus

@Suite struct InductionTaskTests {
    @Test func theSecondCopyIsScoredAndItsAnswerFollowsTheFirstOccurrence() {
        let task = InductionTask(vocabulary: 16, shortest: 3, longest: 6)
        var rng = SplitMix64(seed: 3)
        for _ in 0..<50 {
            let (tokens, length) = task.sequence(rng: &rng)
            #expect(tokens.count == task.sequenceLength && (3...6).contains(length))
            let segment = Array(tokens.suffix(length))
            #expect(Array(tokens.suffix(2 * length).prefix(length)) == segment && Set(segment).count == length)
            #expect(tokens.dropLast(2 * length).allSatisfy { !segment.contains($0) }, "filler avoids the segment")
            for t in (task.sequenceLength - length)..<task.inputLength {
                let answer = task.answerPosition(query: t, in: tokens)
                #expect(answer.map { tokens[$0] } == tokens[t + 1])
            }
        }
        let batch = task.batch(4, rng: &rng)
        #expect(batch.inputs.count == 4 * task.inputLength && batch.targets.count == batch.inputs.count)
    }
}

/// The no-lookup reference of chapter 2, by hand.
@Test func unrepeatedGuessByHand() {
    let task = InductionTask(vocabulary: 8, shortest: 2, longest: 3)  // inputLength 5
    // A segment of 3 scores 2 inputs: guesses among 2, then 1 → (1/2 + 1) / 2 = 0.75.
    #expect(task.unrepeatedGuessAccuracy(targets: [-1, -1, -1, 4, 5]) == 0.75)
    #expect(task.unrepeatedGuessAccuracy(targets: [-1, -1, -1, 4, 5]) != 0.5)
}
