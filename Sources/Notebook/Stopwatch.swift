import Foundation

/// Wall-clock time on the monotonic clock, for progress bars and the chapters' timings.
public struct Stopwatch: Sendable {
    private let start: UInt64

    /// Starts timing now.
    public init() { start = DispatchTime.now().uptimeNanoseconds }

    /// Seconds since the stopwatch started.
    public var seconds: Double {
        Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Runs `body` and returns its result with the seconds it took.
    public static func time<T>(_ body: () throws -> T) rethrows -> (result: T, seconds: Double) {
        let watch = Stopwatch()
        let result = try body()
        return (result, watch.seconds)
    }
}
