import Randomness
import Tokenization

// MARK: - How chapter 1's exercises are checked
//
// Each check runs an implementation on fixed and seeded random cases and compares it with
// what must come out. The same check runs on the book's own code (the reference), so a
// broken check shows up in `swift test` even before any reader attempts the exercise.

extension ExerciseCatalog {
    static var chapter01: [Exercise] {
        [
            Exercise(
                chapter: 1, number: "1.1", title: "Count adjacent pairs",
                task: "Write `pairCounts(_:)`: how often each pair of neighbouring ids occurs.",
                hint: "What data structure counts things by key? Every id but the last starts one pair.",
                checkReader: { checkPairCounts(Chapter01.pairCounts) },
                checkReference: { checkPairCounts(BytePairTokenizer.pairCounts) }),
            Exercise(
                chapter: 1, number: "1.2", title: "Apply one merge",
                task: "Write `merge(_:pair:newID:)`: replace each occurrence of a pair, left to right, by a "
                    + "new id.",
                hint: "Walk the ids once. What must happen right after a match, so that two matches "
                    + "cannot share an id (think of 'aaa')?",
                checkReader: { checkMerge(Chapter01.merge) },
                checkReference: { checkMerge { BytePairTokenizer.merging($0, pair: $1, into: $2) } }),
            Exercise(
                chapter: 1, number: "1.3", title: "Encode with a merge table",
                task: "Write `encode(_:merges:)`: bytes to ids by applying the learned merges in order. Then "
                    + "explain why the library's encoder, which instead merges the lowest-ranked pair of a chunk "
                    + "again and again (section 1.4), gives the same ids.",
                hint: "Which exercise already does one merge? In what order must the merges be applied, and "
                    + "which id does the k-th one make? For the library's way: when can a pair of rank k first "
                    + "appear in a chunk, and what has happened to every lower rank by then?",
                checkReader: { checkEncode(Chapter01.encode) },
                checkReference: { checkEncode(referenceEncode) }),
            Exercise(
                chapter: 1, number: "1.4", title: "Decode, and the round trip",
                task: "Write `decode(_:merges:)`: ids back to bytes. The check demands decode(encode(x)) == x "
                    + "for random bytes.",
                hint: "Every id stands for some bytes. Which ids' bytes do you know at once, and can a "
                    + "merged id's bytes be built from ids made before it?",
                checkReader: { checkDecode(Chapter01.decode) },
                checkReference: { checkDecode(referenceDecode) }),
            Exercise(
                chapter: 1, number: "1.5", title: "The training loop",
                task: "Write `train(_:merges:)`: learn merges from bytes as section 1.3 does by hand — the "
                    + "same tie rule, and stop when no pair occurs twice.",
                hint: "1.1 and 1.2 are the loop's body. Which pair wins a tie in section 1.3, and why is a pair "
                    + "seen once not worth a merge?",
                checkReader: { checkTraining(Chapter01.train) },
                checkReference: { checkTraining(referenceTrain) }),
            Exercise(
                chapter: 1, number: "1.6", title: "Special tokens, allowed or not",
                task: "Write `encode(_:merges:specialTokens:allowingSpecialTokens:)`: text to ids, where an "
                    + "allowed marker becomes its one id and a disallowed one stays ordinary text.",
                hint: "Find the markers before any merge runs (section 1.8). Can a merge ever reach into "
                    + "one? And what must a marker typed by a user turn into?",
                checkReader: { checkSpecialTokens(Chapter01.encode) },
                checkReference: { checkSpecialTokens(referenceSpecialEncode) }),
        ]
    }

    // MARK: - Cases

    /// Seeded random id sequences over a small alphabet, so pairs repeat.
    static func randomSequences(count: Int, seed: UInt64) -> [[Int]] {
        var rng = SplitMix64(seed: seed)
        func next() -> Int { Int(truncatingIfNeeded: rng.next() >> 1) }
        return (0..<count).map { _ in (0..<(next() % 40)).map { _ in 97 + next() % 4 } }
    }

    /// A merge table learned from real text by the book's tokenizer.
    static let learnedMerges: [TokenPair] = {
        let text = "the cat sat on the mat. the cat ate the rat. aaabdaaabac! the end, the end."
        return BytePairTokenizer.train(
            on: text, vocabularySize: 256 + 20, pretokenizer: .none,
            specialTokens: []
        ).merges
    }()

