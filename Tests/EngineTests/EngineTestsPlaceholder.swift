import Testing

@Test func placeholderEngineTests() { #expect(1 + 1 == 2) }
