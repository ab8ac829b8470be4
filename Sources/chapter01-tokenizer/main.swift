// Chapter 1 · Tokenization: text to bytes to tokens
//
// Read this file top to bottom: it is the chapter. Prose, then the code that does what the
// prose says, then its output. `swift run chapter01-tokenizer` prints it and writes
// Chapters/01-tokenizer.md with its figures.
//
// The chapter is laid out as the page it weaves, prose block by prose block, so swift-format
// leaves it alone (Sources/ARCHITECTURE.md, "Style"); every module, test and tool is formatted.
// swift-format-ignore-file

import Corpus
import Exercises
import Foundation
import Notebook
import Tokenization
import Bookshelf
import LinearAlgebra
import Engine
import Transformers

let options = ChapterOptions.parseOrExit()
let book = Notebook(chapter: 1, options: options)

// Sizes: the default run trains on a few megabytes in seconds; --quick on a few hundred kB.
/// Text size and vocabulary: the recipe later chapters rerun when this chapter's tokenizer is missing.
let recipe = TokenizerRecipe.book(quick: options.quick)
let corpusBytes = recipe.corpusBytes
let requestedVocabulary = recipe.vocabularySize

book.onRamp(build: """
a **byte-pair encoding** (BPE) tokenizer, the kind GPT-2 uses: the code that counts pairs, \
merges them, trains on a corpus of stories, and encodes new text with what it learned.
""", measure: """
how many bytes a token holds as the vocabulary grows, which tokens the stories use, and what \
happens to text from outside the story world.
""", takes: """
nothing; this is where the book starts. Every later chapter reads the tokenizer this one saves.
""")

// MARK: - 1. Text is bytes

book.section("Text is Unicode, and Unicode is bytes")
book.prose("""
A language model never sees letters. It sees a sequence of integers, and the first thing any \
model does is turn text into such a sequence. That step is **tokenization**, and it decides \
how long every sequence is, how big the model's first and last layers are, and what the model \
can and cannot spell.

Text starts as **Unicode**: every character has a number, its *code point* (`a` is U+0061, \
`é` is U+00E9, `☕` is U+2615). Files and networks carry code points as **UTF-8 bytes**: one \
byte for ASCII, two to four for everything else. Here is a sentence of the story world and \
a line with other scripts, character by character.
""")

book.cell("Characters, code points and UTF-8 bytes")
var unicodeTable = Table(["character", "code point", "UTF-8 bytes", "byte count"])
for character in "Mia sat. café ☕ 日本" {
    let scalars = character.unicodeScalars.map { String(format: "U+%04X", $0.value) }.joined(separator: " ")
    let bytes = Array(String(character).utf8)
    let shown = character == " " ? "(space)" : String(character)
    let hexBytes = bytes.map { String(format: "%02X", $0) }.joined(separator: " ")
    unicodeTable.append([shown, scalars, hexBytes, String(bytes.count)])
}
book.table(unicodeTable)
let mixed = "Mia sat. café ☕ 日本"
book.result("characters → bytes", "\(mixed.count) characters are \(mixed.utf8.count) bytes")

// MARK: - 2. Why not characters, why not words

book.section("Why not characters? Why not words?")
book.prose("""
Two obvious choices sit at the ends of a spectrum. **Bytes (or characters)**: a tiny \
vocabulary (256 byte values), nothing is ever unknown — but sequences are long, and \
attention (chapter 2: the step where every token is compared with every token before it) \
costs grow with the square of the length. **Words**: short sequences, but the vocabulary is \
huge, every typo or new name is *unknown*, and "find", "finds" and "found" share nothing.

Let us measure both on the story world, the seeded generator of short stories this book \
trains on (chapter 3 pretrains a GPT on it: a generative pretrained transformer, the design \
of OpenAI's GPT-2). We make \(Format.bytes(corpusBytes)) of stories \
for training and a separate set, from another seed, to measure on.
""")

let trainingText: String
let corpusName: String
if let path = options.corpus {
    do {
        trainingText = try UserCorpus.load(path: path)
        corpusName = URL(fileURLWithPath: path).lastPathComponent
    } catch {
        book.stop("\(error)")
    }
} else {
    trainingText = StoryCorpus.pretrainingText(approximateBytes: corpusBytes, seed: options.seed)
    corpusName = "the story world"
}
let heldOutText = StoryCorpus.pretrainingText(approximateBytes: corpusBytes / 10, seed: options.seed &+ 1)

book.cell("A story from the world")
var generator = StoryGenerator(seed: options.seed)
let firstStory = generator.nextStory()
book.output(firstStory.text)

book.cell("Characters against words on the held-out stories")
let heldOutWords = heldOutText.split(whereSeparator: { $0 == " " || $0 == "\n" })
let trainingWordSet = Set(trainingText.split(whereSeparator: { $0 == " " || $0 == "\n" }))
let unknownWords = heldOutWords.filter { !trainingWordSet.contains($0) }.count
var schemes = Table(["scheme", "vocabulary", "tokens in held-out text", "unknown tokens"])
schemes.append(["bytes", "256", Format.count(heldOutText.utf8.count), "0"])
schemes.append(["characters", Format.count(Set(trainingText).count), Format.count(heldOutText.count), "0 (here)"])
schemes.append(["words (split at spaces)", Format.count(trainingWordSet.count), Format.count(heldOutWords.count),
                Format.count(unknownWords)])
