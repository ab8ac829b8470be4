import CBLAS
import Foundation

// MARK: - Choosing OpenBLAS's kernels

/// What OpenBLAS runs on, and the one fix-up every executable makes before computing.
///
/// Debian's OpenBLAS 0.3.21 does not recognise some newer CPUs (e.g. AMD family 26) and
/// falls back to its generic "Prescott" kernels, several times slower than the AVX2
/// ("Haswell") or AVX-512 ("SkylakeX") ones the CPU can run. OpenBLAS reads
/// `OPENBLAS_CORETYPE` only while loading — before `main` — so the fix is to set it and
/// re-execute the program.
///
/// Example:
/// ```swift
/// BLASRuntime.ensureFastKernels()   // first line of every executable
/// print(BLASRuntime.kernelName)     // e.g. "Haswell"
/// ```
public enum BLASRuntime {
    /// Set across the re-exec so it happens at most once; its value is the reason.
    static let markerVariable = "TAILOR_BLAS_REEXEC"

    /// The kernel family OpenBLAS chose, as it names it (`openblas_get_corename()`).
    public static var kernelName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// Every name `openblas_get_corename()` can give on x86-64 (OpenBLAS 0.3.21's `corename`
    /// table in driver/others/dynamic.c, plus the later Zen and SapphireRapids), so a caller
    /// can tell a kernel name from a failed query.
    public static let knownKernelNames: Set<String> = [
        "Katmai", "Coppermine", "Northwood", "Prescott", "Banias", "Atom", "Core2", "Penryn", "Dunnington",
        "Nehalem", "Athlon", "Opteron", "Opteron_SSE3", "Barcelona", "Nano", "Sandybridge", "Bobcat", "Bulldozer",
        "Piledriver", "Haswell", "Steamroller", "Excavator", "Zen", "SkylakeX", "Cooperlake", "SapphireRapids",
    ]

    /// Kernel names OpenBLAS falls back to when it does not know the CPU.
    static let genericKernels: Set<String> = [
        "prescott", "core2", "katmai", "coppermine", "northwood",
        "banias", "atom", "generic", "unknown",
    ]

    /// The kernel to ask for given the CPU's feature flags, or nil if none is better.
    ///
    /// SkylakeX (AVX-512) first: measured on the AMD family 26 CPU this was built on, sgemm
    /// at n = 1024 ran at ~430 GFLOP/s with SkylakeX, ~245 with Haswell, ~95 with Prescott.
    public static func preferredKernel(cpuFlags flags: Set<String>) -> String? {
        if ["avx512f", "avx512bw", "avx512vl", "avx512dq"].allSatisfy(flags.contains) { return "SkylakeX" }
        if flags.contains("avx2") && flags.contains("fma") { return "Haswell" }
        return nil
    }

    /// The CPU feature flags from /proc/cpuinfo (empty where it does not exist).
    static func cpuFlags() -> Set<String> {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
            let colon = line.firstIndex(of: ":")
        else { return [] }
        return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
    }

    /// Makes sure OpenBLAS runs fast kernels: when it fell back to a generic one although
    /// the CPU supports AVX2/AVX-512, sets `OPENBLAS_CORETYPE` and re-executes this program
    /// with the same arguments (once; a marker variable prevents loops). After the re-exec
    /// it prints one line to stderr saying which kernel is used and why. A user's own
    /// `OPENBLAS_CORETYPE` always wins. Call it first thing in `main`/`run()`.
    public static func ensureFastKernels() {
        let environment = ProcessInfo.processInfo.environment
        if let reason = environment[markerVariable] {
            unsetenv(markerVariable)  // children (e.g. `book` running chapters) start clean
            let announcement = "BLAS: OpenBLAS now uses its \(kernelName) kernels (\(reason)).\n"
            FileHandle.standardError.write(Data(announcement.utf8))
            return
        }
        if environment["OPENBLAS_CORETYPE"] != nil { return }
        let current = kernelName
        // TAILOR_BLAS_ASSUME_GENERIC=1 exercises the re-exec on a CPU OpenBLAS does recognise.
        let assumeGeneric = environment["TAILOR_BLAS_ASSUME_GENERIC"] == "1"
        guard genericKernels.contains(current.lowercased()) || assumeGeneric,
            let better = preferredKernel(cpuFlags: cpuFlags())
        else { return }
        let reason =
            "it had fallen back to generic \(current) kernels on a CPU it does not recognise; "
            + "set OPENBLAS_CORETYPE yourself to override"
        setenv("OPENBLAS_CORETYPE", better, 1)
        setenv(markerVariable, reason, 1)
        // Re-exec with the original arguments; on success this never returns.
        let arguments = CommandLine.arguments.map { strdup($0) } + [nil]
        execv("/proc/self/exe", arguments)
        // execv failed: carry on with the slow kernels rather than not at all.
        unsetenv(markerVariable)
        let warning =
            "BLAS: could not re-execute to select \(better) kernels (errno \(errno)); "
            + "continuing with \(current).\n"
        FileHandle.standardError.write(Data(warning.utf8))
    }
}
