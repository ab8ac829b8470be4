import Foundation
import Testing

@testable import Notebook

/// The book's own listings: every page shows exactly the region of the file it links to, every
/// region a chapter names exists, and every marked region in the sources is well formed.
struct BookListingsTests {
    /// The package root, from this file's place in Tests/NotebookTests/.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func swiftFiles(under folder: String) -> [URL] {
        let base = root.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
            .sorted { $0.path < $1.path }
    }

    static func committedPages() throws -> [URL] {
        let chapters = root.appendingPathComponent("Chapters")
        return try FileManager.default.contentsOfDirectory(at: chapters, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "md" && $0.lastPathComponent.first?.isNumber == true }
            .sorted { $0.path < $1.path }
    }

    @Test func everyMarkedRegionIsWellFormed() throws {
        for file in Self.swiftFiles(under: "Sources") {
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(throws: Never.self, "\(file.path)") { try SourceRegion.all(in: text) }
        }
    }

    @Test func everyCommittedListingEqualsItsFile() throws {
        for page in try Self.committedPages() {
            let text = try String(contentsOf: page, encoding: .utf8)
            for listing in WovenListing.all(in: text) {
                let problem = listing.problem(root: Self.root)
                #expect(problem == nil, "\(page.lastPathComponent): \(problem ?? "")")
            }
        }
    }

    /// Every `book.listing("name", in: "path", …)` in a chapter names a region that exists.
    @Test func everyRegionAChapterNamesExists() throws {
        let call = try NSRegularExpression(pattern: #"\.listing\(\s*"([^"]+)",\s*in:\s*"([^"]+)""#)
        var calls = 0
        for file in Self.swiftFiles(under: "Sources") where file.path.contains("/chapter") {
            let text = try String(contentsOf: file, encoding: .utf8)
            let range = NSRange(text.startIndex..., in: text)
            for match in call.matches(in: text, range: range) {
                let name = String(text[Range(match.range(at: 1), in: text)!])
                let path = String(text[Range(match.range(at: 2), in: text)!])
                calls += 1
                let source = Self.root.appendingPathComponent(path)
                let sourceText = try String(contentsOf: source, encoding: .utf8)
                #expect(throws: Never.self, "\(file.lastPathComponent): \(name) in \(path)") {
                    try SourceRegion.named(name, in: sourceText)
                }
            }
        }
        #expect(calls > 0)
    }

    /// Every chapter page shows at least four listings of the code it builds.
    @Test func everyChapterShowsItsCode() throws {
        for page in try Self.committedPages() {
            let count = WovenListing.all(in: try String(contentsOf: page, encoding: .utf8)).count
            #expect(count >= 4, "\(page.lastPathComponent) has \(count) listings")
        }
    }
}
