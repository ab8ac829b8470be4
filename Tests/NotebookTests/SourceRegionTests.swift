import Foundation
import Testing

@testable import Notebook

/// Regions of source files, as listings read them: markers, elision, dedent and the errors.
struct SourceRegionTests {
    let file = """
        import Engine

        struct Layer {
            // listing: forward
            func forward(_ x: Int) -> Int {
                // listing: elide
                precondition(x >= 0)
                precondition(x < 100)
                // listing: resume
                return x + 1
            }
            // listing: end
        }
        """

    @Test func readsTheRegionDedentedWithElision() throws {
        let region = try SourceRegion.named("forward", in: file)
        #expect(region.firstLine == 5 && region.lastLine == 11)
        #expect(
            region.shownLines == [
                "func forward(_ x: Int) -> Int {",
                "    // …",
                "    return x + 1",
                "}",
            ])
    }

    @Test func aMissingRegionIsNamed() {
        #expect(throws: SourceRegion.Problem.missing(name: "backward")) {
            try SourceRegion.named("backward", in: file)
        }
    }

    @Test func markersThatDoNotPairAreRefused() {
        #expect(throws: SourceRegion.Problem.unterminated(name: "a", line: 1)) {
            try SourceRegion.all(in: "// listing: a\nlet x = 1\n")
        }
        #expect(throws: SourceRegion.Problem.strayMarker("end", line: 2)) {
            try SourceRegion.all(in: "let x = 1\n// listing: end\n")
        }
        #expect(throws: SourceRegion.Problem.unterminated(name: "a", line: 1)) {
            try SourceRegion.all(in: "// listing: a\n// listing: b\n// listing: end\n")
        }
        #expect(throws: SourceRegion.Problem.badName("a b", line: 1)) {
            try SourceRegion.all(in: "// listing: a b\nx\n// listing: end\n")
        }
        #expect(throws: SourceRegion.Problem.duplicate(name: "a", lines: [1, 4])) {
            try SourceRegion.all(in: "// listing: a\nx\n// listing: end\n// listing: a\ny\n// listing: end\n")
        }
    }

    @Test func aLongRegionMustBeElided() throws {
        let body = (1...31).map { "let v\($0) = \($0)" }.joined(separator: "\n")
        #expect(throws: SourceRegion.Problem.tooLong(name: "long", shown: 31)) {
            try SourceRegion.all(in: "// listing: long\n\(body)\n// listing: end\n")
        }
        let elided = (1...40).map { "let v\($0) = \($0)" }
        let text = (["// listing: long"] + elided[..<10] + ["// listing: elide"] + elided[10...] + ["// listing: end"])
            .joined(separator: "\n")
        let region = try SourceRegion.named("long", in: text)
        #expect(region.shownLines.count == 11 && region.shownLines.last == "// …")
        #expect(region.firstLine == 2 && region.lastLine == 42)
    }

    /// A page's listing is read back and compared with the file; an edited file is caught.
    @Test func aWovenListingIsCheckedAgainstItsFile() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("region-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("Sources"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let source = root.appendingPathComponent("Sources/Layer.swift")
        try file.write(to: source, atomically: true, encoding: .utf8)
        let region = try SourceRegion.named("forward", in: file)
        let page = """
            Some prose.

            **Listing 5.1 — the forward pass.** [Sources/Layer.swift, lines 5–11](../Sources/Layer.swift#L5-L11)

            ```swift
            \(region.text)
            ```

            More prose.
            """
        let listings = WovenListing.all(in: page)
        #expect(listings.count == 1)
        #expect(listings.first?.path == "Sources/Layer.swift")
        #expect(listings.first?.problem(root: root) == nil)

        // The code changed after the page was woven: the check names the region.
        try file.replacingOccurrences(of: "x + 1", with: "x + 2").write(to: source, atomically: true, encoding: .utf8)
        #expect(listings.first?.problem(root: root)?.contains("'forward' differs") == true)
        // Lines moved: no region spans the linked lines.
        try ("\n" + file).write(to: source, atomically: true, encoding: .utf8)
        #expect(listings.first?.problem(root: root)?.contains("no region spans lines 5–11") == true)
    }
}
