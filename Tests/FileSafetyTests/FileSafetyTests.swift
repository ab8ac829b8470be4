import FileSafety
import Foundation
import Testing

@Suite("Atomic files and untrusted sizes")
struct FileSafetyTests {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("tailor-filesafety-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")

    func leftovers() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains(".tmp-") }
    }

    @Test func writesWholeFilesAndLeavesNoTemporary() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("nested/a.txt")
        try AtomicFile.write("first\n", to: url)
        try AtomicFile.write("second\n", to: url)
        #expect(try String(contentsOf: url, encoding: .utf8) == "second\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path) == ["a.txt"])
    }

    /// A producer that fails leaves the old file as it was, no temporary, and an error naming the file.
    @Test func aFailedProducerLeavesTheOldFile() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        struct Broken: Error {}
        let url = directory.appendingPathComponent("b.txt")
        try AtomicFile.write("old", to: url)
        #expect(throws: AtomicFileError.self) {
            try AtomicFile.write(to: url) { temporary in
                try Data("half".utf8).write(to: temporary)
                throw Broken()
            }
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == "old")
        #expect(try leftovers().isEmpty)
    }

    @Test func anUnwritablePathIsAnErrorNamingIt() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let blocker = directory.appendingPathComponent("file")
        try AtomicFile.write("x", to: blocker)
        let url = blocker.appendingPathComponent("inside.txt")  // a directory that is a file
        do {
            try AtomicFile.write("y", to: url)
            Issue.record("writing beneath a file succeeded")
        } catch let error as AtomicFileError {
            #expect(error.path == url.path)
            #expect(error.description.hasPrefix("cannot write \(url.path): "))
        }
    }

    /// The safetensors header of issue 9: a shape whose product overflows `Int`.
    @Test func productsAndSumsOfUntrustedSizesNeverTrap() {
        #expect(UntrustedSize.product([4_294_967_296, 4_294_967_296]) == nil)
        #expect(UntrustedSize.product([Int.max, 2]) == nil)
        #expect(UntrustedSize.product([3, -1]) == nil)
        #expect(UntrustedSize.product([2, 3, 4]) == 24)
        #expect(UntrustedSize.product([Int]()) == 1)
        #expect(UntrustedSize.product([Int.max, 0]) == 0)
        #expect(UntrustedSize.sum([Int.max, 1]) == nil)
        #expect(UntrustedSize.sum([5, -1]) == nil)
        #expect(UntrustedSize.sum([5, 6]) == 11)
        #expect(UntrustedSize.count(10, atMost: 9) == nil)
        #expect(UntrustedSize.count(-1, atMost: 9) == nil)
        #expect(UntrustedSize.count(9, atMost: 9) == 9)
    }

    @Test func checksumKnownAnswers() {
        #expect(Checksum.fnv1a64Hex(Array("hello".utf8)) == "a430d84680aabd0b")
        #expect(Checksum.fnv1a64Hex([UInt8]()) == "cbf29ce484222325")  // the offset basis
    }

    @Test func checksumContinuesAcrossPieces() {
        let whole = Array("hello, world".utf8)
        let first = Checksum.fnv1a64(whole[..<5])
        #expect(Checksum.fnv1a64(whole[5...], continuing: first) == Checksum.fnv1a64(whole))
        // Restarting instead of continuing gives another hash: the pieces' order and joins count.
        #expect(Checksum.fnv1a64(whole[5...]) != Checksum.fnv1a64(whole))
        #expect(Checksum.fnv1a64(whole[..<5], continuing: Checksum.fnv1a64(whole[5...])) != Checksum.fnv1a64(whole))
    }
}
