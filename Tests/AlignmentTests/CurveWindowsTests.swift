import Alignment
import Notebook
import Testing

@Suite struct CurveWindowsTests {
    /// Five steps; step s has learned reward s, true reward 10·s, and two rollouts (s − 1, s + 1).
    let curve = (1...5).map { step in
        let s = Double(step)
        return CurvePoint(
            step: step, learned: s, trueReward: 10 * s, kl: s / 10, length: 20,
            learnedRewards: [s - 1, s + 1], trueRewards: [10 * s])
    }

    @Test func windowsAverageConsecutiveStepsAndTheLastMayBeShorter() {
        let points = CurveWindows.windowed(curve, window: 2) { $0.learned }
        #expect(points.map(\.x) == [1.5, 3.5, 5])
        #expect(points.map(\.y) == [1.5, 3.5, 5])
        #expect(CurveWindows.windowed(curve, window: 5) { $0.trueReward }.map(\.y) == [30])
    }

    @Test func anEstimatePoolsEveryRolloutOfItsWindow() {
        let estimate = CurveWindows.estimate(curve, from: 2, window: 2) { $0.learnedRewards }
        #expect(estimate.values == [2, 4, 3, 5])
        #expect(estimate.mean == 3.5)
        // A window starting at the last step holds that step alone.
        #expect(CurveWindows.estimate(curve, from: 4, window: 2) { $0.learnedRewards }.values == [4, 6])
    }

    @Test func peakIsTheFirstLargest() {
        let points: [(x: Double, y: Double)] = [(1, 0.5), (2, 0.9), (3, 0.9), (4, 0.1)]
        #expect(CurveWindows.peak(points).x == 2)
        #expect(CurveWindows.peak([]).x == 0 && CurveWindows.peak([]).y == 0)
    }
}
