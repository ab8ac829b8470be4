import Foundation
import Testing

@testable import Notebook

@Suite struct TextTests {
    @Test func proseWrapsToWidthAndDropsEmphasisMarkersInPlainMode() {
        let text = "BPE merges the most frequent **pair** of *tokens*, again and again, until the `vocab` is full."
        let lines = Prose.wrap(text, width: 30, styled: false)
        #expect(lines.allSatisfy { displayWidth($0) <= 30 })
        // A pipe (or NO_COLOR) gets plain text: no asterisks, no escape codes; backticks stay.
        #expect(
            lines.joined(separator: " ")
                == "BPE merges the most frequent pair of tokens, again and again, until the `vocab` is full.")
        #expect(!lines.joined().contains("\u{1B}"))
    }

    @Test func plainModeKeepsProductsAndCodeAsWritten() {
        // A lone * between spaces is a product, and a * inside code is code.
        #expect(Prose.inline("a * b and `x*y` and *r*", styled: false) == "a * b and `x*y` and r")
        #expect(Prose.inline("two  spaces **kept**", styled: false) == "two  spaces kept")
        // Code across several words keeps one pair of backticks when wrapped.
        #expect(
            Prose.wrap("run `swift run exercises 1` now", width: 80, styled: false) == [
                "run `swift run exercises 1` now"
            ])
    }

    /// Text from outside the book is escaped on the page (`MarkdownText.escaped`); the terminal
    /// shows its characters, and an escaped * never turns into emphasis.
    @Test func escapedTextIsShownNeverStyled() {
        let outside = "⟨*⟩ **x** <|end|> a_b"
        let page = "token " + MarkdownText.escaped(outside) + " and *italic*"
        #expect(Prose.inline(page, styled: false) == "token " + outside + " and italic")
        #expect(Notebook.shown("★ **tokens:** ⟨\\*⟩ &lt;|end|&gt;") == "★ tokens: ⟨*⟩ <|end|>")
        #expect(Prose.wrap(MarkdownText.escaped("*a* b"), width: 80, styled: true) == ["*a* b"])
    }

    @Test func styledModeUsesTerminalStylesNotAsterisks() {
        let line = Prose.inline("the **true** reward", styled: true)
        #expect(line == "the \u{1B}[1mtrue\u{1B}[0m reward")
        #expect(Prose.inline("*r*", styled: true) == "\u{1B}[3mr\u{1B}[0m")
        let heading = Prose.render("# The **leash**", width: 80, indent: 0, styled: false)
        #expect(heading == "The leash")
    }

    @Test func tableCellsShowTheBooksMarkdownPlainAndLiteralCellsAsTheyAre() {
        var table = Table(["term", "value"], caption: "*The reward (`HumanTaste`).*")
        table.append(["**true reward**", "4.00"])
        table.append(["*sample*", "1"])
        table.literalColumns = []
        let plain = table.renderText(indent: 0, styled: false)
        #expect(plain.contains("true reward   4.00"))
        #expect(!plain.contains("*"))
        #expect(plain.hasSuffix("The reward (`HumanTaste`)."))
        var literal = Table(["sample"])
        literal.append(["*a* **b**"])
        literal.literalColumns = [0]
        #expect(literal.renderText(indent: 0, styled: false).hasSuffix("*a* **b**"))
        // The woven Markdown is unchanged.
        #expect(table.renderMarkdown().contains("| **true reward** | 4.00 |"))
    }

    @Test func styledProseDropsMarkersButKeepsWords() {
        let lines = Prose.wrap("a **bold** and `code` word", width: 80, styled: true)
        let visible = lines.joined().replacingOccurrences(of: "\u{1B}[", with: "")
            .replacingOccurrences(of: "[0-9;]*m", with: "", options: .regularExpression)
        #expect(visible == "a bold and code word")
    }

    @Test func blocksRecogniseListsVerbatimAndHeadings() {
        let blocks = Prose.blocks("# Title\n\nA paragraph\nthat continues.\n\n- one\n- two\n\n    y = Wx + b\n")
        #expect(
            blocks == [
                .heading("Title"), .paragraph("A paragraph that continues."),
                .listItem(marker: "•", text: "one"), .listItem(marker: "•", text: "two"),
                .verbatim(["y = Wx + b"]),
            ])
    }

    @Test func tablesAlignNumbersRight() {
        var table = Table(["method", "accuracy"])
        table.append(["LoRA r=8", "91.5%"])
        table.append(["full", "100.0%"])
        #expect(table.isNumeric(column: 1))
        #expect(!table.isNumeric(column: 0))
        let lines = table.renderText(indent: 0).split(separator: "\n")
        #expect(lines[2] == "LoRA r=8     91.5%")  // the column is as wide as its heading
        #expect(lines[3] == "full        100.0%")
        #expect(table.renderMarkdown().contains("|---|---:|"))
    }

    @Test func formats() {
        #expect(Format.count(1234567) == "1,234,567")
        #expect(Format.count(-12) == "-12")
        #expect(Format.bytes(2_500_000) == "2.50 MB")
        #expect(Format.bytes(999) == "999 B")
        #expect(Format.percent(0.4567) == "45.7%")
        #expect(Format.duration(125) == "2 min 05 s")
        #expect(Format.duration(0.0042) == "4.20 ms")
        #expect(Format.duration(0.29) == "290.0 ms")
        #expect(Format.duration(3.5) == "3.50 s")
        #expect(Format.fixed(Double.nan, 2) == "NaN")
    }

    @Test func progressLineShowsRateAndETA() {
        let bar = ProgressBar(label: "Training", total: 100, unit: "steps", interactive: false)
        bar.update(25, metric: "loss 1.23")
        let line = bar.statusLine(5)
        #expect(line.contains("25/100 steps"))
        #expect(line.contains("ETA 15.0 s"))
        #expect(line.contains("loss 1.23"))
        #expect(line.contains("5.0/s"))
    }
}
