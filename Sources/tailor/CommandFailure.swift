import ArgumentParser
import FileSafety
import Foundation

/// Runs a subcommand's body; any error becomes one line on standard error and exit status 1,
/// instead of a stack of framework text.
func reportingFailure(_ command: String, _ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch {
        FileHandle.standardError.write(Data("tailor \(command): \(FileErrorReason.describing(error))\n".utf8))
        throw ExitCode.failure
    }
}

/// A file the user named that is not there: said before any reader tries it.
struct MissingFile: Error, CustomStringConvertible {
    let path: String
    let what: String
    var description: String { "no \(what) at \(path)" }
}

/// `path` as a file URL, checked to exist.
func existingFile(_ path: String, what: String) throws -> URL {
    guard FileManager.default.fileExists(atPath: path) else { throw MissingFile(path: path, what: what) }
    return URL(fileURLWithPath: path)
}
