// Chapter 1 · Tokenization: text to bytes to tokens
//
// Read this file top to bottom: it is the chapter. Prose, then the code that does what the
// prose says, then its output. `swift run chapter01-tokenizer` prints it and writes
// Chapters/01-tokenizer.md with its figures.

import Corpus
import Exercises
import Foundation
import Notebook
import Tokenization
import Bookshelf

let options = ChapterOptions.parseOrExit()
let book = Notebook(chapter: 1, slug: "tokenizer", title: "Tokenization",
                    summary: "Text to Unicode to bytes to tokens: byte-pair encoding built, trained and measured.",
                    options: options)

// Sizes: the default run trains on a few megabytes in seconds; --quick on a few hundred kB.
/// Text size and vocabulary: the recipe later chapters rerun when this chapter's tokenizer is missing.
let recipe = TokenizerRecipe.book(quick: options.quick)
let corpusBytes = recipe.corpusBytes
let requestedVocabulary = recipe.vocabularySize

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
vocabulary (256 byte values), nothing is ever unknown — but sequences are long, and attention \
costs grow with the square of the length. **Words**: short sequences, but the vocabulary is \
huge, every typo or new name is *unknown*, and "find", "finds" and "found" share nothing.

Let us measure both on the story world, the seeded generator of short stories this book \
trains on (chapter 3 pretrains a GPT on it). We make \(Format.bytes(corpusBytes)) of stories \
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
book.prose("""
Words here keep their punctuation ("key." and "key" differ), which is why even a small world \
has \(Format.count(trainingWordSet.count)) of them. On real text a word vocabulary runs to \
millions, and a name never seen in training has no id at all. **Byte-pair encoding** sits in \
between: start from bytes, so nothing is ever unknown, then *learn* which byte sequences are \
frequent enough to deserve an id of their own.
""")

// MARK: - 3. BPE by hand

book.section("Byte-pair encoding by hand")
book.prose("""
BPE (Gage 1994; Sennrich et al. 2016 for words; GPT-2 on bytes) repeats one step: **count \
every pair of neighbouring tokens, and merge the most frequent pair into a new token**. The \
new token gets the next free id: bytes are 0–255, so the first merge makes 256.

The classic example is the string `aaabdaaabac` with three merges. Watch the pair counts.
""")

book.cell("Three merges of \"aaabdaaabac\", merge by merge")
var ids = Array("aaabdaaabac".utf8).map(Int.init)
var byHand: [String] = ["start:  \(ids)"]
for merge in 0..<3 {
    let counts = BytePairTokenizer.pairCounts(ids)
    // The most frequent pair; ties go to the smaller pair, as in the tokenizer. (`!`: this
    // fixed string always has pairs left after three merges.)
    let best = counts.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }!
    let newID = 256 + merge
    let shownCounts = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        .prefix(4).map { "(\($0.key.left),\($0.key.right))×\($0.value)" }.joined(separator: " ")
    ids = BytePairTokenizer.merging(ids, pair: best.key, into: newID)
    let chosen = "(\(best.key.left),\(best.key.right)) becomes \(newID)"
    byHand.append("merge \(merge + 1): counts \(shownCounts) …  → \(chosen)")
    byHand.append("        \(ids)")
}
book.output(byHand.joined(separator: "\n"))
book.result("aaabdaaabac after 3 merges", "\(ids) — the answer on Wikipedia's BPE page is [258, 100, 258, 97, 99]")
book.prose("""
Eleven bytes became five tokens. Decoding runs the table backwards: 258 is (257, 98), 257 is \
(256, 97), 256 is (97, 97), so 258 spells `aaab`. Ties are broken by taking the smaller pair; \
minbpe takes the pair seen first, and on this string both rules end at the same five ids.
""")

// MARK: - 4. Training on the corpus

