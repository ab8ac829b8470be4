import Foundation

extension BookSite {
    /// Every link and image in the site's pages that points nowhere: a relative `href` or `src`
    /// whose file does not exist, or whose `#fragment` names no `id` in the page it points to.
    /// Absolute URLs (with a scheme) are not followed: the book links to none, and a check
    /// that needs the network would fail on a machine without it.
    ///
    /// - Returns: one line per broken link, "page.html: href → target (what is wrong)"; empty
    ///   when every link resolves.
    public static func brokenLinks(in siteDirectory: URL) throws -> [String] {
        let fileManager = FileManager.default
        let pages = try fileManager.contentsOfDirectory(atPath: siteDirectory.path)
            .filter { $0.hasSuffix(".html") }.sorted()
        var broken: [String] = []
        var identifiersByFile: [String: Set<String>] = [:]
        func identifiers(in file: URL) -> Set<String> {
            if let known = identifiersByFile[file.path] { return known }
            let html = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
            let found = Set(attributeValues("id", in: html))
            identifiersByFile[file.path] = found
            return found
        }
        for page in pages {
            let file = siteDirectory.appendingPathComponent(page)
            let html = try String(contentsOf: file, encoding: .utf8)
            for (attribute, value) in attributeValues(["href", "src"], in: html) {
                if value.isEmpty {
                    broken.append("\(page): empty \(attribute)")
                    continue
                }
                if PageRenderer.hasScheme(value) { continue }
                let (path, fragment) = PageRenderer.splittingFragment(value)
                let decoded = path.removingPercentEncoding ?? path
                let target =
                    path.isEmpty
                    ? file
                    : (decoded.hasPrefix("/")
                        ? URL(fileURLWithPath: decoded)
                        : siteDirectory.appendingPathComponent(decoded).standardizedFileURL)
                guard fileManager.fileExists(atPath: target.path) else {
                    broken.append("\(page): \(attribute)=\"\(value)\" → \(target.path) does not exist")
                    continue
                }
                let name = String(fragment.dropFirst())
                if !name.isEmpty, target.pathExtension == "html", !identifiers(in: target).contains(name) {
                    broken.append(
                        "\(page): \(attribute)=\"\(value)\" → no id \"\(name)\" "
                            + "in \(target.lastPathComponent)")
                }
            }
        }
        return broken
    }

    /// The values of `name="…"` attributes in HTML.
    static func attributeValues(_ name: String, in html: String) -> [String] {
        attributeValues([name], in: html).map(\.value)
    }

    /// The (attribute, value) pairs of the named attributes, in document order.
    static func attributeValues(_ names: [String], in html: String) -> [(attribute: String, value: String)] {
        var found: [(String, String)] = []
        var rest = Substring(html)
        while let space = rest.firstIndex(where: { $0 == " " || $0 == "\n" }) {
            rest = rest[rest.index(after: space)...]
            guard let name = names.first(where: { rest.hasPrefix($0 + "=\"") }) else { continue }
            let start = rest.index(rest.startIndex, offsetBy: name.count + 2)
            guard let end = rest[start...].firstIndex(of: "\"") else { break }
            found.append((name, String(rest[start..<end])))
            rest = rest[end...]
        }
        return found
    }
}
