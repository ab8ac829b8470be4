import Engine
import LinearAlgebra

// MARK: - How chapter 4's exercises are checked
//
// The oracle is the LinearAlgebra module, itself checked against LAPACK in its tests.

extension ExerciseCatalog {
    static var chapter04: [Exercise] {
        [
            Exercise(
                chapter: 4, number: "4.1", title: "Power iteration",
                task: "Write `largestSingularValue(of:iterations:)` by power iteration on AᵀA.",
                hint: "v = [1, 1, …]; each step w = A·v (length rows), v = Aᵀ·w, normalise v; at the end σ₁ = "
                    + "‖A·v‖. Accumulate in Double.",
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
                hint: "A_k is a sum of k rank-one matrices σᵢ uᵢ vᵢᵀ: which rows and columns of U and Vᵀ "
                    + "are uᵢ and vᵢ?",
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
                chapter: 4, number: "4.3", title: "Energy captured",
                task: "Write `energyCaptured(singularValues:topK:)`: the share of Σσ² in the top k.",
                hint: "Energy is Σσᵢ² (the squared Frobenius norm): what share of it do the top k hold?",
                checkReader: { checkEnergy(Chapter04.energyCaptured) },
                checkReference: {
                    checkEnergy { SingularValueDecomposition.energyCaptured(singularValues: $0, topK: $1) }
                }),
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

    static func checkEnergy(_ implementation: ([Float], Int) throws -> Float) -> ExerciseOutcome {
        let cases: [(description: String, input: ([Float], Int))] = [
            ("σ = 3, 4 with k = 1", ([4, 3], 1)),  // 16 / 25
            ("σ = 2, 1, 1, 1 with k = 2", ([2, 1, 1, 1], 2)),  // 5 / 7
            ("k = all", ([5, 1], 2)),
        ]
        return check(cases, { try implementation($0.0, $0.1) }) { input, share in
            let squares = input.0.map { Double($0) * Double($0) }
            let expected = squares.prefix(input.1).reduce(0, +) / squares.reduce(0, +)
            return abs(Double(share) - expected) < 1e-6 ? nil : "expected \(expected), got \(share)"
        }
    }
}
