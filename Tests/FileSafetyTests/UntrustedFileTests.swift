import FileSafety
import Foundation
import Testing

// metadata numbers, errors that keep their reason, folders written whole,
// temporaries swept.

private func scratchFolder(_ name: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("tailor-\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Test func metadataIntegersAndFloatsAreBoundedAndNamed() throws {
    let metadata = ["rank": "0", "big": "4000000000", "half": "2.5", "nan": "nan", "inf": "inf", "ok": "8"]
    #expect(try MetadataField.integer("ok", in: metadata, range: 1...64, file: "a.safetensors") == 8)
    for field in ["rank", "big", "half", "nan", "missing"] {
        #expect { try MetadataField.integer(field, in: metadata, range: 1...64, file: "a.safetensors") } throws: {
            ($0 as? MetadataError)?.field == field && "\($0)".hasPrefix("a.safetensors: metadata field '\(field)'")
        }
    }
    for field in ["nan", "inf", "big"] {
        #expect(throws: MetadataError.self) {
            try MetadataField.finite(field, in: metadata, range: -1e6...1e6, file: "a.safetensors")
        }
    }
    #expect(try MetadataField.finite("half", in: metadata, range: -1e6...1e6, file: "a") == 2.5)
}

@Test func diskFullSaysSoInsteadOfAnErrorNumber() throws {
    // What Data.write throws when the disk is full: the message must say "No space left on device".
    let full = NSError(
        domain: NSCocoaErrorDomain, code: CocoaError.fileWriteOutOfSpace.rawValue,
        userInfo: [NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(ENOSPC))])
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tailor-full-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("model.safetensors")
    #expect {
        try AtomicFile.write(to: url) { _ in throw full }
    } throws: { error in
        let text = (error as NSError).localizedDescription
        return text.contains(url.path) && text.contains(String(cString: strerror(ENOSPC)))
            && !text.contains("error 1")
    }
    #expect(FileErrorReason.describing(CocoaError(.fileWriteOutOfSpace)) == String(cString: strerror(ENOSPC)))
    // The error `tailor` printed as "(FileSafety.AtomicFileError error 1.)" now reads as itself.
    let error: any Error = AtomicFileError(path: "out.safetensors", reason: "No space left on device")
    #expect(error.localizedDescription == "cannot write out.safetensors: No space left on device")
}

@Test func aFolderIsWrittenWholeOrNotAtAll() throws {
    let parent = try scratchFolder("folder")
    defer { try? FileManager.default.removeItem(at: parent) }
    let folder = parent.appendingPathComponent("export")
    let names: Set<String> = ["config.json", "model.safetensors", "reference.json"]
    try AtomicFile.writeDirectory(at: folder, replaceable: names) { staging in
        for name in names { try Data("old \(name)".utf8).write(to: staging.appendingPathComponent(name)) }
    }
    // A failure half-way (the empty --reference-text): the old three files stay, together.
    struct Refused: Error {}
    #expect(throws: AtomicFileError.self) {
        try AtomicFile.writeDirectory(at: folder, replaceable: names) { staging in
            try Data("new".utf8).write(to: staging.appendingPathComponent("model.safetensors"))
            throw Refused()
        }
    }
    for name in names {
        #expect(try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) == "old \(name)")
    }
    // A success replaces the folder: no stale reference.json beside a new model.
    try AtomicFile.writeDirectory(at: folder, replaceable: names) { staging in
        try Data("new".utf8).write(to: staging.appendingPathComponent("model.safetensors"))
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["model.safetensors"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["export"])  // no temporaries
    // A folder holding someone else's files is not replaced.
    try Data("mine".utf8).write(to: folder.appendingPathComponent("notes.txt"))
    #expect(throws: AtomicFileError.self) {
        try AtomicFile.writeDirectory(at: folder, replaceable: names) { _ in }
    }
    #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("notes.txt").path))
}

@Test func temporariesOfDeadRunsAreSweptAndLiveOnesKept() throws {
    let folder = try scratchFolder("sweep")
    defer { try? FileManager.default.removeItem(at: folder) }
    let dead = ".01-tokenizer.md.tmp-2147480000-9f3c"  // no such process
    let live = AtomicFile.temporaryURL(for: folder.appendingPathComponent("a.png")).lastPathComponent  // ours
    let staging = ".html.tmp-2147480001"  // BookSite's staging folder, dead
    for name in [dead, live, "kept.md", ".hidden"] {
        try Data().write(to: folder.appendingPathComponent(name))
    }
    try FileManager.default.createDirectory(
        at: folder.appendingPathComponent(staging),
        withIntermediateDirectories: true)
    #expect(AtomicFile.removeStaleTemporaries(in: folder) == [dead, staging].sorted())
    let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(left == [".hidden", live, "kept.md"].sorted())
}
