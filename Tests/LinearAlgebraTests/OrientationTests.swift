import Testing

@testable import LinearAlgebra

/// The word chapter 4 chooses for an SVD factor: rotation or reflection.
struct OrientationTests {
    @Test func aQuarterTurnIsARotation() {
        let turn = Matrix([[0, -1], [1, 0]] as [[Float]])
        #expect(turn.determinant2x2 == 1)
        #expect(turn.turnKind == "a rotation")
    }

    @Test func aMirrorIsAReflectionNotARotation() {
        let mirror = Matrix([[1, 0], [0, -1]] as [[Float]])
        #expect(mirror.determinant2x2 == -1)
        #expect(mirror.turnKind == "a reflection")
        #expect(mirror.turnKind != "a rotation")
    }

    @Test func energyCurveClampsToTheSpectrum() throws {
        let svd = try Matrix([[3, 0], [0, 1]] as [[Float]]).singularValueDecomposition()
        let curve = svd.energyCurve(upTo: 3)
        #expect(abs(curve[0] - 0.9) < 1e-6 && curve[1] == curve[2] && abs(curve[2] - 1) < 1e-6)
    }
}
