import Foundation

// MARK: - Writing a folder of files whole or not at all

extension AtomicFile {
    /// Writes a folder of files that belong together (a model and its config) as one: `produce`
    /// fills a temporary folder beside `directory`, which then takes `directory`'s place. If
    /// anything fails, `directory` is left exactly as it was and the temporary folder is removed.
    ///
    /// The old folder is moved aside, the new one renamed in, the old one removed: two renames,
    /// so a crash between them leaves the old folder under a hidden name, never a mixture.
    ///
    /// - Parameters:
    ///   - directory: the folder to write; created if missing.
    ///   - replaceable: the names an existing `directory` may hold. A folder holding anything
    ///     else is refused (it is not ours to replace), and nothing is written.
    ///   - produce: writes every file into the folder it is given.
    /// - Throws: `AtomicFileError` naming `directory` and the reason.
    public static func writeDirectory(
        at directory: URL, replaceable: Set<String>,
        producing produce: (URL) throws -> Void
    ) throws {
        let fileManager = FileManager.default
        let parent = directory.deletingLastPathComponent()
        var isFolder: ObjCBool = false
        let exists = fileManager.fileExists(atPath: directory.path, isDirectory: &isFolder)
        if exists {
            guard isFolder.boolValue else {
                throw AtomicFileError(path: directory.path, reason: "a file, not a folder, is there")
            }
            let others = ((try? fileManager.contentsOfDirectory(atPath: directory.path)) ?? [])
                .filter { !replaceable.contains($0) }.sorted()
            guard others.isEmpty else {
                throw AtomicFileError(
                    path: directory.path,
                    reason: "it holds other files ("
                        + others.prefix(3).joined(separator: ", ") + "); give an empty or new folder")
            }
        }
        let staging = temporaryURL(for: directory)
        let old = temporaryURL(for: directory)
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
            try produce(staging)
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
            if exists, rename(directory.path, old.path) != 0 {
                throw AtomicFileError(path: directory.path, reason: String(cString: strerror(errno)))
            }
            guard rename(staging.path, directory.path) == 0 else {
                let reason = String(cString: strerror(errno))
                if exists { _ = rename(old.path, directory.path) }
                throw AtomicFileError(path: directory.path, reason: reason)
            }
            if exists { try? fileManager.removeItem(at: old) }
        } catch let error as AtomicFileError {
            try? fileManager.removeItem(at: staging)
            throw error.path == directory.path
                ? error
                : AtomicFileError(path: directory.path, reason: error.description)
        } catch {
            try? fileManager.removeItem(at: staging)
            throw AtomicFileError(path: directory.path, reason: FileErrorReason.describing(error))
        }
    }
}
