import Foundation

// MARK: - Writing a file whole or not at all

/// Writing files so an interrupted run never leaves half a file: write to a temporary name
/// beside the target, then rename over it (a rename within one directory is atomic on POSIX).
/// The one writer every module uses: tokenizers, chapters, figures, the book's contents.
///
/// Example:
/// ```swift
/// try AtomicFile.write("hello\n", to: URL(fileURLWithPath: "Chapters/README.md"))
/// try AtomicFile.write(to: png) { temporary in try drawPNG(at: temporary) }   // another program writes
/// ```
public enum AtomicFile {
    /// Writes `data` to `url` atomically, creating the directory if needed.
    /// - Throws: `AtomicFileError` naming the file and the reason.
    public static func write(_ data: Data, to url: URL) throws {
        try write(to: url) { temporary in try data.write(to: temporary) }
    }

    /// Writes `text` as UTF-8 to `url` atomically.
    /// - Throws: `AtomicFileError` naming the file and the reason.
    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }

    /// Lets `produce` write the file at a temporary URL beside `url` (e.g. by running another
    /// program), then renames it over `url`. Nothing is left behind when `produce` throws.
    ///
    /// - Parameters:
    ///   - url: the file to write.
    ///   - produce: writes the whole file at the URL it is given.
    /// - Throws: `AtomicFileError` naming `url`, with the reason (`produce`'s error included).
    public static func write(to url: URL, producing produce: (URL) throws -> Void) throws {
        let temporary = temporaryURL(for: url)
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(),
                withIntermediateDirectories: true)
            try produce(temporary)
            guard rename(temporary.path, url.path) == 0 else {
                throw AtomicFileError(path: url.path, reason: String(cString: strerror(errno)))
            }
        } catch let error as AtomicFileError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw AtomicFileError(path: url.path, reason: FileErrorReason.describing(error))
        }
    }

    /// The temporary name used while `url` is being written: same directory (so the rename
    /// stays within one file system), hidden, unique per process and per call.
    public static func temporaryURL(for url: URL) -> URL {
        let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        return url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(suffix)")
    }
}

/// A file that could not be written, in one line: which file, and why.
public struct AtomicFileError: Error, Equatable, CustomStringConvertible {
    /// The file that was being written.
    public let path: String
    /// What went wrong.
    public let reason: String

    /// Creates the error for `path`.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "cannot write \(path): \(reason)" }
}
