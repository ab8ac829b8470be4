import Foundation

/// A listing as it stands in a woven page: the file and lines it links to, and the code shown.
/// Read back from pages to check that every page still shows exactly what its files hold.
public struct WovenListing: Equatable, Sendable {
    /// The linked file, relative to the package root ("Sources/…").
    public var path: String
    public var firstLine: Int
    public var lastLine: Int
    /// The code in the Swift block after the link.
    public var code: String

    /// Every listing in `page` (the Markdown `Notebook.listing` writes): a line
    /// `**Listing N.M — caption.** [path, lines a–b](…/path#La-Lb)`, a blank line, then a
    /// ```` ```swift ```` block.
    public static func all(in page: String) -> [WovenListing] {
        let lines = page.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var found: [WovenListing] = []
        var index = 0
        while index < lines.count {
            defer { index += 1 }
            guard lines[index].hasPrefix("**Listing "), let (path, first, last) = linkTarget(lines[index]) else {
                continue
            }
            // The block starts two lines on, after a blank line, with a fence of three or more backticks.
            let open = index + 2
            guard open < lines.count, lines[open].hasSuffix("swift") else { continue }
            let fence = String(lines[open].prefix(while: { $0 == "`" }))
            guard fence.count >= 3, lines[open] == fence + "swift" else { continue }
            guard let close = lines[(open + 1)...].firstIndex(of: fence) else { continue }
            let code = lines[(open + 1)..<close].joined(separator: "\n")
            found.append(WovenListing(path: path, firstLine: first, lastLine: last, code: code))
            index = close
        }
        return found
    }

    /// `Sources/x.swift`, 40, 58 from a link `(../Sources/x.swift#L40-L58)` at the end of `line`.
    static func linkTarget(_ line: String) -> (String, Int, Int)? {
        guard line.hasSuffix(")"), let open = line.range(of: "](", options: .backwards) else { return nil }
        let target = line[open.upperBound..<line.index(before: line.endIndex)]
        guard let hash = target.firstIndex(of: "#") else { return nil }
        var path = Substring(target[..<hash])
        while path.hasPrefix("../") { path = path.dropFirst(3) }
        let fragment = target[target.index(after: hash)...]
        let parts = fragment.split(separator: "-")
        guard parts.count == 2, parts[0].hasPrefix("L"), parts[1].hasPrefix("L"),
            let first = Int(parts[0].dropFirst()), let last = Int(parts[1].dropFirst())
        else { return nil }
        return (String(path), first, last)
    }

    /// What is wrong with this listing against the package at `root`, or nil if the page shows
    /// exactly the region of the file that starts and ends on its lines.
    public func problem(root: URL) -> String? {
        let file = root.appendingPathComponent(path)
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return "\(path): cannot read" }
        let regions: [SourceRegion]
        do { regions = try SourceRegion.all(in: text) } catch { return "\(path): \(error)" }
        guard let region = regions.first(where: { $0.firstLine == firstLine && $0.lastLine == lastLine }) else {
            return "\(path): no region spans lines \(firstLine)–\(lastLine) any more (re-run the chapter)"
        }
        guard region.text == code else {
            return "\(path): region '\(region.name)' differs from the page's listing (re-run the chapter)"
        }
        return nil
    }
}