book.section("Training a tokenizer on the story world")
book.prose("""
Two things change at scale. First, a **pre-tokenizer** splits text into chunks — words with \
their leading space, numbers, runs of punctuation, whitespace — and merges never cross a \
chunk's border (GPT-2's rule: otherwise "dog." and "dog!" would each become tokens). Second, \
recounting every pair after every merge is too slow. The trainer counts the distinct chunks \
once, counts pairs once, and after each merge updates only the counts of the chunks that \
contained the merged pair, keeping the pairs in a heap ordered by count.
""")

book.cell("The GPT-2 pre-tokenizer on one sentence")
let sampleSentence = "Once upon a time, Mia's dog found 12 shiny keys!  Then it ran home."
let chunks = Pretokenizer.gpt2.chunks(of: sampleSentence)
book.output(chunks.map { "⟨\($0)⟩" }.joined(separator: " "))
book.prose("""
Note the traps: a space belongs to the word *after* it (`⟨ dog⟩`), so " dog" and "dog" are \
different tokens; `'s` is split off as GPT-2's English-only contraction rule says; two spaces \
before "Then" become one chunk of a space and a space that joins "Then".
""")

book.cell("Training to \(requestedVocabulary) tokens on \(corpusName) (\(Format.bytes(trainingText.utf8.count)))")
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
for (index, pair) in trained.merges.prefix(12).enumerated() {
    let id = 256 + index
    mergeTable.append([String(id), "(\(pair.left), \(pair.right))", "⟨" + trained.decode([id]) + "⟩",
                       Format.count(trained.mergeCounts[index])])
}
book.table(mergeTable)
book.prose("""
The first merges are the most frequent pairs of the text: a space and a common letter, then \
common word endings. Each later merge is rarer than the one before, as the next figure shows.
""")

var mergeFigure = Figure("merge-counts", title: "How often the chosen pair occurred, merge by merge",
                         xLabel: "merge number", yLabel: "pair count when merged")
mergeFigure.logY = true
mergeFigure.add(Series("chosen pair", x: trained.mergeCounts.indices.map { Double($0 + 1) },
                       y: trained.mergeCounts.map(Double.init), style: .lines))
book.figure(mergeFigure, caption: "Every merge is less frequent than the last: the gain from each new token shrinks.")

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
var compressionTable = Table(["vocabulary", "tokens", "bytes/token"])
for size in vocabularySizes {
    let tokenizer = trained.truncated(toVocabularySize: size)
    let count = tokenizer.encode(bytes: heldOutBytes).count
    let ratio = Double(heldOutBytes.count) / Double(count)
    compression.append((size, ratio))
    compressionTable.append([Format.count(size), Format.count(count), Format.fixed(ratio, 2)])
}
book.table(compressionTable)
// The limit: merges never cross a pre-tokenizer chunk, so at best every chunk is one token.
let chunkCount = Pretokenizer.gpt2.chunkRanges(in: heldOutBytes).count
let chunkLimit = Double(heldOutBytes.count) / Double(chunkCount)
var compressionFigure = Figure("compression", title: "Compression against vocabulary size (held-out stories)",
                               xLabel: "vocabulary size (tokens)", yLabel: "bytes per token")
compressionFigure.legendPosition = "bottom right"
// `!`: vocabularySizes always holds the trained size, so compression is never empty.
let (smallestPoint, largestPoint) = (compression.first!, compression.last!)
compressionFigure.add(Series(corpusName, x: compression.map { Double($0.vocabulary) },
                             y: compression.map(\.bytesPerToken), style: .linesPoints))
compressionFigure.add(Series("limit: every pre-tokenizer chunk one token",
                             x: [Double(smallestPoint.vocabulary), Double(largestPoint.vocabulary)],
                             y: [chunkLimit, chunkLimit], dashed: true))
book.figure(compressionFigure, caption: "Each merge shortens the text. Merges never cross a chunk border, "
            + "so the dashed line is the limit; here training reaches it, with every word one token.")
