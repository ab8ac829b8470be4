import Foundation

/// Drives gnuplot through a pipe, as the C++ gnuplot-iostream library does: the script is
/// written to gnuplot's standard input. The same script, and the data it reads, are also
/// saved beside the PNG so a reader can restyle and redraw the figure by hand.
public enum Gnuplot {
    /// The house style: one palette and one look for every figure in the book.
    static let palette = [
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
        "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22",
    ]

    /// The path of the gnuplot executable, or nil when it is not installed.
    public static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = String(directory) + "/gnuplot"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    /// The data file's text: one block per series (separated by two blank lines, so the
    /// script selects them with `index`), or the matrix of a heatmap.
    public static func dataText(for figure: Figure) -> String {
        var text = comment("data for \(figure.name): \(figure.title)") + "\n"
        if let heatmap = figure.heatmap {
            text += "# \(heatmap.values.count) rows × \(heatmap.values[0].count) columns; row 0 is drawn at the top\n"
            for row in heatmap.values {
                text += row.map { number($0) }.joined(separator: " ") + "\n"
            }
            return text
        }
        for (index, series) in figure.series.enumerated() {
            if index > 0 { text += "\n\n" }
            text += comment("series \(index): \(series.label)") + "\n"
            for (position, point) in series.points.enumerated() {
                text += number(point.x) + " " + number(point.y)
                if let errors = series.errors, position < errors.count { text += " " + number(errors[position]) }
                text += "\n"
            }
        }
        return text
    }

    /// The gnuplot script for `figure`, reading `dataFile` and writing `pngFile`
    /// (both names relative to the figure's folder).
    ///
    /// Every string from the figure (title, labels, legends, tic labels, file names) enters
    /// the script as data through `literal(_:)` or `comment(_:)`, never as code; only
    /// `extraCommands` are code, by design.
    public static func script(for figure: Figure, dataFile: String, pngFile: String) -> String {
        let data = literal(dataFile)
        var lines = [
            comment(figure.title),
            comment(
                "Written by Tailor. To redraw or restyle: cd Figures && gnuplot "
                    + pngFile.replacingOccurrences(of: ".png", with: ".gp")),
            "set terminal pngcairo size \(figure.width),\(figure.height) enhanced font 'DejaVu Sans,13' linewidth 1.5",
            outputCommand(pngFile),
            "set termoption noenhanced",  // no markup in text: `_`, `^`, `@` and `{}` print as themselves
            "set title \(literal(figure.title)) font ',15'",
            "set xlabel \(literal(figure.xLabel))",
            "set ylabel \(literal(figure.yLabel))",
            "set border 3 lc rgb '#555555'",
            "set tics nomirror out",
            "set grid lc rgb '#dddddd' lt 1",
            "set key \(legendPosition(figure.legendPosition)) box lc rgb '#bbbbbb' opaque",
        ]
        lines += axisCommands(figure)
        for (index, color) in palette.enumerated() {
            lines.append("set linetype \(index + 1) lc rgb '\(color)' lw 2 pt 7 ps 1.1")
        }

        if let heatmap = figure.heatmap {
            lines += heatmapCommands(heatmap, dataFile: dataFile) + figure.extraCommands
            lines.append(heatmapPlot(heatmap, data: data))
            return lines.joined(separator: "\n") + "\n"
        }

        if let labels = figure.xTickLabels {
            lines.append("set xtics (\(ticLabels(labels))) rotate by -30")
        }
        if figure.series.contains(where: { $0.style == .bars }) {
            let bars = figure.series.filter { $0.style == .bars }.count
            lines.append("set style fill solid 0.75 border lc rgb '#333333'")
            lines.append("set boxwidth \(bars > 1 ? 0.8 / Double(bars) : 0.8) relative")
            if figure.yRange == nil, !figure.logY { lines.append("set yrange [0:*]") }  // bars start at zero
        }
        lines += figure.extraCommands
        let plots = figure.series.enumerated().map { index, series -> String in
            let dash = series.dashed ? " dt 2" : ""
            if series.errors != nil {
                let style = series.style == .points ? "yerrorbars" : "yerrorlines"
                return "\(data) index \(index) using 1:2:3 with \(style) lt \(index % palette.count + 1)\(dash) "
                    + "title \(literal(series.label))"
            }
            let style = "with \(series.style.rawValue) lt \(index % palette.count + 1)\(dash)"
            return "\(data) index \(index) using 1:2 \(style) title \(literal(series.label))"
        }
        lines.append("plot " + (plots.isEmpty ? "NaN notitle" : plots.joined(separator: ", \\\n     ")))
        return lines.joined(separator: "\n") + "\n"
    }

