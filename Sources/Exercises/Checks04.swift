import Engine
import Foundation
import LinearAlgebra

// MARK: - How chapter 4's exercises are checked
//
// The oracle is the LinearAlgebra module, itself checked against LAPACK in its tests; the
// Jacobi rotation is the sweeps' own `OneSidedJacobi.rotation`, and is also held to its SVD.

extension ExerciseCatalog {
    static var chapter04: [Exercise] {
        [
            Exercise(
                chapter: 4, number: "4.1", title: "Power iteration",
                task: "Write `largestSingularValue(of:iterations:)` by power iteration on AᵀA.",
                hint: "Which direction grows fastest when a vector is multiplied by AᵀA again and again, and by "
                    + "what factor? Keep its length in check; at the end, how much does A stretch it?",
                checkReader: { checkPowerIteration(Chapter04.largestSingularValue) },
                checkReference: {
                    checkPowerIteration { rows, iterations in
                        Matrix(rows).topSingularTriplets(k: 1, iterations: iterations).first!.singularValue
                    }
                }),
            Exercise(
                chapter: 4, number: "4.2", title: "Rank-k reconstruction",
                task: "Write `rankKReconstruction(u:singularValues:vTransposed:rank:)`: the best rank-k "
                    + "approximation from the SVD.",
                hint: "U and Vᵀ come as arrays of rows: where in each is the i-th singular vector? How many "
                    + "products does one entry of A_k need, and why is A_k never more than rank k?",
                checkReader: { checkReconstruction(Chapter04.rankKReconstruction) },
                checkReference: {
                    checkReconstruction { u, s, vt, k in
                        rowsOf(
                            SingularValueDecomposition(
                                u: Matrix(u), singularValues: s, vTransposed: Matrix(vt),
                                isFull: false
                            )
                            .lowRankApproximation(rank: k))
                    }
                }),
            Exercise(
                chapter: 4, number: "4.3", title: "The rank an error allows",
                task: "Write `smallestRank(singularValues:relativeError:)`: the smallest rank whose best "
                    + "approximation is within a relative Frobenius error of the matrix.",
                hint: "Section 4.3 gives the error of A_k in singular values; write ‖A‖_F the same way. Is a "
                    + "10% error the same as keeping 90% of the energy?",
                checkReader: { checkSmallestRank(Chapter04.smallestRank) },
                checkReference: { checkSmallestRank(referenceSmallestRank) }),
            Exercise(
                chapter: 4, number: "4.4", title: "One Jacobi rotation",
                task: "Write `jacobiRotation(columnP:columnQ:)`: rotate two columns in their plane until they "
                    + "are orthogonal, by the smaller of the angles that do it.",
                hint: "Write the dot product of the rotated columns with t = tan θ and the three dot products "
                    + "of the pair: setting it to zero gives a quadratic in t. Which root turns less, and how "
                    + "do you compute it without cancellation?",
                checkReader: { checkJacobiRotation(Chapter04.jacobiRotation) },
                checkReference: { checkJacobiRotation(referenceJacobiRotation) }),
        ]
    }

    static func rowsOf(_ m: Matrix) -> [[Float]] { (0..<m.rows).map { m.row($0) } }

    static func checkPowerIteration(_ implementation: ([[Float]], Int) throws -> Float) -> ExerciseOutcome {
        let spectra: [[Float]] = [[5, 3, 1], [10, 2, 1, 0.5], [4, 3.5, 1]]
        let cases = spectra.enumerated().map { index, spectrum in
            (
                description: "a \(spectrum.count + 2)×\(spectrum.count) matrix with singular values \(spectrum)",
                input: rowsOf(
                    Matrix.withSingularValues(
                        spectrum, rows: spectrum.count + 2, columns: spectrum.count,
                        seed: UInt64(40 + index)))
            )
        }
        return check(cases, { try implementation($0, 500) }) { rows, sigma in
            let expected = Matrix(rows).jacobiSingularValueDecomposition().singularValues[0]
            // 500 iterations converge to float precision for these gaps (σ₂/σ₁ ≤ 0.875).
            return abs(sigma - expected) <= 1e-3 * expected ? nil : "expected σ₁ = \(expected), got \(sigma)"
        }
    }

    static func checkReconstruction(
        _ implementation: ([[Float]], [Float], [[Float]], Int) throws -> [[Float]]
    ) -> ExerciseOutcome {
        let a = Matrix.gaussian(rows: 6, columns: 4, seed: 44)
        let svd = a.jacobiSingularValueDecomposition()
        let cases = [1, 2, 4].map { (description: "rank \($0) of a 6×4 matrix", input: $0) }
        return check(
            cases,
            {
                try implementation(rowsOf(svd.u), svd.singularValues, rowsOf(svd.vTransposed), $0)
            }
        ) { k, output in
            let expected = rowsOf(svd.lowRankApproximation(rank: k))
            guard let difference = maxDifference(expected, output) else { return "expected a 6×4 result" }
            return difference < 1e-4 ? nil : "largest difference from the best rank-\(k) approximation: \(difference)"
        }
    }

