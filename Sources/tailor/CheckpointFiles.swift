import Engine
import FileSafety
import Foundation
import Safetensors

// MARK: - Reading and writing with one-line errors (shared by the subcommands)

/// Reads a safetensors file made anywhere (no checksum required); a missing or corrupt file,
/// or one holding NaN or ±infinity in a float tensor, ends the command with one line naming it.
func readCheckpoint(_ path: String) throws -> Checkpoint {
    guard FileManager.default.fileExists(atPath: path) else { fail("\(path): no such file") }
    do {
        let checkpoint = try Checkpoint.read(from: URL(fileURLWithPath: path), requireChecksum: false)
        try checkpoint.checkFinite(file: path)  // a NaN in would be quantized (or copied) silently
        return checkpoint
    } catch let error as CheckpointError {
        fail(error.description)
    } catch {
        fail("\(path): cannot be read (\(FileErrorReason.describing(error)))")
    }
}

/// Writes atomically (temporary name, then rename); a failure is one line naming the file and
/// the cause ("No space left on device"), and the old file is left as it was. Temporaries a
/// killed run left beside `path` are removed first.
func writeCheckpoint(_ checkpoint: Checkpoint, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    AtomicFile.removeStaleTemporaries(in: url.deletingLastPathComponent())
    do { try checkpoint.write(to: url) } catch let error as CheckpointError {
        fail("\(error.description); nothing was written")
    } catch let error as AtomicFileError {
        fail("\(path): cannot be written (\(error.reason))")
    } catch {
        fail("\(path): cannot be written (\(FileErrorReason.describing(error)))")
    }
}

/// Prints `tailor: error: message` to stderr and exits with status 1.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("tailor: error: \(message)\n".utf8))
    exit(1)
}
