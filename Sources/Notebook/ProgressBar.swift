import Foundation

/// A progress bar with rate, ETA and a live metric (e.g. the loss).
///
/// On a terminal it redraws one line in place (at most ten times a second); in a pipe or a
/// file it prints a plain line every few seconds instead, so logs stay readable.
///
/// Example:
/// ```swift
/// let bar = book.progress("Pretraining", total: steps, unit: "steps")
/// for step in 1...steps {
///     …
///     bar.update(step, metric: "loss \(Format.fixed(loss, 3))")
/// }
/// bar.finish()
/// ```
public final class ProgressBar {
    /// What is being done, e.g. "Training BPE".
    public let label: String
    /// How many units make 100%.
    public let total: Int
    /// The unit's name, e.g. "merges" or "steps".
    public let unit: String

    private let stopwatch = Stopwatch()
    private var lastDrawn = -1.0
    private var completed = 0
    private var metric = ""
    private var finished = false
    private let interactive: Bool
    /// Seconds between plain lines when output is not a terminal.
    private let pipeInterval: Double

    init(
        label: String, total: Int, unit: String, interactive: Bool = Terminal.isInteractive,
        pipeInterval: Double = 5
    ) {
        self.label = label
        self.total = max(total, 1)
        self.unit = unit
        self.interactive = interactive
        self.pipeInterval = pipeInterval
    }

    /// Seconds since the bar was created.
    public var elapsedSeconds: Double { stopwatch.seconds }

    /// Reports that `completed` units are done; `metric` is shown beside the bar.
    public func update(_ completed: Int, metric: String = "") {
        self.completed = min(completed, total)
        self.metric = metric
        let now = stopwatch.seconds
        if interactive {
            if now - lastDrawn >= 0.1 || completed >= total { draw(now) }
        } else if now - lastDrawn >= pipeInterval, now >= 2 {
            Terminal.write(statusLine(now) + "\n")
            lastDrawn = now
        }
    }

    /// Ends the bar: one final line with the time taken.
    public func finish(metric: String? = nil) {
        guard !finished else { return }
        finished = true
        if let metric { self.metric = metric }
        completed = max(completed, 0)
        let now = stopwatch.seconds
        let line =
            "  " + label + ": " + Format.count(completed) + " " + unit + " in " + Format.duration(now)
            + (self.metric.isEmpty ? "" : " · " + self.metric)
        Terminal.write((interactive ? "\r\u{1B}[2K" : "") + line + "\n")
    }

    private func draw(_ now: Double) {
        lastDrawn = now
        Terminal.write("\r\u{1B}[2K" + statusLine(now, withBar: true))
    }

    /// "  label ██████░░░░  45% 1,200/4,096 merges · 1,543/s · ETA 2s · loss 2.31"
    func statusLine(_ now: Double, withBar: Bool = false) -> String {
        let fraction = Double(completed) / Double(total)
        var parts: [String] = []
        if withBar {
            let cells = 24
            let filled = Int((fraction * Double(cells)).rounded(.down))
            parts.append(String(repeating: "█", count: filled) + String(repeating: "░", count: cells - filled))
        }
        parts.append(String(format: "%3.0f%%", fraction * 100))
        parts.append(Format.count(completed) + "/" + Format.count(total) + " " + unit)
        var line = "  " + label + " " + parts.joined(separator: " ")
        if now > 0.05, completed > 0 {
            let rate = Double(completed) / now
            line += " · " + Format.rate(rate) + "/s"
            let remaining = Double(total - completed) / rate
            line += " · ETA " + Format.duration(remaining)
        }
        if !metric.isEmpty { line += " · " + metric }
        return line
    }
}
