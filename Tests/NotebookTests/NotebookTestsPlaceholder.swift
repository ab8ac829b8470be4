import Testing

@Test func placeholderNotebookTests() { #expect(1 + 1 == 2) }