book.table(schemes)
let wordsPerByte = Double(heldOutWords.count) / Double(heldOutText.utf8.count)
book.prose(unknownWords == 0 ? """
Inside the story world, words look like the better choice: \(Format.count(trainingWordSet.count)) \
types (punctuation stays attached, so "key." and "key" differ), \
\(Format.fixed(wordsPerByte, 3)) tokens per byte against bytes' 1, and not one held-out word \
unknown — the held-out stories come from the same closed grammar as the training stories.
""" : """
Inside the story world words do well: \(Format.count(trainingWordSet.count)) types, \
\(Format.fixed(wordsPerByte, 3)) tokens per byte against bytes' 1, and \
\(Format.count(unknownWords)) unknown held-out words.
""")
book.prose("""
The reason BPE exists shows outside the world. Here is text the training stories never \
contain: a paragraph of ordinary English, names from elsewhere, and sentences in Greek and \
Japanese. A word vocabulary has no id for a word it never saw; it must map it to one \
"unknown" id, and whatever the word meant is lost.
""")
book.cell("Text from outside the story world: unknown words against bytes")
var outsideTable = Table(["text", "bytes", "words", "unknown words", "unknown share", "bytes: tokens per byte"])
var outsideUnknown = 0, outsideWords = 0
for (kind, text) in OutsideText.samples {
    let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
    let unknown = words.filter { !trainingWordSet.contains($0) }.count
    outsideUnknown += unknown
    outsideWords += words.count
    outsideTable.append([kind, Format.count(text.utf8.count), String(words.count), String(unknown),
                         Format.percent(Double(unknown) / Double(max(words.count, 1))), "1.00"])
}
book.table(outsideTable)
book.result("words outside the story world with no id in the word vocabulary",
            "\(outsideUnknown) of \(outsideWords) "
            + "(\(Format.percent(Double(outsideUnknown) / Double(max(outsideWords, 1)))))")
book.prose("""
Bytes never fail, but pay one token per byte. **Byte-pair encoding** sits in between: start \
from bytes, so nothing is ever unknown, then *learn* which byte sequences are frequent enough \
to deserve an id of their own. Section 1.9 runs the tokenizer we are about to train on these \
same texts.
""")

// MARK: - 3. BPE by hand

book.section("Byte-pair encoding by hand")
book.prose("""
BPE (Gage 1994; Sennrich et al. 2016 for words; GPT-2 on bytes) repeats one step: **count \
every pair of neighbouring tokens, and merge the most frequent pair into a new token**. The \
new token gets the next free id: bytes are 0–255, so the first merge makes 256.

Both halves of that step are a few lines each. Counting walks the sequence once and tallies \
every neighbouring pair; a `TokenPair` is just the two ids, left and right:
""")
book.listing("bpe-pair-counts", in: "Sources/Tokenization/TokenPair.swift", caption: "counting neighbouring pairs")
book.prose("""
Merging walks the sequence once more and writes the new id wherever the pair occurs. It scans \
left to right and skips past a pair it has merged, so `a a a` with the pair (a, a) becomes \
`aa a`, not `a aa`:
""")
book.listing("bpe-merge", in: "Sources/Tokenization/TokenPair.swift", caption: "one merge, everywhere in the sequence")
book.prose("""
The classic example is the string `aaabdaaabac` with three merges. Watch the pair counts.
""")

book.cell("Three merges of \"aaabdaaabac\", merge by merge")
var ids = Array("aaabdaaabac".utf8).map(Int.init)
var byHand: [String] = ["start:  \(ids)"]
var handMerges: [TokenPair] = []
for merge in 0..<3 {
    let counts = BytePairTokenizer.pairCounts(ids)
    // The most frequent pair; ties go to the smaller pair, as in the tokenizer.
    guard let best = counts.max(by: { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }) else { break }
    let newID = 256 + merge
    let shownCounts = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        .prefix(4).map { "(\($0.key.left),\($0.key.right))×\($0.value)" }.joined(separator: " ")
    ids = BytePairTokenizer.merging(ids, pair: best.key, into: newID)
    handMerges.append(best.key)
    let chosen = "(\(best.key.left),\(best.key.right)) becomes \(newID)"
    byHand.append("merge \(merge + 1): counts \(shownCounts) …  → \(chosen)")
    byHand.append("        \(ids)")
}
book.output(byHand.joined(separator: "\n"))
book.result("aaabdaaabac after 3 merges", "\(ids) — the answer on Wikipedia's BPE page is [258, 100, 258, 97, 99]")

