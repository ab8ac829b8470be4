import Engine
import TestSupport
import Testing

@Suite("Learning end to end")
struct TrainingTests {
    @Test func twoLayerNetworkLearnsXOR() {
        var rng = SplitMix64(seed: 2024)
        let hidden = Linear(inputDimensions: 2, outputDimensions: 8, rng: &rng)
        let output = Linear(inputDimensions: 8, outputDimensions: 1, rng: &rng)
        let parameters = hidden.parameters + output.parameters
        let optimizer = Adam(parameters: parameters, learningRate: 0.05)
        let x = Tensor(shape: [4, 2], scalars: xorInputs), y = Tensor(shape: [4, 1], scalars: xorLabels)
        var loss: Float = 1
        for _ in 0..<500 {
            let error = output(hidden(x).tanh()) - y
            let mse = (error * error).mean()
            optimizer.zeroGradient()
            mse.backward()
            optimizer.step()
            loss = mse.item
        }
        #expect(loss < 0.01)
        let predictions = Tensor.withoutGradient { output(hidden(x).tanh()) }.scalars
        #expect(predictions.map { $0 > 0.5 ? Float(1) : 0 } == xorLabels)
    }

    @Test func linearRegressionRecoversItsWeights() {
        var rng = SplitMix64(seed: 7)
        let x = Tensor.randomNormal(shape: [64, 3], rng: &rng)
        let trueWeight = Tensor(shape: [1, 3], scalars: [2, -1, 0.5])
        let y = x.matmul(trueWeight, transposingRight: true) + Tensor(shape: [1], scalars: [0.25])
        let model = Linear(inputDimensions: 3, outputDimensions: 1, rng: &rng)
        let optimizer = SGD(parameters: model.parameters, learningRate: 0.1, momentum: 0.9)
        for _ in 0..<300 {
            let error = model(x) - y
            optimizer.zeroGradient()
            (error * error).mean().backward()
            optimizer.step()
        }
        expectClose(model.weight.scalars, [2, -1, 0.5], tolerance: 1e-4)
        expectClose(model.bias!.scalars, [0.25], tolerance: 1e-4)
    }
}
