import Alignment
import Engine
import TestSupport
import Testing
import Transformers

@Suite struct LogProbabilityTests {
    let prompts = [[1, 2, 3], [4, 5]]
    let responses = [[6, 7], [8, 9, 10]]

    @Test func batchBookkeeping() {
        let batch = ResponseBatch(prompts: prompts, responses: responses, padding: 0)
        #expect(batch.length == 5 && batch.tokens == [1, 2, 3, 6, 7, 4, 5, 8, 9, 10])
        // Row 0: positions 2, 3 predict 6, 7; row 1: positions 1, 2, 3 predict 8, 9, 10.
        #expect(batch.responseTargets == [-1, -1, 6, 7, -1, -1, 8, 9, 10, -1])
        #expect(batch.actionIndices == [[2, 3], [6, 7, 8]])
        #expect(batch.lastTokenIndices == [4, 4])
        let padded = ResponseBatch(prompts: [[1], [2, 3, 4]], responses: [[5], [6, 7]], padding: 15)
        #expect(padded.tokens == [1, 5, 15, 15, 15, 2, 3, 4, 6, 7] && padded.lastTokenIndices == [1, 4])
    }

    @Test func logProbabilitiesCountOnlyResponseTokens() {
        let model = tinyGPT()
        let batch = ResponseBatch(prompts: prompts, responses: responses, padding: 0)
        let perToken = Tensor.withoutGradient { model.responseLogProbabilities(batch) }
        #expect(perToken.shape == [2, 5])
        // Masked positions are exactly 0.
        for (index, target) in batch.responseTargets.enumerated() where target == -1 {
            #expect(perToken.scalars[index] == 0)
        }
        // Each response token's number is the log-softmax of its own row's logits, computed alone.
        for row in 0..<2 {
            let ids = prompts[row] + responses[row]
            let logSoftmax = Tensor.withoutGradient { model(ids, batch: 1).logSoftmax(alongAxis: -1) }  // [1, T, V]
            for (k, token) in responses[row].enumerated() {
                let position = prompts[row].count - 1 + k
                expectClose(perToken[row, position], logSoftmax[0, position, token], tolerance: 1e-5)
            }
        }
        // The sequence sum is the sum of those, and neither padding nor its id changes it.
        let sums = Tensor.withoutGradient { model.sequenceLogProbabilities(batch) }.scalars
        let expectedSums = [perToken.scalars[0..<5].reduce(0, +), perToken.scalars[5..<10].reduce(0, +)]
        expectClose(sums, expectedSums, tolerance: 1e-5)
        let repadded = ResponseBatch(
            prompts: prompts + [[1, 1, 1, 1, 1, 1]], responses: responses + [[2]], padding: 11)
        let withPadding = Tensor.withoutGradient { model.sequenceLogProbabilities(repadded) }.scalars
        expectClose(Array(withPadding.prefix(2)), sums, tolerance: 1e-5)
    }

    @Test func promptAndPaddingGetNoGradient() {
        // The gradient of Σ log π(response) reaches the embeddings of the tokens read before a
        // response target, but not the padding's (after the response) nor a row's last token's.
        let model = tinyGPT()
        let batch = ResponseBatch(prompts: [[1, 2], [3]], responses: [[4], [5, 6, 7]], padding: 12)
        model.sequenceLogProbabilities(batch).sum().backward()
        let table = model.tokenEmbedding.table
        let gradient = table.gradient?.scalars ?? []
        let width = table.shape[1]
        func touched(_ id: Int) -> Bool { gradient[(id * width)..<((id + 1) * width)].contains { $0 != 0 } }
        #expect(touched(1) && touched(2) && touched(3) && touched(5) && touched(6), "every token read before a target")
        #expect(!touched(12), "padding sits after the response: causal attention never lets it matter")
        #expect(!touched(4) && !touched(7), "a row's last token predicts nothing: its input embedding gets no gradient")
    }
}