/// What id `id` spells under a merge table whose k-th merge made id 256 + k.
func spelled(_ id: Int, merges: [TokenPair]) -> String {
    guard id >= 256, id - 256 < merges.count else { return String(UnicodeScalar(UInt8(clamping: id))) }
    let pair = merges[id - 256]
    return spelled(pair.left, merges: merges) + spelled(pair.right, merges: merges)
}
/// "258 is (256, 257), 257 is (97, 98), …", newest merge first.
func mergeTableText(_ merges: [TokenPair]) -> String {
    merges.enumerated().reversed().map { "\(256 + $0.offset) is (\($0.element.left), \($0.element.right))" }
        .joined(separator: ", ")
}
// minbpe breaks ties by the pair seen first in the sequence: the same loop with that rule.
var firstSeenIDs = Array("aaabdaaabac".utf8).map(Int.init)
var firstSeenMerges: [TokenPair] = []
for merge in 0..<3 {
    let counts = BytePairTokenizer.pairCounts(firstSeenIDs)
    let order = zip(firstSeenIDs, firstSeenIDs.dropFirst()).map { TokenPair(left: $0, right: $1) }
    guard let top = counts.values.max(), let best = order.first(where: { counts[$0] == top }) else { break }
    firstSeenIDs = BytePairTokenizer.merging(firstSeenIDs, pair: best, into: 256 + merge)
    firstSeenMerges.append(best)
}
let lastID = 255 + handMerges.count
book.prose("""
Eleven bytes became \(ids.count) tokens. Decoding runs the table backwards: \
\(mergeTableText(handMerges)), so \(lastID) spells `\(spelled(lastID, merges: handMerges))`. \
Merge 2 was a tie — two pairs occurred twice — and this tokenizer takes the smaller pair. \
minbpe takes the pair seen first, which builds a different table: \(mergeTableText(firstSeenMerges)) \
(\(lastID) spells `\(spelled(lastID, merges: firstSeenMerges))` there too). Its ids come out as \
\(firstSeenIDs)\(firstSeenIDs == ids ? ", the same five" : ", not the same"): two tokenizers can \
agree on every encoding and still disagree on what an id is made of.
""")

// MARK: - 4. Training on the corpus

book.section("Training a tokenizer on the story world")
book.prose("""
Two things change at scale. First, a **pre-tokenizer** splits text into chunks — words with \
their leading space, numbers, runs of punctuation, whitespace — and merges never cross a \
chunk's border (GPT-2's rule: otherwise "dog." and "dog!" would each become tokens). Second, \
recounting every pair after every merge is too slow. The trainer counts the distinct chunks \
once, counts pairs once, and after each merge updates only the counts of the chunks that \
contained the merged pair, keeping the pairs in a heap (a structure that always hands back \
its largest item cheaply) ordered by count.

What it computes is exactly the slow loop below: count, take the most frequent pair, merge it \
everywhere, repeat. The only new part is that the text is now a list of distinct chunks, each \
with its frequency, so a word that occurs a thousand times is counted once and weighted. The \
book keeps this slow trainer for one reason: a test holds the fast trainer to it, merge for \
merge, on real text.
""")
book.listing("bpe-train-naively", in: "Sources/Tokenization/BytePairTokenizer+NaiveTraining.swift",
             caption: "the whole trainer, slowly: count, choose, merge")

book.cell("The GPT-2 pre-tokenizer on one sentence")
let sampleSentence = "Once upon a time, Mia's dog found 12 shiny keys!  Then it ran home."
let chunks = Pretokenizer.gpt2.chunks(of: sampleSentence)
book.output(chunks.map { "⟨\($0)⟩" }.joined(separator: " "))
book.prose("""
Note the traps: a space belongs to the word *after* it (`⟨ dog⟩`), so " dog" and "dog" are \
different tokens; `'s` is split off as GPT-2's English-only contraction rule says; two spaces \
before "Then" become one chunk of a space and a space that joins "Then".
""")

book.cell("Training to \(requestedVocabulary) tokens on \(MarkdownText.escaped(corpusName)) "
          + "(\(Format.bytes(trainingText.utf8.count)))")
let specialCount = BytePairTokenizer.defaultSpecialTokens.count
// Every token that is neither a byte nor a special token is a merge.
let requestedMerges = requestedVocabulary - 256 - specialCount
let bar = book.progress("Training BPE", total: requestedMerges, unit: "merges")
let (trained, trainingSeconds) = Stopwatch.time {
    BytePairTokenizer.train(on: trainingText, vocabularySize: requestedVocabulary, pretokenizer: .gpt2) { done, _ in
        bar.update(done)
    }
}
bar.finish()
let learnedMerges = trained.merges.count
book.result("merges learned",
            "\(learnedMerges) (vocabulary \(trained.vocabularySize) with \(specialCount) special tokens)")
if learnedMerges < requestedMerges {
    book.prose("""
    Training stopped early: after \(learnedMerges) merges no pair occurs twice any more. The \
    story world's vocabulary is small, and by then every word it uses is a single token. Real \
    text never runs out like this — which is exactly why GPT-2 could keep merging to 50,000.
    """)
}
book.remark("Trained in \(Format.duration(trainingSeconds)) on \(ProcessInfo.processInfo.activeProcessorCount) cores.")

book.cell("The first merges, and what they spell")
var mergeTable = Table(["id", "merge", "spells", "count when chosen"])
mergeTable.literalColumns = [2]   // learned from the corpus: shown, never read as markup
for (index, pair) in trained.merges.prefix(12).enumerated() {
    let id = 256 + index
    mergeTable.append([String(id), "(\(pair.left), \(pair.right))", "⟨" + trained.decode([id]) + "⟩",
                       Format.count(trained.mergeCounts[index])])
}
book.table(mergeTable)
book.prose("""
The first merges are the most frequent pairs of the text: a space and a common letter, then \
common word endings. \(MergeCountTrend(trained.mergeCounts).words).
""")

var mergeFigure = Figure("merge-counts", title: "How often the chosen pair occurred, merge by merge",
                         xLabel: "merge number", yLabel: "pair count when merged")
