import Engine
import Foundation
import TestSupport
import Testing

@Suite("Optimizers and schedules")
struct OptimizerTests {
    /// A parameter with a given gradient.
    func parameter(_ values: [Float], gradient: [Float]) -> Tensor {
        let p = Tensor(shape: [values.count], scalars: values)
        p.requiresGradient = true
        p.gradient = Tensor(shape: [values.count], scalars: gradient)
        return p
    }

    @Test func adamWFirstStepMatchesHandComputation() throws {
        // t = 1: m = 0.1·g, v = 0.001·g², m̂ = g, v̂ = g², so the step is η·g/(|g| + ε) ≈ η·sign(g);
        // decay first: p ← p(1 − ηλ). p = 1, g = 0.5: 1·(1 − 0.001) − 0.1 = 0.899;
        // p = −3, g = −2: −3·(1 − 0.001) + 0.1 = −2.897.
        let p = parameter([1, -3], gradient: [0.5, -2])
        let optimizer = AdamW(parameters: [p], learningRate: 0.1, weightDecay: 0.01)
        optimizer.step()
        expectClose(p.scalars, [0.899, -2.897], tolerance: 1e-6)
        #expect(optimizer.stepCount == 1)
        let state = optimizer.stateTensors()
        expectClose(state["m.0"]!.scalars, [0.05, -0.2], tolerance: 1e-6)
        expectClose(state["v.0"]!.scalars, [0.00025, 0.004], tolerance: 1e-6)
        #expect(state["step"]!.item == 1)
        // Restoring state into a fresh optimizer continues identically.
        let q = parameter(p.scalars, gradient: [0.3, 0.1]); p.gradient = Tensor(shape: [2], scalars: [0.3, 0.1])
        let restored = AdamW(parameters: [q], learningRate: 0.1, weightDecay: 0.01)
        try restored.loadState(state)
        optimizer.step(); restored.step()
        #expect(p.scalars == q.scalars)
    }

    @Test func adamWithoutDecayAndSGDWithMomentum() {
        let p = parameter([1], gradient: [0.5])
        Adam(parameters: [p], learningRate: 0.1).step()
        expectClose(p.scalars, [0.9], tolerance: 1e-6)
        let q = parameter([1], gradient: [2])
        let sgd = SGD(parameters: [q], learningRate: 0.1, momentum: 0.9)
        sgd.step()  // v = 2, q = 0.8
        sgd.step()  // v = 0.9·2 + 2 = 3.8, q = 0.8 − 0.38 = 0.42
        expectClose(q.scalars, [0.42], tolerance: 1e-6)
    }

    @Test func frozenParametersAreNotUpdated() {
        let frozen = parameter([1, 2], gradient: [1, 1])
        frozen.requiresGradient = false
        let trained = parameter([1, 2], gradient: [1, 1])
        for optimizer in [
            SGD(parameters: [frozen, trained], learningRate: 0.1) as any Optimizer,
            AdamW(parameters: [frozen, trained], learningRate: 0.1),
        ] {
            optimizer.step()
        }
        #expect(frozen.scalars == [1, 2])
        #expect(trained.scalars != [1, 2])
    }

    @Test func clippingScalesToTheMaximumNormAndReportsTheOriginal() {
        let a = parameter([0, 0], gradient: [3, 0]), b = parameter([0], gradient: [4])
        let norm = clipGradientNorm([a, b], maxNorm: 1)
        expectClose(norm, 5)
        expectClose(a.gradient!.scalars + b.gradient!.scalars, [0.6, 0, 0.8])
        #expect(clipGradientNorm([a, b], maxNorm: 10) <= 1.0001)
        expectClose(a.gradient!.scalars, [0.6, 0])
    }

    @Test func warmupThenCosine() {
        let schedule = WarmupCosineSchedule(peak: 1, warmupSteps: 10, totalSteps: 110, floor: 0.1)
        expectClose(schedule.learningRate(atStep: 0), 0.1)
        expectClose(schedule.learningRate(atStep: 9), 1)
        expectClose(schedule.learningRate(atStep: 10), 1)
        expectClose(schedule.learningRate(atStep: 60), 0.55)
        expectClose(schedule.learningRate(atStep: 110), 0.1)
        expectClose(schedule.learningRate(atStep: 500), 0.1)
    }
}

// MARK: - Restoring state: all of it, or an error saying what is wrong

