import Foundation

/// File-system paths written into files (a page's links to its figures), relative so the files
/// can move together.
public enum RelativePath {
    /// The path of `file` seen from `directory`, with ".." where needed:
    /// `from: /book/Chapters, to: /book/Figures/a.png` → `../Figures/a.png`.
    public static func from(_ directory: URL, to file: URL) -> String {
        let from = directory.standardizedFileURL.pathComponents
        let to = file.standardizedFileURL.pathComponents
        var common = 0
        while common < min(from.count, to.count), from[common] == to[common] { common += 1 }
        return (Array(repeating: "..", count: from.count - common) + to[common...]).joined(separator: "/")
    }
}