mergeFigure.logY = true
mergeFigure.add(Series("chosen pair", x: trained.mergeCounts.indices.map { Double($0 + 1) },
                       y: trained.mergeCounts.map(Double.init), style: .lines))
let mergeTrend = MergeCountTrend(trained.mergeCounts)
book.figure(mergeFigure, caption: (mergeTrend.rises == 0 ? "The count of the chosen pair never rises from one merge "
    + "to the next" : "The count of the chosen pair mostly falls from one merge to the next")
    + ": the gain from each new token shrinks.")

book.prose("""
Encoding new text uses the merge table as a list of rules with priorities. The merge learned \
first has **rank** 0, the next rank 1, and so on. Within each chunk, the tokenizer finds the \
neighbouring pair with the lowest rank, merges it, and looks again, until no pair of the \
chunk is in the table. Applying the merges in the order they were learned reproduces the \
tokens training built:
""")
book.listing("bpe-encode-chunk", in: "Sources/Tokenization/BytePairTokenizer+Encoding.swift",
             caption: "encoding one chunk with the merge table")
book.prose("""
`rank(a, b)` looks the pair up in a dictionary built from the table, and returns `Int32.max` \
for a pair that was never merged. Merged pair number k becomes id 256 + k, the id training gave \
it. This loop rescans the chunk after every merge. That costs O(n²) for a chunk of n bytes, \
which is cheap for words; a chunk longer than 64 bytes goes to a heap-based version that \
gives the same ids.
""")

// MARK: - 5. Compression against vocabulary size

book.section("Compression against vocabulary size")
book.prose("""
BPE's merges are nested: a tokenizer with 100 merges is the first 100 merges of one with \
700. So one training run gives every smaller vocabulary, and we can measure **bytes per \
token** on the held-out stories for each. More bytes per token means shorter sequences: less \
compute per story, and more story in a fixed context window.
""")

// The smallest vocabulary is the 256 bytes and the special tokens, with no merges at all.
let smallestVocabulary = 256 + specialCount
let vocabularySizes = Array(Set([0, 5, 10, 20, 40, 70, 100, 150, 200, 250, 350, 500, 650, 800]
    .map { smallestVocabulary + $0 }.filter { $0 <= trained.vocabularySize } + [trained.vocabularySize])).sorted()
let heldOutBytes = Array(heldOutText.utf8)
var compression: [(vocabulary: Int, bytesPerToken: Double)] = []
book.cell("Bytes per token on held-out stories")
var compressionTable = Table(["merges", "vocabulary", "tokens", "bytes/token"])
for size in vocabularySizes {
    let tokenizer = trained.truncated(toVocabularySize: size)
    let count = tokenizer.encode(bytes: heldOutBytes).count
    let ratio = Double(heldOutBytes.count) / Double(count)
    compression.append((size, ratio))
    compressionTable.append([Format.count(size - smallestVocabulary), Format.count(size), Format.count(count),
                             Format.fixed(ratio, 2)])
}
book.table(compressionTable)
// The limit: merges never cross a pre-tokenizer chunk, so at best every chunk is one token.
let chunkCount = Pretokenizer.gpt2.chunkRanges(in: heldOutBytes).count
let chunkLimit = Double(heldOutBytes.count) / Double(chunkCount)
var compressionFigure = Figure("compression", title: "Compression against the number of merges (held-out stories)",
                               xLabel: "merges learned (vocabulary = \(smallestVocabulary) + merges)",
                               yLabel: "bytes per token")
compressionFigure.legendPosition = "bottom right"
// `!`: vocabularySizes always holds the trained size, so compression is never empty.
let (smallestPoint, largestPoint) = (compression.first!, compression.last!)
compressionFigure.add(Series(corpusName, x: compression.map { Double($0.vocabulary - smallestVocabulary) },
                             y: compression.map(\.bytesPerToken), style: .linesPoints))
compressionFigure.add(Series("limit: every pre-tokenizer chunk one token",
                             x: [0, Double(largestPoint.vocabulary - smallestVocabulary)],
                             y: [chunkLimit, chunkLimit], dashed: true))
compressionFigure.yRange = 0...(chunkLimit * 1.15)
let reachesLimit = largestPoint.bytesPerToken > 0.98 * chunkLimit
book.figure(compressionFigure, caption: "Each merge shortens the text. Merges never cross a chunk border, "
            + "so the dashed line is the limit" + (reachesLimit ? "; here training reaches it, with every word "
            + "one token." : "; here training stops short of it."))
let finalRatio = largestPoint.bytesPerToken
book.result("compression after \(largestPoint.vocabulary - smallestVocabulary) merges "
            + "(\(largestPoint.vocabulary) tokens)",
            "\(Format.fixed(finalRatio, 2)) bytes per token (bytes alone, 0 merges: "
            + "\(Format.fixed(smallestPoint.bytesPerToken, 2)); the chunk limit: \(Format.fixed(chunkLimit, 2)))")

// MARK: - 6. Zipf