@Suite("Optimizer state is refused when incomplete")
struct OptimizerStateTests {
    /// Two trainable parameters and a frozen one, after three Adam steps.
    func trainedAdam() -> (AdamW, [String: Tensor]) {
        let parameters = [
            Tensor(shape: [2], scalars: [1, 2]), Tensor(shape: [3], scalars: [3, 4, 5]),
            Tensor(shape: [1], scalars: [6]),
        ]
        parameters[0].requiresGradient = true
        parameters[1].requiresGradient = true
        let optimizer = AdamW(parameters: parameters, learningRate: 0.1)
        for step in 0..<3 {
            for parameter in parameters where parameter.requiresGradient {
                parameter.gradient = Tensor(
                    shape: parameter.shape,
                    scalars: (0..<parameter.count).map { Float($0 + step) - 1 })
            }
            optimizer.step()
        }
        return (optimizer, optimizer.stateTensors())
    }

    /// A fresh optimizer over the same shapes.
    func freshAdam() -> AdamW {
        let parameters = [Tensor.zeros([2]), Tensor.zeros([3]), Tensor.zeros([1])]
        parameters[0].requiresGradient = true
        parameters[1].requiresGradient = true
        return AdamW(parameters: parameters, learningRate: 0.1)
    }

    @Test func aCompleteStateLoadsAndAFrozenParameterNeedsNone() throws {
        let (_, state) = trainedAdam()
        #expect(Set(state.keys) == ["step", "m.0", "v.0", "m.1", "v.1"])
        let restored = freshAdam()
        try restored.loadState(state)
        #expect(restored.stepCount == 3)
        #expect(restored.stateTensors()["m.1"]?.scalars == state["m.1"]?.scalars)
    }

    /// Losing Adam's moments or step used to pass silently (the entries were skipped).
    @Test func missingEntriesAreRefused() {
        let (_, state) = trainedAdam()
        for name in ["m.0", "v.1", "step"] {
            var broken = state
            broken[name] = nil
            let restored = freshAdam()
            #expect(throws: OptimizerStateError.missingEntry(name: name)) { try restored.loadState(broken) }
            #expect(restored.stepCount == 0)  // nothing was half-loaded
        }
    }

    @Test func misshapenAndStrayEntriesAndBadStepsAreRefused() {
        let (_, state) = trainedAdam()
        var misshapen = state
        misshapen["v.1"] = Tensor.zeros([2])
        #expect(throws: OptimizerStateError.misshapenEntry(name: "v.1", expected: [3], found: [2])) {
            try freshAdam().loadState(misshapen)
        }
        var stray = state
        stray["m.7"] = Tensor.zeros([2])
        #expect(throws: OptimizerStateError.unexpectedEntry(name: "m.7")) { try freshAdam().loadState(stray) }
        for step in [Tensor(1.5), Tensor(-1), Tensor(Float.nan), Tensor(shape: [2], scalars: [1, 2])] {
            var badStep = state
            badStep["step"] = step
            #expect {
                try freshAdam().loadState(badStep)
            } throws: { error in
                guard case .invalidStep(let shape, _)? = error as? OptimizerStateError else { return false }
                return shape == step.shape
            }
        }
    }

    /// A fresh optimizer's state is complete too (zeros), so it round-trips.
    @Test func aFreshStateRoundTrips() throws {
        let state = freshAdam().stateTensors()
        #expect(Set(state.keys) == ["step", "m.0", "v.0", "m.1", "v.1"])
        try freshAdam().loadState(state)
    }

    @Test func sgdMomentumNeedsItsVelocities() throws {
        let parameter = Tensor(shape: [2], scalars: [1, 2])
        parameter.requiresGradient = true
        parameter.gradient = Tensor(shape: [2], scalars: [1, 1])
        let sgd = SGD(parameters: [parameter], learningRate: 0.1, momentum: 0.9)
        sgd.step()
        let state = sgd.stateTensors()
        #expect(state["velocity.0"]?.scalars == [1, 1])
        let restored = SGD(parameters: [parameter], learningRate: 0.1, momentum: 0.9)
        try restored.loadState(state)
        #expect(throws: OptimizerStateError.missingEntry(name: "velocity.0")) { try restored.loadState([:]) }
        #expect(throws: OptimizerStateError.unexpectedEntry(name: "velocity.0")) {
            try SGD(parameters: [parameter], learningRate: 0.1).loadState(state)
        }
    }
}
