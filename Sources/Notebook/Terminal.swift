import Foundation

/// What the notebook knows about where its output goes: a terminal (styled, live progress
/// bars, wrapped to its width) or a pipe/file (plain text, a progress line every few seconds).
enum Terminal {
    /// True when stdout is an interactive terminal.
    static let isInteractive: Bool = isatty(STDOUT_FILENO) != 0

    /// The terminal's width in columns, or 80 in a pipe; capped at 100 so prose stays readable.
    static let width: Int = {
        var size = winsize()
        if isInteractive, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 {
            return min(Int(size.ws_col), 100)
        }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"], let value = Int(columns), value > 20 {
            return min(value, 100)
        }
        return 80
    }()

    /// ANSI styles, used only on an interactive terminal (and never when NO_COLOR is set).
    enum Style: String {
        case bold = "1", dim = "2", italic = "3", underline = "4"
        case cyan = "36", yellow = "33", green = "32", magenta = "35"
    }

    static let usesColor: Bool = isInteractive && ProcessInfo.processInfo.environment["NO_COLOR"] == nil

    static func styled(_ text: String, _ styles: Style...) -> String {
        usesColor ? ansi(text, styles) : text
    }

    /// `text` between ANSI codes for `styles`, whatever the output is: for callers that have
    /// decided already (`Prose` is told whether to style, so tests can see both ways).
    static func ansi(_ text: String, _ styles: [Style]) -> String {
        guard !styles.isEmpty else { return text }
        return "\u{1B}[" + styles.map(\.rawValue).joined(separator: ";") + "m" + text + "\u{1B}[0m"
    }

    /// Writes to stdout and flushes, so output interleaves correctly with progress lines.
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Writes one line to stderr (warnings that must not pollute a chapter's output).
    static func warn(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

/// The number of columns a string occupies when printed (ANSI escapes take none; most
/// characters one). Good enough for the book's tables, which hold ASCII, Latin and the odd ·.
func displayWidth(_ text: String) -> Int {
    var width = 0
    var inEscape = false
    for scalar in text.unicodeScalars {
        if inEscape { if scalar == "m" { inEscape = false }; continue }
        if scalar == "\u{1B}" { inEscape = true; continue }
        if scalar.properties.generalCategory == .nonspacingMark { continue }
        // East Asian wide characters and emoji take two columns.
        let v = scalar.value
        let wide =
            (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0x1F300...0x1FAFF).contains(v) || (0x20000...0x3FFFD).contains(v)
        width += wide ? 2 : 1
    }
    return width
}

/// Pads `text` on the right (or left) to `width` display columns.
func padded(_ text: String, to width: Int, alignRight: Bool = false) -> String {
    let padding = String(repeating: " ", count: max(0, width - displayWidth(text)))
    return alignRight ? padding + text : text + padding
}