book.section("Which tokens are used: Zipf's law, and tokens never seen")
book.prose("""
Count how often each token occurs in the encoded held-out text and sort the counts. For words \
of large natural-language corpora, the count of the word of rank *r* falls roughly like 1/*r* \
— **Zipf's law**. On log–log axes a power law count ∝ *r*^*s* is a straight line of slope *s*, so \
we fit that line by least squares over every rank that occurs and ask what the story world's \
tokens show.
""")
let encodedHeldOut = trained.encode(bytes: heldOutBytes)
var frequency = [Int](repeating: 0, count: trained.vocabularySize)
for id in encodedHeldOut { frequency[id] += 1 }
let ranked = frequency.filter { $0 > 0 }.sorted(by: >)
let rankAxis = ranked.indices.map { Double($0 + 1) }
// counts ≈ scale · rank^(−exponent): the slope on log–log axes is −exponent.
let zipfFit = PowerLawFit(x: rankAxis, y: ranked.map(Double.init))
var zipfFigure = Figure("zipf", title: "Token frequency against rank (log–log)", xLabel: "rank",
                        yLabel: "occurrences in held-out text")
zipfFigure.logX = true
zipfFigure.logY = true
zipfFigure.legendPosition = "bottom left"
zipfFigure.add(Series("tokens", x: rankAxis, y: ranked.map(Double.init), style: .points))
zipfFigure.add(Series("Zipf: count(1) / rank", x: rankAxis,
                      y: ranked.indices.map { Double(ranked[0]) / Double($0 + 1) }, dashed: true))
if let zipfFit {
    zipfFigure.add(Series("least-squares fit: slope \(Format.fixed(-zipfFit.exponent, 2))", x: rankAxis,
                          y: rankAxis.map(zipfFit.predict)))
}
book.figure(zipfFigure, caption: "Each point is one token that occurs in the held-out stories. The dashed line "
            + "is an exact 1/rank law through the first point; the solid line is the least-squares power law.")
let usedIDs = ranked.count
let topShare = Double(ranked.prefix(20).reduce(0, +)) / Double(encodedHeldOut.count)
if let zipfFit {
    book.result("fitted exponent (log–log least squares over ranks 1–\(usedIDs))",
                "slope \(Format.fixed(-zipfFit.exponent, 2)), R² \(Format.fixed(zipfFit.rSquared, 2)) (Zipf: −1)")
}
book.result("ids that occur at all in the held-out text",
            "\(usedIDs) of \(trained.vocabularySize) "
            + "(\(Format.percent(Double(usedIDs) / Double(trained.vocabularySize))))")
book.result("share of all tokens taken by the 20 most frequent", Format.percent(topShare))
// How the counts sit against the 1/rank line: above it, and where the tail falls below half of it.
let zipfLine = ranked.indices.map { Double(ranked[0]) / Double($0 + 1) }
let ranksAbove = ranked.indices.dropFirst().filter { Double(ranked[$0]) > zipfLine[$0] }.count
let cliffRank = ranked.indices.first { Double(ranked[$0]) < 0.5 * zipfLine[$0] }.map { $0 + 1 }
let cliffText = cliffRank.map {
    "and from rank \($0) on the counts drop below half of it: a tail that falls off instead of going on"
} ?? "and the tail never falls below half of it"
if let zipfFit {
    let slope = -zipfFit.exponent
    let steepness = slope < -1 ? "steeper than" : slope > -1 ? "shallower than" : "exactly"
    let zipfVerdict = cliffRank == nil
        ? "The tail does not fall away here, but a closed vocabulary cannot test Zipf's law, which is a claim "
            + "about open-ended text."
        : "So this is a Zipf-like head with a cut-off tail — not evidence for Zipf's law, which is a claim "
            + "about open-ended text."
    book.prose("""
    What the data show: the fitted slope is \(Format.fixed(slope, 2)), \(steepness) Zipf's \
    −1, and a straight line on the log–log plot explains a share R² = \(Format.fixed(zipfFit.rSquared, 2)) \
    of the spread of the log counts. \
    \(ranksAbove) of ranks 2–\(usedIDs) sit above the 1/rank line, \
    \(cliffText). The story world has a \
    closed vocabulary, written by a grammar from a fixed word list; real text keeps producing rare \
    words. Only \(usedIDs) of the \(trained.vocabularySize) ids occur at all in \
    \(Format.bytes(heldOutBytes.count)) of held-out stories. \(zipfVerdict)
    """)
}
book.cell("The most frequent tokens")
var frequentTable = Table(["rank", "token", "count"])
frequentTable.literalColumns = [1]
for (rank, id) in frequency.indices.sorted(by: { frequency[$0] > frequency[$1] }).prefix(8).enumerated() {
    let shown = trained.decode([id]).replacingOccurrences(of: "\n", with: "\\n")
    frequentTable.append([String(rank + 1), "⟨" + shown + "⟩", Format.count(frequency[id])])
}
book.table(frequentTable)

let mergeRange = 256..<(256 + learnedMerges)
var trainingFrequency = [Int](repeating: 0, count: trained.vocabularySize)
let trainingTokens = trained.encode(trainingText, allowingSpecialTokens: false)
for id in trainingTokens { trainingFrequency[id] += 1 }
let unseenMerges = mergeRange.filter { frequency[$0] == 0 }
let unusedNonMerges = (0..<256).filter { frequency[$0] == 0 }.count
    + (mergeRange.upperBound..<trained.vocabularySize).filter { frequency[$0] == 0 }.count  // special tokens
