import Testing

@Test func placeholderCorpusTests() { #expect(1 + 1 == 2) }
