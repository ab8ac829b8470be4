import Engine
import Foundation

// MARK: - Reading and writing with one-line errors (shared by the subcommands)

/// Reads a safetensors file made anywhere (no checksum required); a missing or corrupt file
/// ends the command with one line naming it.
func readCheckpoint(_ path: String) throws -> Checkpoint {
    guard FileManager.default.fileExists(atPath: path) else { fail("\(path): no such file") }
    do {
        return try Checkpoint.read(from: URL(fileURLWithPath: path), requireChecksum: false)
    } catch let error as CheckpointError {
        fail(error.description)
    } catch {
        fail("\(path): cannot be read (\(error.localizedDescription))")
    }
}

/// Writes atomically (temporary name, then rename); a failure is one line.
func writeCheckpoint(_ checkpoint: Checkpoint, to path: String) throws {
    do { try checkpoint.write(to: URL(fileURLWithPath: path)) } catch {
        fail("\(path): cannot be written (\(error.localizedDescription))")
    }
}

/// Prints `tailor: error: message` to stderr and exits with status 1.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("tailor: error: \(message)\n".utf8))
    exit(1)
}