// Whether merges are most of the ids never output, counted before the sentence says so.
let mergesWord = unseenMerges.count > unusedNonMerges ? "But most are" : "And some are"
book.prose("""
Where are the other ids? Some are byte values the stories never use, and special tokens, which \
plain text never contains. \(mergesWord) **merges**: tokens the trainer made that encoding never \
outputs. A merge can be a stepping stone — made early, then absorbed into a longer token by a \
later merge, so that every occurrence of it ends up inside the longer one. We count them, on \
the held-out text and on the very text the tokenizer was trained on.
""")
let unseenInTraining = mergeRange.filter { trainingFrequency[$0] == 0 }
var partOfLater = Set<Int>()
for pair in trained.merges { partOfLater.insert(pair.left); partOfLater.insert(pair.right) }
let steppingStones = unseenMerges.filter { partOfLater.contains($0) }.count
let unusedBytes = (0..<256).filter { frequency[$0] == 0 }.count
book.result("byte values never output on the held-out text", "\(unusedBytes) of 256")
if let stone = unseenMerges.first(where: { partOfLater.contains($0) }),
   let laterIndex = trained.merges.firstIndex(where: { $0.left == stone || $0.right == stone }) {
    let later = 256 + laterIndex
    book.result("a stepping stone",
                "\(stone) ⟨\(MarkdownText.escaped(trained.decode([stone])))⟩ never occurs alone; merge \(later) "
                + "⟨\(MarkdownText.escaped(trained.decode([later])))⟩ = (\(trained.merges[laterIndex].left), "
                + "\(trained.merges[laterIndex].right)) "
                + "absorbs it")
}
book.result("merges never output on the held-out text",
            "\(unseenMerges.count) of \(learnedMerges); \(steppingStones) of them are parts of a later merge")
book.result("merges never output on the tokenizer's own training text", "\(unseenInTraining.count) of \(learnedMerges)")
book.prose(steppingStones == unseenMerges.count ? """
Every one of the \(unseenMerges.count) is a stepping stone: a part of some later merge, \
swallowed by it wherever it occurs. Their ids are in the vocabulary, but the story text never \
produces them.
""" : """
\(steppingStones) of the \(unseenMerges.count) are stepping stones, parts of some later merge; \
the other \(unseenMerges.count - steppingStones) were merged from pairs that the held-out \
stories happen not to contain.
""")
book.cell("A few merges never output on the held-out text")
book.output(unseenMerges.prefix(12).map { "\($0) ⟨\(trained.decode([$0]))⟩" }.joined(separator: "   "))
book.prose("""
An id that never appears in a model's training text never receives a gradient — the signal \
that tells training which way to move a weight (chapter 3) — from the loss, so its row of the \
embedding table, the learned vector a model keeps for each id (chapter 2), learns nothing: it \
keeps its random start, only shrunk towards zero by the weight decay that chapter 3's \
optimizer applies to every weight (chapter 3's model, trained on stories, will never see \
these). In GPT-2 such ids became the famous **glitch tokens** \
(" SolidGoldMagikarp" and others): strings frequent in the text the tokenizer was trained on \
but nearly absent from the model's training text. Prompted with one, the model behaved \
erratically, because that row had barely been trained.
""")

// MARK: - 7. The same sentences at several sizes

book.section("The same sentences at several vocabulary sizes")
book.prose("Here is what the model would see, token by token (⟨…⟩ marks one token), as the vocabulary grows.")
let sentences = [firstStory.sentences[0], firstStory.sentences.last!]   // `!`: a generated story is never empty
book.cell("Tokens of two sentences")
var splitLines: [String] = []
let shownSizes = [smallestVocabulary, smallestVocabulary + 40, smallestVocabulary + 150, smallestVocabulary + 250,
                  trained.vocabularySize]
for size in shownSizes.filter({ $0 <= trained.vocabularySize }) {
    let tokenizer = trained.truncated(toVocabularySize: size)
    for sentence in sentences {
        let tokens = tokenizer.encode(sentence, allowingSpecialTokens: false)
        let shownTokens = tokens.map { "⟨" + tokenizer.decode([$0]) + "⟩" }.joined()
        splitLines.append(String(format: "%5d → %3d tokens  ", size, tokens.count) + shownTokens)
    }
}
book.output(splitLines.joined(separator: "\n"))

// MARK: - 8. Special tokens

book.section("Special tokens")
book.prose("""
Some ids are not text at all: they are signals. `<|endoftext|>` separates documents in \
pretraining, so the model learns where a story ends. Chat models add markers for who is \
speaking; chapters 5 and 7 use `<|user|>`, `<|assistant|>` and `<|end|>`. Special tokens are \
added after the merges, are never produced by merging, and are only recognised when the \
caller allows it — otherwise a user could type the marker and pretend to be the assistant.
""")
book.cell("A chat turn, encoded")
let chat = "<|user|>Who found the key?<|end|><|assistant|>Mia found it.<|end|><|endoftext|>"
let chatIDs = trained.encode(chat, allowingSpecialTokens: true)
let chatAsText = trained.encode(chat, allowingSpecialTokens: false)
book.output("""
\(chat)
special tokens allowed:    \(chatIDs.count) tokens  \(chatIDs)
special tokens disallowed: \(chatAsText.count) tokens (the markers spelled out as ordinary text)
""")
var specialTable = Table(["special token", "id"])
for name in BytePairTokenizer.defaultSpecialTokens {   // `!` below: the tokenizer was trained with these
    specialTable.append([name, String(trained.id(ofSpecialToken: name)!)])
}
book.table(specialTable)

// MARK: - 9. Pitfalls

