import Testing

@testable import Experiments

/// Chapter 4's compression words, on both sides of each choice.
struct CompressionWordsTests {
    let points: [(rank: Int, loss: Double)] = [(1, 9.1), (4, 7.0), (16, 1.2), (32, 0.62), (64, 0.60), (128, 0.595)]

    @Test func ranksWorseThanAUniformGuessAreNamed() {
        let words = CompressionWords(points: points, fullLoss: 0.595, uniformLoss: 6.82)
        #expect(words.ranksWorseThanUniform == [1, 4])
        #expect(words.caption(quarterOfWidth: 32, width: 128).hasPrefix("Cut to rank 4 or less, the model does worse"))
    }

    @Test func whatTheWeakDirectionsAddIsMeasured() throws {
        let words = CompressionWords(points: points, fullLoss: 0.595, uniformLoss: 6.82)
        #expect(abs(try #require(words.lossAdded(beyond: 32)) - 0.025) < 1e-12)
        #expect(words.caption(quarterOfWidth: 32, width: 128).contains("beyond rank 32 lower the loss by 0.025 nats"))
    }

    /// The other side: no rank is worse than a uniform guess.
    @Test func aModelThatNeverCollapsesIsNotSaidTo() {
        let better = points.map { (rank: $0.rank, loss: min($0.loss, 5)) }
        let words = CompressionWords(points: better, fullLoss: 0.595, uniformLoss: 6.82)
        #expect(words.ranksWorseThanUniform.isEmpty)
        #expect(words.caption(quarterOfWidth: 32, width: 128).hasPrefix("At every rank tried"))
    }
}
