import FileSafety
import Foundation

extension Notebook {
    /// Shows a region of the book's own source, the code the prose is explaining, as the
    /// chapter runs: in the terminal with its file and lines, and in the page as a Swift block
    /// that links to the file and line range it was read from. See `SourceRegion` for how a
    /// region is marked.
    ///
    /// - Parameters:
    ///   - name: the region's name, as after `// listing:` in the file.
    ///   - path: the file, relative to the package root, e.g. "Sources/Adapters/LoRA/LoRALinear.swift".
    ///   - caption: what the listing shows, in a few words ("LoRA's forward pass").
    ///   - callerFile: the chapter's own file; the package root is found from it, so a chapter run
    ///     from any folder finds its sources.
    ///
    /// A missing file or region stops the chapter: the listing is part of the chapter's code.
    public func listing(_ name: String, in path: String, caption: String, callerFile: String = #filePath) {
        let root = Self.packageRoot(fromChapterFile: callerFile)
        let file = root.appendingPathComponent(path)
        let region: SourceRegion
        do {
            let text = try String(contentsOf: file, encoding: .utf8)
            region = try SourceRegion.named(name, in: text)
        } catch let problem as SourceRegion.Problem {
            stop("listing '\(name)' in \(path): \(problem)")
        } catch {
            stop("listing '\(name)': cannot read \(path) (\(error.localizedDescription))")
        }
        listingsWritten += 1
        let label = "Listing \(chapter).\(listingsWritten) — \(caption)"
        let lines = "\(region.firstLine)–\(region.lastLine)"
        Terminal.write("\n  " + Terminal.styled(MarkdownText.unescaped(label), .bold, .cyan) + "  ")
        Terminal.write(Terminal.styled("\(path):\(lines)", .dim) + "\n")
        for line in region.shownLines {
            Terminal.write((line.isEmpty ? "" : "    " + SourceColouring.terminal(line)) + "\n")
        }
        let link = RelativePath.from(chaptersDirectory, to: file) + "#L\(region.firstLine)-L\(region.lastLine)"
        markdown.append(
            "**\(label).** [\(path), lines \(lines)](\(link))\n\n"
                + MarkdownText.codeBlock(region.text, language: "swift"))
    }

    /// The package root: three folders up from Sources/chapterNN-name/main.swift.
    static func packageRoot(fromChapterFile file: String) -> URL {
        URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }
}

/// Light colouring of a Swift line for the terminal: comments dim. The HTML book highlights
/// with swift-syntax; the terminal needs only to set the explanation apart from the code.
enum SourceColouring {
    static func terminal(_ line: String) -> String {
        guard Terminal.usesColor, let comment = commentStart(in: line) else { return line }
        return String(line[..<comment]) + Terminal.styled(String(line[comment...]), .dim)
    }

    /// Where a `//` comment starts, outside string literals.
    static func commentStart(in line: String) -> String.Index? {
        var inString = false
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if character == "\"" { inString.toggle() }
            if !inString, character == "/", line[index...].hasPrefix("//") { return index }
            index = line.index(after: index)
        }
        return nil
    }
}