book.section("Pitfalls: numbers, spaces, rare words, other scripts")
book.prose("""
A tokenizer is trained on some text and is good at *that* text. Everything else falls back \
towards bytes: more tokens for the same meaning, and a model that sees "1234" as unrelated \
pieces. These examples use the tokenizer we just trained.
""")
book.cell("Bytes per token away from home")
let pitfalls: [(String, String)] = [
    ("story world", firstStory.sentences[1]),
    ("leading space", " Mia"),
    ("no leading space", "Mia"),
    ("capitalised", "MIA"),
    ("numbers", "In 2024 Mia counted 1234567 keys."),
    ("rare word", "Mia met a xylophonist."),
    ("French", "Mia a trouvé une clé brillante."),
    ("Japanese", "ミアは光る鍵を見つけた。"),
    ("emoji", "Mia 🔑✨🐕"),
]
var pitfallTable = Table(["text", "example", "bytes", "tokens", "bytes/token"])
for (kind, text) in pitfalls {
    let count = trained.encode(text, allowingSpecialTokens: false).count
    let ratio = Format.fixed(Double(text.utf8.count) / Double(count), 2)
    pitfallTable.append([kind, text, String(text.utf8.count), String(count), ratio])
}
book.table(pitfallTable)
let japanese = pitfalls.first { $0.0 == "Japanese" }?.1 ?? ""
let japaneseTokens = trained.encode(japanese, allowingSpecialTokens: false).count
let japaneseCharacters = max(japanese.count, 1)
let storyBytesPerToken = Double(heldOutBytes.count) / Double(max(encodedHeldOut.count, 1))
let japaneseBytesPerToken = Double(japanese.utf8.count) / Double(max(japaneseTokens, 1))
book.prose("""
Every string, in any script, still encodes — and decodes back to exactly the same bytes — \
because the fallback is the bytes themselves. But the Japanese sentence costs \
\(Format.fixed(Double(japaneseTokens) / Double(japanese.utf8.count), 2)) tokens per byte, \
\(Format.fixed(Double(japaneseTokens) / Double(japaneseCharacters), 1)) per character: per byte of \
text, \(Format.fixed(storyBytesPerToken / japaneseBytesPerToken, 1)) times the tokens of the \
held-out stories, so a model trained with this tokenizer would find Japanese that much more \
expensive, and harder to learn. This is why real tokenizers are trained on many languages, and \
why numbers are often split into single digits (Llama) or groups of three (GPT-4's tokenizer) \
by the pre-tokenizer.
""")
book.cell("The texts from outside the world (section 1.2): words against BPE")
var outsideBPE = Table(["text", "bytes", "unknown words (word vocabulary)", "BPE tokens", "BPE tokens per byte",
                        "decodes back exactly"])
for (kind, text) in OutsideText.samples {
    let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
    let unknown = words.filter { !trainingWordSet.contains($0) }.count
    let tokens = trained.encode(text, allowingSpecialTokens: false)
    outsideBPE.append([kind, Format.count(text.utf8.count), "\(unknown) of \(words.count)", Format.count(tokens.count),
                       Format.fixed(Double(tokens.count) / Double(text.utf8.count), 2),
                       trained.decode(tokens) == text ? "yes" : "NO"])
}
book.table(outsideBPE)
let heldOutTokensPerByte = Double(encodedHeldOut.count) / Double(heldOutBytes.count)
book.prose("""
BPE has no unknown words: where its merges do not fit, it falls back to smaller pieces and in \
the end to bytes, and every text decodes back exactly. The price is length — compare the \
tokens per byte above with \(Format.fixed(heldOutTokensPerByte, 2)) on the held-out stories.
""")
let everything = (pitfalls.map(\.1) + OutsideText.samples.map(\.text)).joined(separator: "\n") + "\u{FF}\u{00}"
let roundTrips = trained.decode(trained.encode(everything, allowingSpecialTokens: false)) == everything
book.result("decode(encode(x)) == x on all of the above", roundTrips ? "yes" : "NO")

// MARK: - 10. Windows

book.section("From a stream of tokens to training examples")
book.prose("""
A language model learns to predict the next token. Chapter 3 encodes all its stories into one \
long stream of ids and cuts **windows** of T + 1 tokens out of it at random places: the first \
T are the inputs, the last T — the same window shifted by one — are the targets. Every \
position of a window is an example: from the tokens up to *t*, predict token *t* + 1. Here is \
chapter 3's own data pipeline (`LanguageModelData`) on the first story, with T = 8.
""")
let storyIDs = trained.encode(firstStory.text, allowingSpecialTokens: false)
let windowContext = 8
let windowData = LanguageModelData(tokens: storyIDs, validationFraction: 0)
var windowRNG = SplitMix64(seed: options.seed)
let windowBatch = windowData.trainingBatch(size: 2, context: windowContext, rng: &windowRNG)
/// A token as ⟨text⟩, newlines escaped.
func shownToken(_ id: Int) -> String {
    "⟨" + trained.decode([id]).replacingOccurrences(of: "\n", with: "\\n") + "⟩"
}
var windowLines: [String] = []
for window in 0..<2 {
    let inputs = Array(windowBatch.inputs[(window * windowContext)..<((window + 1) * windowContext)])
    let targets = Array(windowBatch.targets[(window * windowContext)..<((window + 1) * windowContext)])
    windowLines.append("window \(window + 1)")
    windowLines.append("  inputs   \(inputs)")
    windowLines.append("  targets  \(targets)   (the inputs shifted left by one)")
    for t in 0..<windowContext {
        let context = inputs[...t].map(shownToken).joined()
        windowLines.append("  t = \(t): \(context)  →  \(shownToken(targets[t]))")
    }
}
book.cell("Two random windows of T = \(windowContext) and the \(2 * windowContext) examples they hold")
book.output(windowLines.joined(separator: "\n"))
book.prose("""
One window of T tokens gives T predictions for the price of one forward pass (one run of the \
model over its input), because the \
causal mask of chapter 2 lets position *t* see only positions ≤ *t*. The story here has \
\(storyIDs.count) tokens; the \(Format.bytes(trainingText.utf8.count)) of training stories make a stream of \
\(Format.count(trainingTokens.count)), and a batch is a stack of such windows.
""")