    static func checkPairCounts(_ implementation: ([Int]) throws -> [TokenPair: Int]) -> ExerciseOutcome {
        let cases =
            [
                ("[1, 2, 3, 1, 2]", [1, 2, 3, 1, 2]), ("[] (empty)", []), ("[5] (one id)", [5]),
                ("[7, 7, 7] (overlapping)", [7, 7, 7]),
            ]
            + randomSequences(count: 20, seed: 11).enumerated().map { ("random sequence \($0.offset)", $0.element) }
        return check(cases.map { (description: $0.0, input: $0.1) }, implementation) { ids, counts in
            var expected: [TokenPair: Int] = [:]
            for (left, right) in zip(ids, ids.dropFirst()) {
                expected[TokenPair(left: left, right: right), default: 0] += 1
            }
            return counts == expected
                ? nil : "expected \(expected.count) distinct pairs with these counts, got \(counts)"
        }
    }

    static func checkMerge(_ implementation: ([Int], TokenPair, Int) throws -> [Int]) -> ExerciseOutcome {
        typealias Case = (ids: [Int], pair: TokenPair, newID: Int, expected: [Int])
        var cases: [(description: String, input: Case)] = [
            ("[1, 1, 1, 2] with (1,1)→9", ([1, 1, 1, 2], TokenPair(left: 1, right: 1), 9, [9, 1, 2])),
            ("[1, 2, 1, 2] with (1,2)→5", ([1, 2, 1, 2], TokenPair(left: 1, right: 2), 5, [5, 5])),
            ("[3] with (3,3)→4", ([3], TokenPair(left: 3, right: 3), 4, [3])),
            ("[] with (1,2)→3", ([], TokenPair(left: 1, right: 2), 3, [])),
            ("[2, 1, 2] with (1,2)→7", ([2, 1, 2], TokenPair(left: 1, right: 2), 7, [2, 7])),
        ]
        for (index, ids) in randomSequences(count: 20, seed: 12).enumerated() {
            let pair = TokenPair(left: 97 + index % 4, right: 97 + (index / 4) % 4)
            var expected: [Int] = []
            var i = 0
            while i < ids.count {
                if i + 1 < ids.count, ids[i] == pair.left, ids[i + 1] == pair.right {
                    expected.append(300); i += 2
                } else {
                    expected.append(ids[i]); i += 1
                }
            }
            cases.append(("random sequence \(index)", (ids, pair, 300, expected)))
        }
        return check(cases, { try implementation($0.ids, $0.pair, $0.newID) }) { input, output in
            output == input.expected ? nil : "expected \(input.expected), got \(output)"
        }
    }

    static func referenceEncode(_ bytes: [UInt8], merges: [TokenPair]) -> [Int] {
        BytePairTokenizer(merges: merges, specialTokens: [], pretokenizer: .none).encode(bytes: bytes)
    }

    static func referenceDecode(_ ids: [Int], merges: [TokenPair]) -> [UInt8] {
        BytePairTokenizer(merges: merges, specialTokens: [], pretokenizer: .none).decodeBytes(ids)
    }

    static func checkEncode(_ implementation: ([UInt8], [TokenPair]) throws -> [Int]) -> ExerciseOutcome {
        let texts = ["aaabdaaabac", "the cat sat on the mat.", "", "zzz", "the end, the end, the end"]
        let cases = texts.map { (description: "\"\($0)\"", input: Array($0.utf8)) }
        return check(cases, { try implementation($0, learnedMerges) }) { bytes, ids in
            // The oracle: apply the merges one after another over the whole sequence.
            var expected = bytes.map(Int.init)
            for (k, pair) in learnedMerges.enumerated() {
                expected = BytePairTokenizer.merging(expected, pair: pair, into: 256 + k)
            }
            return ids == expected ? nil : "expected \(expected), got \(ids)"
        }
    }

