import Foundation
import Testing

@testable import Corpus

// MARK: - The reader's own corpus file

@Suite struct UserCorpusTests {
    /// A fresh directory for one test's files.
    private func scratchDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("tailor-corpus-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    private func write(_ bytes: [UInt8], named name: String) throws -> String {
        let url = try scratchDirectory().appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    @Test func loadsUTF8Text() throws {
        let path = try write(Array("Héllo, wörld.\n".utf8), named: "ok.txt")
        #expect(try UserCorpus.load(path: path) == "Héllo, wörld.\n")
    }

    @Test func dropsAByteOrderMark() throws {
        let path = try write([0xEF, 0xBB, 0xBF] + Array("Hi.".utf8), named: "bom.txt")
        #expect(try UserCorpus.load(path: path) == "Hi.")
    }

    @Test func aMissingFileIsNamed() {
        let path = "/nonexistent/tailor/corpus.txt"
        #expect(throws: UserCorpusError.missing(path: path)) { try UserCorpus.load(path: path) }
        #expect(UserCorpusError.missing(path: path).description == "corpus file \(path) does not exist")
    }

    @Test func aDirectoryIsRefused() throws {
        let path = try scratchDirectory().path
        #expect(throws: UserCorpusError.isDirectory(path: path)) { try UserCorpus.load(path: path) }
    }

    @Test func anEmptyOrBlankFileIsRefused() throws {
        let empty = try write([], named: "empty.txt")
        #expect(throws: UserCorpusError.empty(path: empty)) { try UserCorpus.load(path: empty) }
        let blank = try write(Array(" \n\t\n".utf8), named: "blank.txt")
        #expect(throws: UserCorpusError.empty(path: blank)) { try UserCorpus.load(path: blank) }
    }

    @Test func invalidUTF8IsRefusedWithTheOffset() throws {
        // "caf" then a Latin-1 é (0xE9), which is not UTF-8.
        let path = try write(Array("caf".utf8) + [0xE9] + Array(" au lait".utf8), named: "latin1.txt")
        #expect(throws: UserCorpusError.invalidUTF8(path: path, byteOffset: 3)) { try UserCorpus.load(path: path) }
        let message = UserCorpusError.invalidUTF8(path: path, byteOffset: 3).description
        #expect(message.contains(path) && message.contains("UTF-8") && !message.contains("\n"))
    }

    @Test func theOffsetCountsMultiByteCharacters() {
        // "é" is two bytes, so the bad byte after "aé" sits at offset 3.
        #expect(UserCorpus.firstInvalidUTF8Offset(in: Array("aé".utf8) + [0xFF]) == 3)
        #expect(UserCorpus.firstInvalidUTF8Offset(in: Array("fine".utf8)) == nil)
    }

    @Test func anUnreadableFileIsRefused() throws {
        let path = try write(Array("secret".utf8), named: "locked.txt")
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path) }
        // root reads anything, so only a normal user can see this refusal.
        guard !FileManager.default.isReadableFile(atPath: path) else { return }
        #expect(throws: UserCorpusError.unreadable(path: path, reason: "permission denied")) {
            try UserCorpus.load(path: path)
        }
    }

    @Test func everyMessageIsOneLineNamingTheFile() {
        let path = "my corpus.txt"
        let errors: [UserCorpusError] = [
            .missing(path: path), .isDirectory(path: path), .unreadable(path: path, reason: "permission denied"),
            .empty(path: path), .invalidUTF8(path: path, byteOffset: 7),
        ]
        for error in errors {
            #expect(error.description.contains(path) && !error.description.contains("\n"))
            #expect(error.localizedDescription == error.description)
        }
    }
}