    /// The reference for 4.3: the first k whose kept energy (the library's energyCaptured,
    /// 1 − ‖A − A_k‖²/‖A‖²) leaves a relative error within the bound.
    static func referenceSmallestRank(_ singularValues: [Float], _ relativeError: Float) -> Int {
        (0...singularValues.count).first { k in
            let kept = SingularValueDecomposition.energyCaptured(singularValues: singularValues, topK: k)
            return max(0, 1 - kept).squareRoot() <= relativeError
        } ?? singularValues.count
    }

    static func checkSmallestRank(_ implementation: ([Float], Float) throws -> Int) -> ExerciseOutcome {
        let decaying = (0..<20).map { Float(pow(0.8, Double($0))) }
        // Apart from the two exact ends (A_0 = 0 is off by exactly 100%, A_n by 0), no bound sits
        // within 0.005 of an achievable error, so rounding cannot decide a case.
        let cases: [(description: String, input: (sigma: [Float], error: Float))] = [
            ("σ = 4, 3 within 70%", ([4, 3], 0.7)),
            ("σ = 4, 3 within 50%", ([4, 3], 0.5)),
            ("σ = 2, 1, 1, 1 within 40%", ([2, 1, 1, 1], 0.4)),
            ("σ = 0.8ⁱ, 20 of them, within 10%", (decaying, 0.1)),
            ("σ = 0.8ⁱ, 20 of them, within 30%", (decaying, 0.3)),
            ("any matrix within 100% (A_0 = 0 will do)", ([5, 1], 1)),
            ("exact reconstruction demanded", ([3, 2, 1], 0)),
        ]
        return check(cases, { try implementation($0.sigma, $0.error) }) { input, rank in
            let expected = referenceSmallestRank(input.sigma, input.error)
            return rank == expected ? nil : "expected k = \(expected), got \(rank)"
        }
    }

    /// The rotation section 4.4's sweeps apply to one pair: LinearAlgebra's own
    /// `OneSidedJacobi.rotation`, in Double, applied to the two columns.
    static func referenceJacobiRotation(columnP p: [Float], columnQ q: [Float]) -> (p: [Float], q: [Float]) {
        let (x, y) = (p.map(Double.init), q.map(Double.init))
        let alpha = zip(x, x).map(*).reduce(0, +), beta = zip(y, y).map(*).reduce(0, +)
        let gamma = zip(x, y).map(*).reduce(0, +)
        guard gamma != 0 else { return (p, q) }
        let (c, s) = OneSidedJacobi.rotation(alpha: alpha, beta: beta, gamma: gamma)
        return (zip(x, y).map { Float(c * $0 - s * $1) }, zip(x, y).map { Float(s * $0 + c * $1) })
    }

    static func checkJacobiRotation(_ implementation: ([Float], [Float]) throws -> (p: [Float], q: [Float]))
        -> ExerciseOutcome
    {
        var rng = SplitMix64(seed: 45)
        var cases: [(description: String, input: (p: [Float], q: [Float]))] = [
            ("two columns of length 2", ([3, 1], [1, 2])),
            ("already orthogonal", ([1, 0, 2], [0, 5, 0])),
            ("nearly parallel", ([1, 2, 3, 4], [1.01, 2, 3, 3.99])),
            ("the longer column second", ([0.1, 0.2, -0.1], [3, -1, 2])),
        ]
        for index in 0..<3 {
            cases.append(("random columns of length 6, \(index + 1)", (randomVector(6, &rng), randomVector(6, &rng))))
        }
        return check(cases, { try implementation($0.p, $0.q) }) { input, output in
            let expected = referenceJacobiRotation(columnP: input.p, columnQ: input.q)
            // The rotated columns' lengths are the pair's singular values: the library's SVD agrees.
            let rows = zip(input.p, input.q).map { [$0, $1] }
            let sigma = Matrix(rows).jacobiSingularValueDecomposition().singularValues
            let norms = [expected.p, expected.q].map { $0.map { $0 * $0 }.reduce(0, +).squareRoot() }
            guard abs(norms.max()! - sigma[0]) <= 1e-4 * sigma[0], abs(norms.min()! - sigma[1]) <= 1e-4 * sigma[0]
            else { return "the reference disagrees with the SVD" }
            guard output.p.count == input.p.count, output.q.count == input.q.count else {
                return "expected two columns of length \(input.p.count)"
            }
            let scale = max(1, norms.max()!)
            let difference = zip(output.p + output.q, expected.p + expected.q).map { abs($0 - $1) }.max() ?? 0
            if difference <= 1e-4 * scale { return nil }
            let dot = zip(output.p, output.q).map(*).reduce(0, +)
            return abs(dot) > 1e-3 * scale * scale
                ? "the rotated columns are not orthogonal (dot product \(dot))"
                : "orthogonal, but not by the expected rotation: got \(output), expected \(expected)"
        }
    }

    static func randomVector(_ count: Int, _ rng: inout SplitMix64) -> [Float] {
        (0..<count).map { _ in rng.nextNormal() }
    }
}
