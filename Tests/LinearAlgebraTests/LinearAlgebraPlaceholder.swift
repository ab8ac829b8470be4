import Testing

@Test func placeholderLinearAlgebra() { #expect(1 + 1 == 2) }
