import Foundation

/// The HTML around a page's content: the head (viewport for phones, the book's stylesheet),
/// the book's name, and previous / contents / next links above and below the page.
///
/// Every link is relative, so the site works opened straight from the file system.
struct PageTemplate {
    /// A page the navigation can point to: its file in the site and its title.
    struct Link: Equatable {
        var file: String
        var title: String
    }

    /// The page's `<title>` and first heading.
    var title: String
    /// The page before and after this one in reading order; nil at either end.
    var previous: Link?
    var next: Link?
    /// Whether this page is the contents page (it then shows no "Contents" link).
    var isContents: Bool
    /// The woven markdown this page was made from, named in the footer (e.g. "Chapters/04-svd.md").
    var source: String
    /// The footer's text as HTML, when it is not the usual "made from Chapters/…" line.
    var footer: String? = nil

    /// The whole page around `content`, the HTML that ``PageRenderer`` made.
    func html(content: String) -> String {
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Self.escaped(title))\(isContents ? "" : " — Tailor")</title>
            <link rel="stylesheet" href="style.css">
            </head>
            <body>
            <header class="masthead"><a href="index.html">Tailor</a> <span>tailoring language models to a task, \
            from scratch, in Swift</span></header>
            \(isContents ? "" : pager(place: "top"))
            <main>
            \(content)
            </main>
            \(pager(place: "bottom"))
            <footer>\(footer ?? madeFrom)</footer>
            </body>
            </html>

            """
    }

    private var madeFrom: String {
        "Made by <code>swift run book --html</code> from <code>\(Self.escaped(source))</code>, "
            + "which running the chapter wrote."
    }

    /// "← previous · Contents · next →", each part present only where it leads somewhere. The
    /// stylesheet shows the top one on a phone as one short row, without the chapters' titles.
    private func pager(place: String) -> String {
        var links: [String] = []
        if let previous {
            links.append(
                "<a class=\"previous\" rel=\"prev\" href=\"\(previous.file)\">"
                    + "<span class=\"label\">← Previous</span>"
                    + "<span class=\"title\">\(Self.escaped(previous.title))</span></a>")
        }
        if !isContents {
            links.append(
                "<a class=\"contents\" href=\"index.html\"><span class=\"label\">Book</span>"
                    + "<span class=\"title\">Contents</span></a>")
        }
        if let next {
            links.append(
                "<a class=\"next\" rel=\"next\" href=\"\(next.file)\">"
                    + "<span class=\"label\">Next →</span>"
                    + "<span class=\"title\">\(Self.escaped(next.title))</span></a>")
        }
        return "<nav class=\"pager \(place)\" aria-label=\"chapters\">" + links.joined() + "</nav>"
    }

    /// Text made safe to place in HTML.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }
}
