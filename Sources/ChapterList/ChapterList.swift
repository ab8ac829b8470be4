// MARK: - The book's chapters, named once

/// One chapter of the book: its number, the short name its executable and page are built from,
/// its title and the one-line summary printed under the title.
///
/// Everything that names a chapter reads it from here — the chapter's own `Notebook`, `book`
/// (which runs the chapters and writes the contents page), `exercises`, and a test that holds
/// README.md's chapter table to it — so a title is typed once and cannot drift.
public struct ChapterEntry: Sendable, Equatable {
    /// 1, 2, … — the order of reading.
    public let number: Int
    /// Lower-case, no spaces: "tokenizer" names `chapter01-tokenizer` and `01-tokenizer.md`.
    public let slug: String
    /// The page's heading after "Chapter N — ".
    public let title: String
    /// The italic line under the title, and the contents page's summary column.
    public let summary: String

    /// The chapter's two-digit number, "01".
    public var paddedNumber: String { number < 10 ? "0\(number)" : "\(number)" }
    /// The executable product that runs and weaves the chapter: `chapter01-tokenizer`.
    public var executable: String { "chapter\(paddedNumber)-\(slug)" }
    /// The woven page's file name inside Chapters/: `01-tokenizer.md`.
    public var page: String { "\(paddedNumber)-\(slug).md" }
}

/// The chapters of the book, in reading order. A new chapter adds its entry here, its folder
/// `Sources/chapterNN-slug`, its product in Package.swift, its exercises, and its row in README.md.
public enum ChapterList {
    public static let all: [ChapterEntry] = [
        ChapterEntry(
            number: 1, slug: "tokenizer", title: "Tokenization: text to bytes to tokens",
            summary: "Text to Unicode to bytes to tokens: byte-pair encoding built, trained and measured."),
        ChapterEntry(
            number: 2, slug: "attention", title: "Attention with queries, keys and values",
            summary: "Queries, keys and values: how each token gathers what it needs from the tokens before it."),
        ChapterEntry(
            number: 3, slug: "pretraining", title: "Pretraining a small GPT",
            summary: "Next-token prediction on the story world: a GPT of a million parameters, trained on "
                + "a laptop CPU, and what pretraining costs in memory."),
        ChapterEntry(
            number: 4, slug: "svd", title: "SVD: the low-rank lens",
            summary: "Every matrix is a rotation, a stretch and a rotation; the few largest stretches carry "
                + "most of a weight update — which is why LoRA works."),
        ChapterEntry(
            number: 5, slug: "lora", title: "LoRA and parameter-efficient fine-tuning",
            summary: "Teach a pretrained model a task by training a few thousand numbers instead of all of them."),
        ChapterEntry(
            number: 6, slug: "qlora", title: "NF4 and QLoRA",
            summary: "Store the frozen model in 4 bits built from the normal distribution, train LoRA "
                + "on top: fine-tuning that fits where full fine-tuning never could."),
        ChapterEntry(
            number: 7, slug: "rlhf", title: "RLHF: reward models, PPO and DPO",
            summary: "A hidden person with a known taste labels pairs of stories; a reward model learns "
                + "the labels, PPO climbs it on a KL leash, DPO skips it — and the true reward shows which "
                + "gains are real."),
    ]

    /// The chapter numbered `number`, or nil when the book has no such chapter.
    public static func chapter(_ number: Int) -> ChapterEntry? { all.first { $0.number == number } }

    /// "1–7": the range of chapter numbers, for help texts and error messages.
    public static var numbersShown: String { "\(all.first?.number ?? 0)–\(all.last?.number ?? 0)" }
}
