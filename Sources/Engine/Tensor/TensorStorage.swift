import Glibc
import Synchronization

// MARK: - Storage

/// The memory behind one or more tensors: `count` Floats in one manually allocated block.
///
/// A reshaped tensor shares its source's storage (no copy), so storage is a class of its own,
/// freed when the last tensor that views it goes away. Contents start uninitialised unless
/// `zeroed` is asked for; every op writes all of its output before anyone reads it.
///
/// Example:
/// ```swift
/// let storage = TensorStorage(count: 4, zeroed: true)
/// storage.pointer[0] = 1
/// ```
public final class TensorStorage {
    /// The first element. Valid for `count` Floats for the storage's whole life.
    public let pointer: UnsafeMutablePointer<Float>
    /// How many Floats the block holds.
    public let count: Int

    /// Allocates `count` Floats, set to zero when `zeroed` is true.
    public init(count: Int, zeroed: Bool = false) {
        precondition(count >= 0, "storage of negative size \(count)")
        self.count = count
        _ = heapReuseConfigured
        // Allocate at least one element so that an empty tensor still has a valid pointer.
        pointer = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(count, 1))
        if zeroed { pointer.initialize(repeating: 0, count: Swift.max(count, 1)) }
        TensorMemory.allocated(bytes: count * MemoryLayout<Float>.stride)
    }

    /// Allocates and fills with a copy of `values`.
    public convenience init(copying values: [Float]) {
        self.init(count: values.count)
        values.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { pointer.update(from: base, count: values.count) }
        }
    }

    deinit {
        pointer.deallocate()
        TensorMemory.freed(bytes: count * MemoryLayout<Float>.stride)
    }
}

// MARK: - Counting the bytes tensors hold

private let liveByteCounter = Atomic<Int>(0)
private let peakByteCounter = Atomic<Int>(0)

/// How many bytes tensor storage holds now, and the most it has held: what chapter 3 sets
/// against its memory formulas. (Counts tensor data only, not Swift arrays or BLAS buffers.)
public enum TensorMemory {
    /// Bytes held by live tensor storage.
    public static var liveBytes: Int { liveByteCounter.load(ordering: .relaxed) }

    /// The largest `liveBytes` since the process started or `resetPeak()` was called.
    public static var peakBytes: Int { peakByteCounter.load(ordering: .relaxed) }

    /// Starts a new peak measurement from what is live now.
    public static func resetPeak() { peakByteCounter.store(liveBytes, ordering: .relaxed) }

    static func allocated(bytes: Int) {
        let live = liveByteCounter.wrappingAdd(bytes, ordering: .relaxed).newValue
        var peak = peakByteCounter.load(ordering: .relaxed)
        while live > peak {
            let (exchanged, current) = peakByteCounter.compareExchange(
                expected: peak, desired: live,
                ordering: .relaxed)
            if exchanged { break }
            peak = current
        }
    }

    static func freed(bytes: Int) {
        liveByteCounter.wrappingSubtract(bytes, ordering: .relaxed)
    }
}

// MARK: - Keeping big buffers in the heap

/// glibc serves large blocks (over 128 KB at first) with a fresh `mmap` and returns them
/// to the system on free, so every training step pays page faults and zeroing again for
/// each activation — measured as ~10 % of an op benchmark. Raising the mmap and trim
/// thresholds to glibc's 32 MB maximum makes freed buffers reusable from the heap, as
/// PyTorch's caching allocator does. Evaluated once, on the first allocation.
///
/// `mallopt` is not in Swift's Glibc module, so it is looked up by name (a no-op where absent).
private let heapReuseConfigured: Bool = {
    typealias MallocOption = @convention(c) (Int32, Int32) -> Int32
    guard let symbol = dlsym(nil, "mallopt") else { return false }
    let mallopt = unsafeBitCast(symbol, to: MallocOption.self)
    let trimThreshold: Int32 = -1, mmapThreshold: Int32 = -3  // M_TRIM_THRESHOLD, M_MMAP_THRESHOLD
    _ = mallopt(mmapThreshold, 32 * 1024 * 1024)
    _ = mallopt(trimThreshold, 256 * 1024 * 1024)
    return true
}()
