import Testing
@Test func adaptersPlaceholder() { #expect(Bool(true)) }