    /// Log scales, readable ticks on them, and fixed ranges.
    private static func axisCommands(_ figure: Figure) -> [String] {
        var lines: [String] = []
        // On log axes gnuplot widens the range to whole decades; fit the data instead.
        // Log-axis ticks as plain numbers, with SI prefixes on x ("10k", "1M"), not "1e+06".
        if figure.logX { lines += ["set logscale x", "set autoscale xfix", "set format x '%.0s%c'", "set mxtics 10"] }
        if figure.logY { lines += ["set logscale y", "set autoscale yfix", "set format y '%g'", "set mytics 10"] }
        // Within a decade or two gnuplot labels no tick at all on a log axis: give it readable ones.
        let custom = figure.extraCommands.joined(separator: "\n")
        if figure.logX, figure.xTickLabels == nil, !custom.contains("set xtics"),
            let ticks = logTicks(figure.series.flatMap { $0.points.map(\.x) })
        {
            lines.append("set xtics (\(ticks.map(number).joined(separator: ", ")))")
        }
        if figure.logY, !custom.contains("set ytics"),
            let ticks = logTicks(figure.series.flatMap { $0.points.map(\.y) })
        {
            lines.append("set ytics (\(ticks.map(number).joined(separator: ", ")))")
        }
        if let range = figure.xRange {
            lines.append("set xrange [\(number(range.lowerBound)):\(number(range.upperBound))]")
        }
        if let range = figure.yRange {
            lines.append("set yrange [\(number(range.lowerBound)):\(number(range.upperBound))]")
        }
        return lines
    }

    /// The heatmap's plot command, with its values printed in the cells when asked.
    private static func heatmapPlot(_ heatmap: Heatmap, data: String) -> String {
        var plot = "plot \(data) matrix with image notitle"
        guard heatmap.showValues else { return plot }
        // Light text on the dark half of the palette, dark text on the light half.
        let flat = heatmap.values.flatMap { $0 }
        let range = heatmap.colorRange ?? ((flat.min() ?? 0)...(flat.max() ?? 1))
        let middle = number((range.lowerBound + range.upperBound) / 2)
        let value = "sprintf('%.2f',$3)"
        plot +=
            ", \(data) matrix using 1:2:($3 < \(middle) ? \(value) : '') with labels font ',11'"
            + " tc rgb '#ffffff' notitle"
        plot +=
            ", \(data) matrix using 1:2:($3 >= \(middle) ? \(value) : '') with labels font ',11'"
            + " tc rgb '#000000' notitle"
        return plot
    }

    private static func heatmapCommands(_ heatmap: Heatmap, dataFile: String) -> [String] {
        let rows = heatmap.values.count
        let columns = heatmap.values[0].count
        var lines = [
            "set key off",
            "set grid noxtics noytics",
            "set xrange [-0.5:\(Double(columns) - 0.5)]",
            "set yrange [\(Double(rows) - 0.5):-0.5]",  // row 0 at the top, like a matrix
            "set tics scale 0",
        ]
        if heatmap.diverging {
            lines.append("set palette defined (0 '#2166ac', 0.5 '#f7f7f7', 1 '#b2182b')")
        } else {
            lines.append(
                "set palette defined (0 '#440154', 0.25 '#3b528b', 0.5 '#21918c', 0.75 '#5ec962', 1 '#fde725')")
        }
        if let range = heatmap.colorRange {
            lines.append("set cbrange [\(number(range.lowerBound)):\(number(range.upperBound))]")
        } else if heatmap.diverging {
            let extent = heatmap.values.flatMap { $0 }.map(abs).max() ?? 1
            lines.append("set cbrange [\(number(-extent)):\(number(extent))]")
        }
        if let labels = heatmap.columnLabels {
            lines.append("set xtics (\(ticLabels(labels))) rotate by -45")
        }
        if let labels = heatmap.rowLabels {
            lines.append("set ytics (\(ticLabels(labels)))")
        }
        return lines
    }

    /// Runs gnuplot in `directory` with `script` on its standard input.
    /// - Returns: gnuplot's standard output (the drawing, for the dumb terminal).
    /// - Throws: `GnuplotError` with gnuplot's own message when it fails.
    public static func run(script: String, in directory: URL) throws -> String {
        guard let executable else { throw GnuplotError.notInstalled }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.currentDirectoryURL = directory
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(script.utf8))
        try input.fileHandleForWriting.close()
        // Read both pipes before waiting, so a large drawing cannot fill a pipe and deadlock.
        let drawing = output.fileHandleForReading.readDataToEndOfFile()
        let complaint = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw GnuplotError.failed(
                String(decoding: complaint, as: UTF8.self)
                    .trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return String(decoding: drawing, as: UTF8.self)
    }

