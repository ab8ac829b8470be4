// MARK: - Where fenced code blocks open and close

/// Follows fenced code blocks line by line as Ink reads them: a fence opens with three or more
/// backticks and closes only at a line that starts with the same number. So a woven block whose
/// fence is longer than any backtick run inside (`MarkdownText.codeBlock`) stays one block even
/// when a line of it is "```".
///
/// Example:
/// ```swift
/// var fence = CodeFence()
/// ["````text", "```", "````"].map { fence.consume($0) }   // [true, false, true]; inside: false
/// ```
struct CodeFence {
    /// The backticks that opened the current block, or nil outside one.
    private(set) var openedWith: Int?

    var isInside: Bool { openedWith != nil }

    /// Reads one line; returns whether it opens or closes a block.
    mutating func consume<Line: StringProtocol>(_ line: Line) -> Bool {
        let backticks = line.prefix { $0 == "`" }.count
        switch openedWith {
        case nil where backticks >= 3:
            openedWith = backticks
            return true
        case let count? where backticks == count:
            openedWith = nil
            return true
        default:
            return false
        }
    }
}