    static func checkDecode(_ implementation: ([Int], [TokenPair]) throws -> [UInt8]) -> ExerciseOutcome {
        var cases = ["aaabdaaabac", "the cat ate the rat.", "", "héllo wörld ✓"]
            .map { (description: "\"\($0)\"", input: Array($0.utf8)) }
        for (index, sequence) in randomSequences(count: 20, seed: 13).enumerated() {
            // Arbitrary bytes, including ones that are not valid UTF-8.
            cases.append(("random bytes \(index)", sequence.map { UInt8(truncatingIfNeeded: $0 * 37 + index) }))
        }
        return check(
            cases,
            { bytes -> [UInt8] in
                try implementation(referenceEncode(bytes, merges: learnedMerges), learnedMerges)
            }
        ) { bytes, decoded in
            decoded == bytes
                ? nil
                : "decode(encode(x)) gave \(decoded.count) bytes \(decoded.prefix(12))…, expected \(bytes.prefix(12))…"
        }
    }

    static func referenceTrain(_ bytes: [UInt8], merges: Int) -> [TokenPair] {
        BytePairTokenizer.train(
            onBytes: bytes, vocabularySize: 256 + merges, pretokenizer: .none,
            specialTokens: []
        ).merges
    }

    static func checkTraining(_ implementation: ([UInt8], Int) throws -> [TokenPair]) -> ExerciseOutcome {
        var cases: [(description: String, input: (bytes: [UInt8], merges: Int))] = [
            ("\"aaabdaaabac\", 3 merges", (Array("aaabdaaabac".utf8), 3)),
            ("\"abcd\" (no pair twice), 5 merges", (Array("abcd".utf8), 5)),
            ("\"\" (empty), 2 merges", ([], 2)),
            (
                "\"the cat sat on the mat. the cat ate the rat.\", 12 merges",
                (Array("the cat sat on the mat. the cat ate the rat.".utf8), 12)
            ),
        ]
        for (index, sequence) in randomSequences(count: 10, seed: 14).enumerated() {
            cases.append(("random bytes \(index), 8 merges", (sequence.map { UInt8(truncatingIfNeeded: $0) }, 8)))
        }
        return check(cases, { try implementation($0.bytes, $0.merges) }) { input, merges in
            // The oracle: the naive trainer of the Tokenization module, whose rules section 1.3 states.
            let text = String(decoding: input.bytes, as: UTF8.self)
            let expected = BytePairTokenizer.trainNaively(
                on: text, vocabularySize: 256 + input.merges,
                pretokenizer: .none, specialTokens: []
            ).merges
            return merges == expected ? nil : "expected \(expected), got \(merges)"
        }
    }

    static func referenceSpecialEncode(
        _ text: String, merges: [TokenPair], specialTokens: [String],
        allowingSpecialTokens: Bool
    ) -> [Int] {
        BytePairTokenizer(merges: merges, specialTokens: specialTokens, pretokenizer: .none)
            .encode(text, allowingSpecialTokens: allowingSpecialTokens)
    }

    static func checkSpecialTokens(
        _ implementation: (String, [TokenPair], [String], Bool) throws -> [Int]
    ) -> ExerciseOutcome {
        let chat = [BytePairTokenizer.endOfText, BytePairTokenizer.userMarker, BytePairTokenizer.endOfTurn]
        // "<|end|>" and "<|end|>!" both start at the same place: the longer must win.
        let overlapping = ["<|end|>", "<|end|>!"]
        typealias Case = (text: String, specials: [String], allowed: Bool)
        let cases: [(description: String, input: Case)] = [
            ("a story, then <|endoftext|>, allowed", ("the cat sat.<|endoftext|>the end", chat, true)),
            ("the same, markers not allowed", ("the cat sat.<|endoftext|>the end", chat, false)),
            ("a chat turn, allowed", ("<|user|>the rat?<|end|>", chat, true)),
            ("a marker typed inside a word, not allowed", ("the<|end|>cat", chat, false)),
            ("two markers in a row, allowed", ("<|end|><|endoftext|>", chat, true)),
            ("no marker at all", ("the cat ate the rat.", chat, true)),
            ("a half marker", ("the <|end cat", chat, true)),
            ("two markers sharing a start", ("a<|end|>!b<|end|>c", overlapping, true)),
            ("empty text", ("", chat, true)),
        ]
        return check(cases, { try implementation($0.text, learnedMerges, $0.specials, $0.allowed) }) { input, ids in
            let expected = referenceSpecialEncode(
                input.text, merges: learnedMerges, specialTokens: input.specials,
                allowingSpecialTokens: input.allowed)
            return ids == expected ? nil : "expected \(expected), got \(ids)"
        }
    }
}