    /// The same figure for a text terminal: gnuplot's `dumb` terminal, `columns` wide.
    public static func asciiScript(from script: String, columns: Int, rows: Int = 26) -> String {
        script.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            if line.hasPrefix("set terminal ") { return "set terminal dumb size \(columns),\(rows)" }
            if line.hasPrefix("set output ") { return "set output\nunset grid\nset style fill empty" }
            return String(line)
        }.joined(separator: "\n")
    }

    // MARK: - Text as data

    /// `text` as a gnuplot string expression that is data, never code.
    ///
    /// Single quotes, because gnuplot 5.4 runs backtick command substitution inside double
    /// quotes (`"`cmd`"` runs `cmd` when the script is read) and interprets backslash escapes
    /// there; inside single quotes neither happens, nor `@macro` expansion. A quote inside
    /// cannot be written twice (gnuplot 5.4 misreads `'''a'` and `'a''''b'`), so the text is
    /// cut at each quote and glued back with a constant quote: `'it'."'".'s'`. A line break
    /// would end the command and start another, so control characters become spaces.
    ///
    /// Example: `literal("it's `date`")` → `'it'."'".'s `date`'`, drawn as it's `date`.
    public static func literal(_ text: String) -> String {
        oneLine(text).split(separator: "'", omittingEmptySubsequences: false)
            .map { "'" + $0 + "'" }
            .joined(separator: #"."'"."#)
    }

    /// `text` as a gnuplot comment line. Control characters become spaces (a line break would
    /// start a command) and trailing backslashes go (gnuplot continues a comment ending in
    /// `\` onto the next line, which would swallow the command there).
    public static func comment(_ text: String) -> String {
        var line = oneLine(text)
        while line.hasSuffix("\\") { line.removeLast() }
        return "# " + line
    }

    /// The `set output` command for `file` (which `Notebook` swaps for a temporary name).
    public static func outputCommand(_ file: String) -> String {
        "set output \(literal(file))"
    }

    /// Text with every control character (line breaks, tabs, escape, delete) as a space.
    static func oneLine(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { scalar in
                    scalar.properties.generalCategory == .control ? " " : scalar
                }))
    }

    /// `'a' 0, 'b' 1, …`: tic labels at positions 0, 1, 2…
    static func ticLabels(_ labels: [String]) -> String {
        labels.enumerated().map { "\(literal($0.element)) \($0.offset)" }.joined(separator: ", ")
    }

    /// The words `set key` takes as a position; a legend position is made of these only.
    static let legendWords: Set<String> = [
        "top", "bottom", "left", "right", "center", "inside", "outside", "above", "below", "over", "under",
        "horizontal", "vertical", "lmargin", "rmargin", "tmargin", "bmargin", "Left", "Right", "reverse",
        "noreverse", "invert", "noinvert",
    ]

    /// `position` checked to be gnuplot position words only, so it cannot carry a command.
    static func legendPosition(_ position: String) -> String {
        let words = position.split(separator: " ")
        precondition(
            words.allSatisfy { legendWords.contains(String($0)) },
            "legend position '\(position)' is not made of gnuplot's key position words "
                + "(\(legendWords.sorted().joined(separator: ", ")))")
        return words.joined(separator: " ")
    }

    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "NaN" }  // gnuplot skips NaN points
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return String(format: "%.7g", x)
    }
}

/// Why a figure could not be drawn.
public enum GnuplotError: Error, CustomStringConvertible {
    case notInstalled
    case failed(String)

    public var description: String {
        switch self {
        case .notInstalled: return "gnuplot is not installed"
        case .failed(let message): return "gnuplot failed: \(message)"
        }
    }
}

extension Gnuplot {
    /// Tick values for a log axis over `values`' positive range: "nice" numbers (1, 2, 5 ×
    /// 10ᵏ, or denser when the range is narrow) so that 3 to 9 ticks are labelled. nil when the
    /// range spans so many decades that gnuplot's own decade ticks read well.
    static func logTicks(_ values: [Double]) -> [Double]? {
        let positive = values.filter { $0 > 0 && $0.isFinite }
        guard let low = positive.min(), let high = positive.max(), high > low else { return nil }
        guard log10(high / low) <= 3 else { return nil }
        let mantissaSets: [[Double]] = [
            [1], [1, 3], [1, 2, 5], [1, 2, 3, 5], [1, 1.5, 2, 3, 4, 5, 6, 8],
            [1, 1.2, 1.4, 1.6, 1.8, 2, 2.5, 3, 3.5, 4, 4.5, 5, 6, 7, 8, 9],
        ]
        var best: [Double] = []
        for mantissas in mantissaSets {
            var ticks: [Double] = []
            for exponent in Int(floor(log10(low)))...Int(ceil(log10(high))) {
                for mantissa in mantissas {
                    // Divide for negative exponents: 6 / 10 is the double nearest 0.6, 6 · 0.1 is not.
                    let tick =
                        exponent < 0
                        ? mantissa / pow(10, Double(-exponent))
                        : mantissa * pow(10, Double(exponent))
                    if tick >= low * 0.999 && tick <= high * 1.001 { ticks.append(tick) }
                }
            }
            if ticks.count > 9 { break }
            best = ticks
            if ticks.count >= 4 { break }
        }
        return best.count >= 2 ? best : nil
    }
}
