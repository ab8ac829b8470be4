import Testing

@testable import Notebook

/// Which method is faster, on both sides of each choice.
struct SpeedWordsTests {
    let sizes = [32, 64, 128]

    @Test func secondFasterEverywhereWithAGrowingMargin() {
        let words = SpeedWords.compare(sizes: sizes, first: ("Jacobi", [2, 8, 40]), second: ("LAPACK", [1, 2, 4]))
        #expect(words == "LAPACK is faster at every size, by a margin that grows with n")
    }

    @Test func secondFasterEverywhereButNotGrowing() {
        let words = SpeedWords.compare(sizes: sizes, first: ("Jacobi", [4, 8, 12]), second: ("LAPACK", [1, 4, 6]))
        #expect(words == "LAPACK is faster at every size")
    }

    /// The reviewer's case: Jacobi faster at the smallest size, LAPACK after.
    @Test func aCrossoverIsNamed() {
        let words = SpeedWords.compare(sizes: sizes, first: ("Jacobi", [1, 8, 40]), second: ("LAPACK", [2, 2, 4]))
        #expect(words == "Jacobi is faster at n = 32 and LAPACK from n = 64 on")
    }

    @Test func firstFasterEverywhere() {
        let words = SpeedWords.compare(sizes: sizes, first: ("A", [1, 1, 1]), second: ("B", [2, 4, 8]))
        #expect(words == "A is faster at every size, by a margin that grows with n")
    }

    @Test func timesThatCrossTwiceAreNotSummarised() {
        let words = SpeedWords.compare(sizes: sizes, first: ("A", [1, 3, 1]), second: ("B", [2, 2, 2]))
        #expect(words.hasPrefix("neither is faster"))
    }
}
