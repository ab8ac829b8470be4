/// A page of the HTML book that shows one of the book's source files whole, highlighted, with
/// numbered lines a listing can link to (`#L40`). A listing on a chapter page shows a region;
/// this is where its "lines a–b" link leads, so a reader can see the code around it.
enum SourceFilePage {
    /// The page for the file at `path` (relative to the package root) holding `source`.
    static func html(path: String, source: String) -> String {
        let lines = SwiftHighlighter.numberedLines(source)
        let numbered = lines.enumerated().map { index, line in
            let number = index + 1
            return "<span class=\"line\" id=\"L\(number)\"><a class=\"number\" href=\"#L\(number)\">\(number)</a>"
                + line + "</span>"
        }.joined(separator: "\n")
        let content = """
            <h1><code>\(PageTemplate.escaped(path))</code></h1>
            <p>The whole file a listing of the book comes from, as it stood when the book's pages were \
            made into this site. A chapter shows only the lines it explains; here is what is around them.</p>
            <pre class="listing source-file"><code class="language-swift">\(numbered)</code></pre>
            """
        let template = PageTemplate(
            title: path, previous: nil, next: nil, isContents: false, source: path,
            footer: "Made by <code>swift run book --html</code> from <code>\(PageTemplate.escaped(path))</code>.")
        return template.html(content: content)
    }
}
