import Engine
import TestSupport
import Testing

@Suite("Autograd")
struct AutogradTests {
    @Test func gradientsAccumulateAcrossBackwardCalls() {
        let x = Tensor(shape: [3], scalars: [1, 2, 3])
        x.requiresGradient = true
        (x * x).sum().backward()
        #expect(x.gradient!.scalars == [2, 4, 6])
        (x * x).sum().backward()
        #expect(x.gradient!.scalars == [4, 8, 12])
        x.zeroGradient()
        #expect(x.gradient == nil)
    }

    @Test func aTensorUsedTwiceGetsBothContributions() {
        let x = Tensor(shape: [2], scalars: [3, -1])
        x.requiresGradient = true
        let y = x * x + x.scaled(by: 5)  // dy/dx = 2x + 5
        y.sum().backward()
        #expect(x.gradient!.scalars == [11, 3])
    }

    @Test func noGradientScopeRecordsNothing() {
        let x = Tensor(shape: [2], scalars: [1, 2])
        x.requiresGradient = true
        let y = Tensor.withoutGradient { (x * x).exp().sum() }
        #expect(!y.requiresGradient)
        #expect(Tensor.gradientsAreEnabled)
        let z = (x * x).sum()
        #expect(z.requiresGradient)
    }

    @Test func inputsWithoutGradientGetNone() {
        let x = Tensor(shape: [2], scalars: [1, 2])
        let w = Tensor(shape: [2], scalars: [3, 4])
        w.requiresGradient = true
        (x * w).sum().backward()
        #expect(x.gradient == nil)
        #expect(w.gradient!.scalars == [1, 2])
    }

    @Test func deepGraphsDoNotOverflowTheStack() {
        let x = Tensor(shape: [1], scalars: [1])
        x.requiresGradient = true
        var y = x
        for _ in 0..<20_000 { y = y.scaled(by: 1) + Tensor(shape: [1], scalars: [0]) }
        y.sum().backward()
        #expect(x.gradient!.scalars == [1])
    }

    @Test func seededBackwardScalesTheGradient() {
        let x = Tensor(shape: [2], scalars: [1, 2])
        x.requiresGradient = true
        x.scaled(by: 3).backward(seed: Tensor(shape: [2], scalars: [1, -2]))
        #expect(x.gradient!.scalars == [3, -6])
    }
}
