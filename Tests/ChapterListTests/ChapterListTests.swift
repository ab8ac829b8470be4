import ChapterList
import Foundation
import Testing

/// The chapter list is the one place chapters are named; these hold it together and hold
/// README.md's chapter table to it.
@Suite("The chapter list")
struct ChapterListTests {
    @Test("Numbers run 1, 2, … without gaps; slugs are distinct and file-safe")
    func numbersAndSlugs() {
        #expect(ChapterList.all.map(\.number) == Array(1...ChapterList.all.count))
        #expect(Set(ChapterList.all.map(\.slug)).count == ChapterList.all.count)
        for chapter in ChapterList.all {
            #expect(!chapter.slug.isEmpty)
            #expect(
                chapter.slug.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" },
                "slug \(chapter.slug) must be lower-case letters, digits and hyphens")
            #expect(!chapter.title.isEmpty && !chapter.summary.isEmpty)
        }
    }

    @Test("Executable and page names are built from the number and the slug")
    func derivedNames() throws {
        let first = try #require(ChapterList.chapter(1))
        #expect(first.executable == "chapter01-tokenizer")
        #expect(first.page == "01-tokenizer.md")
        #expect(ChapterList.chapter(0) == nil)
        #expect(ChapterList.chapter(ChapterList.all.count + 1) == nil)
    }

    @Test("Every chapter's executable has its source folder")
    func sourcesExist() {
        for chapter in ChapterList.all {
            let folder = Self.packageRoot.appendingPathComponent("Sources/\(chapter.executable)/main.swift")
            #expect(FileManager.default.fileExists(atPath: folder.path), "missing \(folder.path)")
        }
    }

    @Test("README.md's chapter table lists exactly the chapter list: numbers, titles, pages, commands")
    func readmeTableAgrees() throws {
        let readme = try String(contentsOf: Self.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let rows = ReadmeChapterTable.rows(in: readme)
        #expect(rows == ChapterList.all.map(ReadmeChapterTable.Row.init(chapter:)))
    }

    @Test("The README check catches a drifted title, a missing row and a wrong command")
    func readmeCheckCatchesDrift() {
        let good = ChapterList.all.map { ReadmeChapterTable.line(for: $0) }.joined(separator: "\n")
        let expected = ChapterList.all.map(ReadmeChapterTable.Row.init(chapter:))
        #expect(ReadmeChapterTable.rows(in: good) == expected)
        let drifted = good.replacingOccurrences(of: "[Tokenization: text to bytes to tokens]", with: "[Tokenization]")
        #expect(ReadmeChapterTable.rows(in: drifted) != expected)
        let missing = good.split(separator: "\n").dropLast().joined(separator: "\n")
        #expect(ReadmeChapterTable.rows(in: missing) != expected)
        let wrongCommand = good.replacingOccurrences(of: "swift run chapter02-attention", with: "swift run chapter2")
        #expect(ReadmeChapterTable.rows(in: wrongCommand) != expected)
    }

    /// The package's folder: this file is Tests/ChapterListTests/ChapterListTests.swift.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}

/// README.md's chapter table, read as rows of `| N | [title](Chapters/page) | `swift run exe` | status |`.
enum ReadmeChapterTable {
    struct Row: Equatable {
        var number: Int, title: String, page: String, command: String
        init(number: Int, title: String, page: String, command: String) {
            (self.number, self.title, self.page, self.command) = (number, title, page, command)
        }
        init(chapter: ChapterEntry) {
            self.init(
                number: chapter.number, title: chapter.title, page: "Chapters/" + chapter.page,
                command: "swift run " + chapter.executable)
        }
    }

    /// A table line as README.md writes it (used to build the wrong-answer cases).
    static func line(for chapter: ChapterEntry) -> String {
        "| \(chapter.number) | [\(chapter.title)](Chapters/\(chapter.page)) | `swift run \(chapter.executable)` | available |"
    }

    /// The table's chapter rows: lines whose first cell is a number, in order.
    static func rows(in markdown: String) -> [Row] {
        markdown.split(separator: "\n").compactMap { line -> Row? in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 4, let number = Int(cells[1]) else { return nil }
            let link = cells[2]
            guard link.hasPrefix("["), let close = link.range(of: "]("), link.hasSuffix(")") else { return nil }
            let title = String(link[link.index(after: link.startIndex)..<close.lowerBound])
            let page = String(link[close.upperBound..<link.index(before: link.endIndex)])
            let command = cells[3].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            return Row(number: number, title: title, page: page, command: command)
        }
    }
}