let finalRatio = largestPoint.bytesPerToken
book.result("compression at \(largestPoint.vocabulary) tokens",
            "\(Format.fixed(finalRatio, 2)) bytes per token (bytes alone, \(smallestVocabulary) tokens: "
            + "\(Format.fixed(smallestPoint.bytesPerToken, 2)))")

// MARK: - 6. Zipf

book.section("Which tokens are used: Zipf's law")
book.prose("""
Count how often each token occurs in the encoded held-out text and sort the counts: the \
count of the token of rank *r* falls roughly like 1/*r* — **Zipf's law**, which holds for \
words in every human language and, it turns out, for BPE tokens too. On log–log axes a power \
law is a straight line.
""")
let encodedHeldOut = trained.encode(bytes: heldOutBytes)
var frequency = [Int](repeating: 0, count: trained.vocabularySize)
for id in encodedHeldOut { frequency[id] += 1 }
let ranked = frequency.filter { $0 > 0 }.sorted(by: >)
var zipfFigure = Figure("zipf", title: "Token frequency against rank (log–log)", xLabel: "rank",
                        yLabel: "occurrences in held-out text")
zipfFigure.logX = true
zipfFigure.logY = true
zipfFigure.add(Series("tokens", x: ranked.indices.map { Double($0 + 1) }, y: ranked.map(Double.init), style: .points))
zipfFigure.add(Series("Zipf: count(1) / rank", x: ranked.indices.map { Double($0 + 1) },
                      y: ranked.indices.map { Double(ranked[0]) / Double($0 + 1) }, dashed: true))
book.figure(zipfFigure, caption: "A few tokens (\".\", \",\", \" a\", \" the\") carry much of the text. "
            + "The story world's closed vocabulary bends the tail down: real text keeps producing rare words, "
            + "this world runs out.")
let topShare = Double(ranked.prefix(20).reduce(0, +)) / Double(encodedHeldOut.count)
book.result("share of all tokens taken by the 20 most frequent", Format.percent(topShare))
book.cell("The most frequent tokens")
var frequentTable = Table(["rank", "token", "count"])
for (rank, id) in frequency.indices.sorted(by: { frequency[$0] > frequency[$1] }).prefix(8).enumerated() {
    let shown = trained.decode([id]).replacingOccurrences(of: "\n", with: "\\n")
    frequentTable.append([String(rank + 1), "⟨" + shown + "⟩", Format.count(frequency[id])])
}
book.table(frequentTable)

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
book.prose("""
Every string, in any script, still encodes — and decodes back to exactly the same bytes — \
because the fallback is the bytes themselves. But the Japanese sentence costs one token per \
byte, three per character: a model trained with this tokenizer would find Japanese three \
times as expensive and far harder to learn. This is why real tokenizers are trained on many \
languages, and why numbers are often split into single digits (Llama) or groups of three \
(GPT-4's tokenizer) by the pre-tokenizer.
""")
let everything = pitfalls.map(\.1).joined(separator: "\n") + "\u{FF}\u{00}"
let roundTrips = trained.decode(trained.encode(everything, allowingSpecialTokens: false)) == everything
book.result("decode(encode(x)) == x on all of the above", roundTrips ? "yes" : "NO")

// MARK: - 10. Saving

book.section("Saving the tokenizer for the next chapters")
book.prose("""
Chapter 3 pretrains a GPT with this tokenizer, all \(Format.count(trained.vocabularySize)) tokens of it: a \
small vocabulary keeps the model's embedding table small, and in the story world almost \
every word is a single token. The file is plain text — a version line, the pre-tokenizer, \
the special tokens, one merge per line, then a checksum of all of it — so you can read it, \
and a damaged copy is refused rather than loaded as a different tokenizer.
""")
let bookTokenizer = trained
let tokenizerURL = book.checkpointsDirectory.appendingPathComponent("tokenizer.bpe")
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
book.finish()
