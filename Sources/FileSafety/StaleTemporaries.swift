import Foundation

// MARK: - Temporaries left by an interrupted run

extension AtomicFile {
    /// Removes the temporaries (`.NAME.tmp-PID-RAND`, and folders `.NAME.tmp-PID`) that a run
    /// killed by Ctrl-C or SIGTERM left in `directory`: those whose process is no longer alive.
    /// A live process's temporaries (another run writing now) are left alone. Called when a
    /// program that writes into `directory` starts, so no stale file outlives the next run.
    ///
    /// - Returns: the names removed. A missing directory removes nothing.
    @discardableResult
    public static func removeStaleTemporaries(in directory: URL) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        var removed: [String] = []
        for name in names.sorted() {
            guard let pid = temporaryOwner(name), !isAlive(pid) else { continue }
            if (try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))) != nil {
                removed.append(name)
            }
        }
        return removed
    }

    /// The process id in a temporary's name (`.a.png.tmp-1234-9f3c` → 1234), or nil when
    /// `name` is not one of `temporaryURL(for:)`'s names (or a staging folder's `.site.tmp-1234`).
    static func temporaryOwner(_ name: String) -> Int32? {
        guard name.hasPrefix("."), let marker = name.range(of: ".tmp-", options: .backwards) else { return nil }
        let parts = name[marker.upperBound...].split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let pid = Int32(parts[0]), pid > 0 else { return nil }
        if parts.count == 2, parts[1].isEmpty || !parts[1].allSatisfy(\.isHexDigit) { return nil }
        return pid
    }

    /// Whether process `pid` exists (signal 0 checks without sending anything).
    static func isAlive(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}
