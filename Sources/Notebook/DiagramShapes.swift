// MARK: - Boxes and arrows for a diagram drawn as a gnuplot figure

/// gnuplot commands for a pipeline diagram: put them in a `Figure`'s `extraCommands` after
/// `Diagram.canvas` (which hides the axes). Coordinates are the figure's own axis units.
public enum Diagram {
    /// Hides border, tics, grid and key, and fixes the axes to `width` × `height` units.
    public static func canvas(width: Int, height: Int) -> [String] {
        [
            "unset border", "unset tics", "unset grid", "unset key",
            "set xrange [0:\(width)]", "set yrange [0:\(height)]",
        ]
    }

    /// A filled box centred at (`x`, `y`), 2·`halfWidth` wide and 2·`halfHeight` tall, with `lines`
    /// of text stacked 2.6 units apart about its centre.
    public static func box(
        _ x: Double, _ y: Double, _ lines: [String], color: String = "#e8f0fe",
        halfHeight: Double = 5, halfWidth: Double = 8.5
    ) -> [String] {
        var commands = [
            "set object rect from \(x - halfWidth),\(y - halfHeight) to \(x + halfWidth),\(y + halfHeight) "
                + "fc rgb '\(color)' fs solid border lc rgb '#555555'"
        ]
        for (index, line) in lines.enumerated() {
            let offset = (Double(lines.count - 1) / 2 - Double(index)) * 2.6
            commands.append("set label \(Gnuplot.literal(line)) at \(x),\(y + offset) center front")
        }
        return commands
    }

    /// A grey arrow with a filled head from (`x1`, `y1`) to (`x2`, `y2`); `head: false` draws a
    /// plain line (a path that an arrow continues).
    public static func arrow(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, head: Bool = true) -> String {
        "set arrow from \(x1),\(y1) to \(x2),\(y2) \(head ? "head filled size 1.2,20" : "nohead") "
            + "lc rgb '#555555' lw 2 front"
    }

    /// Text at (`x`, `y`), centred, as data (never a command).
    public static func label(_ x: Double, _ y: Double, _ text: String, bold: Bool = false) -> String {
        "set label \(Gnuplot.literal(text)) at \(x),\(y) center front" + (bold ? " font ',14'" : "")
    }
}
