import Testing

@Test func placeholderTokenizationTests() { #expect(1 + 1 == 2) }
