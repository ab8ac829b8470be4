import CBLAS
import Dispatch
import Foundation

// MARK: - Splitting a kernel over the cores

/// Runs independent parts of a kernel on several threads, as PyTorch does for its
/// element-wise ops and attention.
///
/// Why: OpenBLAS already spreads each large matrix product over the cores, but between
/// products everything else (GELU, softmax, attention's many small per-head products) ran on
/// one thread while the other core idled. Parts must write disjoint memory; results are
/// then identical to a serial run, whatever the thread count.
///
/// Example:
/// ```swift
/// ParallelWork.forEachPart(of: count, minimumPartSize: 32_768) { range in
///     for index in range { y[index] = f(x[index]) }
/// }
/// ```
public enum ParallelWork {
    /// How many threads kernels use: OpenBLAS's thread count (itself the core count unless
    /// `OPENBLAS_NUM_THREADS` says otherwise), at most the active processors.
    public static let threadCount: Int = {
        Swift.max(1, Swift.min(Int(configuredBLASThreads), ProcessInfo.processInfo.activeProcessorCount))
    }()

    /// OpenBLAS's thread count as first seen, what is restored after each single-threaded
    /// section: restoring a saved "previous" value instead could leave it at 1 for good if
    /// two such sections (e.g. concurrent tests) overlapped.
    static let configuredBLASThreads: Int32 = openblas_get_num_threads()

    /// Calls `body` on consecutive sub-ranges of `0..<count`, concurrently when there are
    /// at least two parts of `minimumPartSize` elements (smaller work is not worth waking a
    /// thread for), and returns when all are done.
    ///
    /// - Parameters:
    ///   - count: the number of work items.
    ///   - minimumPartSize: the fewest items worth a thread of their own.
    ///   - callsBLAS: whether `body` calls BLAS; if so, OpenBLAS is held to one thread while
    ///     the parts run concurrently (each part is already a thread; OpenBLAS's own threads
    ///     would only contend with them).
    ///   - body: processes one range; ranges are disjoint and cover `0..<count`.
    public static func forEachPart(
        of count: Int, minimumPartSize: Int, callsBLAS: Bool = false,
        _ body: (Range<Int>) -> Void
    ) {
        let parts = Swift.min(threadCount, count / Swift.max(minimumPartSize, 1))
        if parts <= 1 { body(0..<count); return }
        let restrictsBLAS = callsBLAS && configuredBLASThreads > 1
        if restrictsBLAS { openblas_set_num_threads(1) }
        defer { if restrictsBLAS { openblas_set_num_threads(configuredBLASThreads) } }
        // The parts share no memory they write, which the compiler cannot see: the body
        // (and the raw pointers it captures) crosses threads in an unchecked box.
        withoutActuallyEscaping(body) { body in
            let box = UncheckedSendableBox(body)
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                box.value(count * part / parts..<count * (part + 1) / parts)
            }
        }
    }
}

/// Carries a value the caller guarantees is used safely across threads.
private struct UncheckedSendableBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
