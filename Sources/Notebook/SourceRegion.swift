// MARK: - A named region of a source file, as a chapter shows it

/// A region of a Swift source file marked for the book, so a chapter's listing is the code
/// that ran, read from the file at the moment the chapter runs, never typed into prose.
///
/// A region is marked by comment lines in the source:
/// ```swift
/// // listing: lora-forward
/// public func forward(_ input: Tensor) -> Tensor {
///     // listing: elide
///     precondition(…)            // lines the page leaves out
///     // listing: resume
///     return base.forward(input) + update(input)
/// }
/// // listing: end
/// ```
/// The marker lines are not shown. An elided run becomes one line `// …` at the indentation
/// of its first line. The region is dedented by its common indentation.
///
/// `firstLine` and `lastLine` are 1-based line numbers in the file of the region's first and
/// last shown-or-elided line (the lines between the `listing:` markers), which is the range a
/// page links to.
public struct SourceRegion: Equatable, Sendable {
    /// The name after `// listing:`: letters, digits and dashes.
    public var name: String
    /// 1-based, inclusive: the lines between the begin and end markers.
    public var firstLine: Int
    public var lastLine: Int
    /// The lines a page shows: dedented, with elided runs replaced by `// …`.
    public var shownLines: [String]

    /// The most lines a listing may show: a listing explains one idea, not a file.
    public static let maximumShownLines = 30

    /// Words after `// listing:` that are markers, not names.
    static let reserved: Set<String> = ["end", "elide", "resume"]

    /// Why a region could not be read.
    public enum Problem: Error, Equatable, CustomStringConvertible {
        case missing(name: String)
        case duplicate(name: String, lines: [Int])
        case unterminated(name: String, line: Int)
        case strayMarker(String, line: Int)
        case badName(String, line: Int)
        case empty(name: String)
        case tooLong(name: String, shown: Int)

        public var description: String {
            switch self {
            case .missing(let name): "no region '\(name)' (mark it with `// listing: \(name)` … `// listing: end`)"
            case .duplicate(let name, let lines): "region '\(name)' is marked twice (lines \(lines.map(String.init)))"
            case .unterminated(let name, let line): "region '\(name)' opened on line \(line) has no `// listing: end`"
            case .strayMarker(let marker, let line): "`// listing: \(marker)` on line \(line) is outside a region"
            case .badName(let name, let line): "'\(name)' on line \(line) is not a region name (letters, digits, -)"
            case .empty(let name): "region '\(name)' shows no lines"
            case .tooLong(let name, let shown):
                "region '\(name)' shows \(shown) lines; at most \(maximumShownLines) (elide the rest)"
            }
        }
    }

    /// The marker a line holds, if it is a `// listing:` comment line.
    static func marker(in line: Substring) -> String? {
        let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
        guard trimmed.hasPrefix("// listing:") else { return nil }
        return trimmed.dropFirst("// listing:".count).trimmingCharacters(in: .whitespaces)
    }

    /// Every region marked in `text`, in order. Throws on markers that do not pair up.
    public static func all(in text: String) throws -> [SourceRegion] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var regions: [SourceRegion] = []
        var open: (name: String, line: Int, body: [Substring], elided: [Bool])? = nil
        var eliding = false
        for (index, line) in lines.enumerated() {
            let number = index + 1
            guard let marker = marker(in: line) else {
                if open != nil {
                    open!.body.append(line)
                    open!.elided.append(eliding)
                }
                continue
            }
            switch marker {
            case "end":
                guard let region = open else { throw Problem.strayMarker(marker, line: number) }
                regions.append(
                    try finished(
                        name: region.name, from: region.line + 1, to: number - 1, body: region.body,
                        elided: region.elided))
                open = nil
                eliding = false
            case "elide", "resume":
                guard open != nil else { throw Problem.strayMarker(marker, line: number) }
                eliding = marker == "elide"
                // The marker line itself is neither shown nor elided, but it is in the range.
                open!.body.append("")
                open!.elided.append(true)
            default:
                guard isName(marker) else { throw Problem.badName(marker, line: number) }
                if let region = open { throw Problem.unterminated(name: region.name, line: region.line) }
                open = (marker, number, [], [])
            }
        }
        if let region = open { throw Problem.unterminated(name: region.name, line: region.line) }
        var seen: [String: Int] = [:]
        for region in regions {
            if let earlier = seen[region.name] {
                throw Problem.duplicate(name: region.name, lines: [earlier, region.firstLine - 1])
            }
            seen[region.name] = region.firstLine - 1
        }
        return regions
    }

    /// The region called `name` in `text`.
    public static func named(_ name: String, in text: String) throws -> SourceRegion {
        guard let region = try all(in: text).first(where: { $0.name == name }) else {
            throw Problem.missing(name: name)
        }
        return region
    }

    static func isName(_ text: String) -> Bool {
        !text.isEmpty && !reserved.contains(text)
            && text.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
            }
    }

    /// Builds the shown lines: elided runs folded to `// …`, then the common indentation removed.
    private static func finished(
        name: String, from first: Int, to last: Int, body: [Substring], elided: [Bool]
    ) throws -> SourceRegion {
        var shown: [String] = []
        var index = 0
        while index < body.count {
            guard elided[index] else {
                shown.append(String(body[index]))
                index += 1
                continue
            }
            var run: [Substring] = []
            while index < body.count, elided[index] {
                run.append(body[index])
                index += 1
            }
            // The fold sits at the indentation of the first real line it replaces.
            let content = run.filter { !$0.allSatisfy { $0 == " " } }
            if let firstReal = content.first {
                shown.append(String(firstReal.prefix(while: { $0 == " " })) + "// …")
            }
        }
        while shown.first?.allSatisfy({ $0 == " " }) == true { shown.removeFirst() }
        while shown.last?.allSatisfy({ $0 == " " }) == true { shown.removeLast() }
        guard !shown.isEmpty else { throw Problem.empty(name: name) }
        let indentation =
            shown.filter { !$0.allSatisfy { $0 == " " } }
            .map { $0.prefix(while: { $0 == " " }).count }.min() ?? 0
        shown = shown.map { $0.allSatisfy { $0 == " " } ? "" : String($0.dropFirst(indentation)) }
        guard shown.count <= maximumShownLines else { throw Problem.tooLong(name: name, shown: shown.count) }
        return SourceRegion(name: name, firstLine: first, lastLine: last, shownLines: shown)
    }

    /// The region as a page shows it.
    public var text: String { shownLines.joined(separator: "\n") }
}
