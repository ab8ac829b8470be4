import Foundation
import Testing

@testable import Notebook

/// The figure writer's output, checked as text: no gnuplot needed.
@Suite struct FigureScriptTests {
    func lineFigure() -> Figure {
        var figure = Figure(
            "compression", title: "Bytes per token \"by\" vocabulary", xLabel: "vocabulary size",
            yLabel: "bytes/token")
        figure.logX = true
        figure.add(Series("story", x: [256.0, 512, 1024], y: [1.0, 2.5, 3.25], style: .linesPoints))
        figure.add(Series("formula", x: [256.0, 1024], y: [1.0, 3.0], dashed: true))
        return figure
    }

    @Test func scriptNamesItsFilesAndSeries() {
        let script = Gnuplot.script(
            for: lineFigure(), dataFile: "01-x-compression.dat",
            pngFile: "01-x-compression.png")
        #expect(script.contains("set terminal pngcairo"))
        #expect(script.contains("set output '01-x-compression.png'"))
        #expect(script.contains("set logscale x"))
        #expect(!script.contains("set logscale y"))
        #expect(script.contains("'01-x-compression.dat' index 0 using 1:2 with linespoints"))
        #expect(script.contains("index 1 using 1:2 with lines lt 2 dt 2 title 'formula'"))
        // Text is single-quoted data: double quotes inside need no escape.
        #expect(script.contains("set title 'Bytes per token \"by\" vocabulary'"))
    }

    @Test func dataHasOneBlockPerSeries() {
        let data = Gnuplot.dataText(for: lineFigure())
        let blocks = data.components(separatedBy: "\n\n\n")
        #expect(blocks.count == 2)
        #expect(blocks[0].contains("256 1\n512 2.5\n1024 3.25"))
        #expect(blocks[1].contains("# series 1: formula"))
    }

    @Test func heatmapWritesAMatrixWithLabels() {
        var figure = Figure("attention", title: "Attention")
        figure.heatmap = Heatmap(
            [[1, 0], [0.25, 0.75]], rowLabels: ["a", "b"], columnLabels: ["x", "y"],
            colorRange: 0...1)
        let script = Gnuplot.script(for: figure, dataFile: "h.dat", pngFile: "h.png")
        #expect(script.contains("matrix with image"))
        #expect(script.contains("set cbrange [0:1]"))
        #expect(script.contains("set ytics ('a' 0, 'b' 1)"))
        #expect(Gnuplot.dataText(for: figure).hasSuffix("1 0\n0.25 0.75\n"))
    }

    @Test func histogramCountsEveryValueOnce() {
        let series = Series.histogram("h", values: [0.0, 0.1, 0.5, 0.9, 1.0], bins: 2)
        #expect(series.points.map(\.y) == [2, 3])
        #expect(series.points.map(\.x) == [0.25, 0.75])
    }

    @Test func asciiScriptSwapsTheTerminalOnly() {
        let script = Gnuplot.script(for: lineFigure(), dataFile: "d.dat", pngFile: "p.png")
        let ascii = Gnuplot.asciiScript(from: script, columns: 80)
        #expect(ascii.contains("set terminal dumb size 80,26"))
        #expect(!ascii.contains("pngcairo"))
        #expect(ascii.contains("plot 'd.dat'"))
    }

    /// A figure's name becomes a file name, so it may not be a path.
    @Test func aFigureNameIsNeverAPath() async {
        await #expect(processExitsWith: .failure) {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("tailor-name-\(getpid())")
            let options = try ChapterOptions.parse(["--quick", "--no-figures"])
            let book = Notebook(chapter: 9, slug: "test", title: "Test", summary: "", options: options, root: root)
            book.figure(Figure("../../escape", title: "t"), caption: "c")
        }
    }

    @Test func notebookWritesScriptAndDataEvenWithoutDrawing() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tailor-notebook-\(getpid())")
        defer { try? FileManager.default.removeItem(at: root) }
        let options = try ChapterOptions.parse(["--quick", "--no-figures"])
        let book = Notebook(
            chapter: 9, slug: "test", title: "Test", summary: "A test chapter.", options: options,
            root: root)
        book.section("Only section")
        book.prose("Some **bold** prose with `code`.")
        book.figure(lineFigure(), caption: "A caption.")
        var table = Table(["name", "value"])
        table.append(["x", "1.5"])
        book.table(table)
        book.finish()
        let figures = root.appendingPathComponent("Figures/quick")
        #expect(FileManager.default.fileExists(atPath: figures.appendingPathComponent("09-test-compression.gp").path))
        #expect(FileManager.default.fileExists(atPath: figures.appendingPathComponent("09-test-compression.dat").path))
        let page = try String(contentsOf: root.appendingPathComponent("Chapters/quick/09-test.md"), encoding: .utf8)
        #expect(page.hasPrefix("# Chapter 9 · Test"))
        #expect(page.contains("## 9.1 Only section"))
        #expect(page.contains("![Bytes per token \"by\" vocabulary](../../Figures/quick/09-test-compression.png)"))
        #expect(page.contains("| x | 1.5 |"))
        // Nothing half-written is left behind.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: figures.path)
            .filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }
}

@Suite struct LogAxisTickTests {
    @Test func aNarrowRangeGetsNiceTicks() throws {
        let ticks = try #require(Gnuplot.logTicks([0.55, 0.7, 1.3, 2.9]))
        #expect(ticks == [0.6, 0.8, 1, 1.5, 2])  // inside [0.55, 2.9], nice, 3 to 9 of them
        #expect(Gnuplot.logTicks([1, 1e6]) == nil)  // many decades: gnuplot's own are readable
        let wide = try #require(Gnuplot.logTicks([2e7, 3e9]))
        #expect(wide.count >= 3 && wide.count <= 9 && wide.allSatisfy { $0 >= 2e7 && $0 <= 3e9 })
    }

    @Test func aLogAxisWithoutTicksGetsThemInTheScript() {
        var figure = Figure("t", title: "t")
        figure.logY = true
        figure.add(Series("s", x: [1, 2], y: [0.6, 0.9]))
        #expect(
            Gnuplot.script(for: figure, dataFile: "t.dat", pngFile: "t.png")
                .contains("set ytics (0.6, 0.7, 0.8, 0.9)"))
    }
}
