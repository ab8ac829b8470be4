import Testing

@testable import Quantization

@Suite struct PagedOptimizerSimulationTests {
    let paging = PagedOptimizerSimulation(budgetBytes: 100, pageBytes: 10)

    @Test func nothingMovesWhenEverythingFits() {
        let step = paging.step(weights: 20, gradients: 20, optimizerState: 40, activations: 20)
        #expect(step == .init(peakBytes: 100, peakWithoutPaging: 100, pagesOut: 0, pagesIn: 0, outOfMemory: false))
    }

    @Test func justEnoughPagesGoOutAndComeBack() {
        // 20 + 20 + 40 + 35 = 115: 15 bytes too many → 2 pages of 10 out, 2 back before the update.
        let step = paging.step(weights: 20, gradients: 20, optimizerState: 40, activations: 35)
        #expect(step == .init(peakBytes: 95, peakWithoutPaging: 115, pagesOut: 2, pagesIn: 2, outOfMemory: false))
        #expect(step.bytesMoved(pageBytes: 10) == 40)
    }

    @Test func pagingCannotMakeActivationsFit() {
        let tooLong = paging.step(
            weights: 20, gradients: 20, optimizerState: 40,
            activations: 70)  // 110 without state
        #expect(tooLong.outOfMemory && tooLong.pagesOut == 4)
        let noRoomToUpdate = paging.step(weights: 40, gradients: 40, optimizerState: 40, activations: 5)
        #expect(noRoomToUpdate.outOfMemory)
    }
}
