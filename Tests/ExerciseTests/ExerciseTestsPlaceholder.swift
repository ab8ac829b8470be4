import Testing

@Test func placeholderExerciseTests() { #expect(1 + 1 == 2) }