// MARK: - 11. Saving

book.section("Saving the tokenizer for the next chapters")
book.prose("""
Chapter 3 pretrains a GPT with this tokenizer, all \(Format.count(trained.vocabularySize)) tokens of it: a \
small vocabulary keeps the model's embedding table small, and in the story world almost \
every word is a single token. The file is plain text — a version line, the pre-tokenizer, \
the special tokens, one merge per line, then a checksum of all of it — so you can read it, \
and a damaged copy is refused rather than loaded as a different tokenizer.
""")
let bookTokenizer = trained
// A tokenizer of the reader's own text gets a file of its own: chapters 2–7 need the story world's.
let tokenizerURL = book.checkpointsDirectory.appendingPathComponent(
    options.corpus == nil ? Bookshelf.tokenizerFile : Bookshelf.userCorpusTokenizerFile)
do {
    try FileManager.default.createDirectory(at: book.checkpointsDirectory, withIntermediateDirectories: true)
    try bookTokenizer.save(to: tokenizerURL)
    let reloaded = try BytePairTokenizer.load(from: tokenizerURL)
    let same = reloaded.encode(heldOutText) == bookTokenizer.encode(heldOutText)
    let size = (try? FileManager.default.attributesOfItem(atPath: tokenizerURL.path)[.size] as? Int) ?? 0
    book.cell("Saved, reloaded, compared")
    let shownPath = tokenizerURL.path.replacingOccurrences(of: FileManager.default.currentDirectoryPath + "/", with: "")
    let fileText = (try? String(contentsOf: tokenizerURL, encoding: .utf8)) ?? ""
    let firstLines = fileText.split(separator: "\n").prefix(9).joined(separator: "\n")
    book.output("""
    \(shownPath)  (\(Format.bytes(size)))
    first lines:
    \(firstLines)
    """)
    book.result("reloaded tokenizer encodes the held-out text identically", same ? "yes" : "NO")
} catch {
    book.stop("could not save the tokenizer: \(error)")
}

// MARK: - At scale

book.section("At scale")
book.prose("""
The same algorithm runs every large model's tokenizer; what changes is the data and the size. \
GPT-2's vocabulary has 50,257 tokens (256 bytes, 50,000 merges, `<|endoftext|>`); OpenAI's \
`cl100k_base` (GPT-3.5/GPT-4) about 100,000 and `o200k_base` about 200,000; Llama 3 uses a \
128,000-token BPE built with tiktoken, while Llama 2 used a 32,000-token SentencePiece model. \
A bigger vocabulary compresses better but costs a bigger embedding table and output layer: \
at 128,000 tokens × 4,096 dimensions that is half a billion parameters at each end.

Training one with Hugging Face's Rust `tokenizers` library looks like this:

```
from tokenizers import Tokenizer, models, pre_tokenizers, decoders, trainers
tok = Tokenizer(models.BPE())
tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
tok.decoder = decoders.ByteLevel()
trainer = trainers.BpeTrainer(vocab_size=4096, special_tokens=["<|endoftext|>"],
                              initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
tok.train(["stories.txt"], trainer)
```

and using a published one with tiktoken is `tiktoken.get_encoding("cl100k_base").encode(text)`. \
`swift run -c release bench bpe --vocab 4096 --input FILE` measures Tailor's trainer; \
../shared/peers/bpe_bench.py measures `tokenizers` on the same file.
""")

// MARK: - Exercises

book.exercises(ExerciseCatalog.exercises(ofChapter: 1).map {
    ExerciseListing(number: $0.number, title: $0.title, task: $0.task, file: $0.file, hint: $0.hint)
})
book.prose("""
**Experiments: change, predict, run, explain.** These have no check; write your prediction \
down before you run.

**Experiment 1.A — No pre-tokenizer.** In section 1.4 train with `pretokenizer: .none` instead \
of `.gpt2`. Predict: does compression on the held-out stories pass the dashed "chunk" limit of \
section 1.5, and do merges appear that span a space and the end of a word ("d t")? Run \
`swift run chapter01-tokenizer`, compare the merge table and figure 1.2, and explain what the \
pre-tokenizer buys and what it costs.

**Experiment 1.B — Train on ordinary English.** Run `swift run chapter01-tokenizer --corpus \
FILE` on a few hundred kilobytes of any English text (the held-out text stays the stories). \
Predict before running: will training stop early as it does here; how many bytes per token will \
it get on the stories, and how many of its ids will occur in them; how many of section 1.2's \
outside words will now be unknown? Explain each difference.
""")
book.finish()
