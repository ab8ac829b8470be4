import Foundation

/// Writing files so an interrupted run never leaves half a file: write to a temporary name
/// beside the target, then rename over it (a rename within one directory is atomic on POSIX).
public enum AtomicFile {
    /// Writes `data` to `url` atomically, creating the directory if needed.
    /// - Throws: a `NotebookError.cannotWrite` naming the file and the reason.
    public static func write(_ data: Data, to url: URL) throws {
        let directory = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let temporary = temporaryURL(for: url)
            try data.write(to: temporary)
            if rename(temporary.path, url.path) != 0 {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temporary)
                throw NotebookError.cannotWrite(url.path, reason)
            }
        } catch let error as NotebookError {
            throw error
        } catch {
            throw NotebookError.cannotWrite(url.path, error.localizedDescription)
        }
    }

    /// Writes `text` as UTF-8 to `url` atomically.
    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }

    /// The temporary name used while `url` is being written: same directory, unique per process.
    public static func temporaryURL(for url: URL) -> URL {
        url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
    }
}

/// Errors the notebook reports in one clear line.
public enum NotebookError: Error, CustomStringConvertible {
    case cannotWrite(String, String)

    public var description: String {
        switch self {
        case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
        }
    }
}
