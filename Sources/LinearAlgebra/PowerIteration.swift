import CBLAS
import Randomness

// MARK: - Singular triplets

/// One layer `σ u vᵀ` of a matrix's SVD: `A v = σ u` and `Aᵀ u = σ v`, with how it was found.
public struct SingularTriplet: Sendable {
    /// The singular value `σ ≥ 0`.
    public let singularValue: Float
    /// The left singular vector `u` (unit length, `m` entries).
    public let leftVector: [Float]
    /// The right singular vector `v` (unit length, `n` entries).
    public let rightVector: [Float]
    /// How many power-iteration steps it took.
    public let iterations: Int
    /// Whether the step size fell below the tolerance before the iteration budget ran out.
    public let converged: Bool
}

// MARK: - Power iteration with deflation

extension Matrix {
    /// The `k` largest singular triplets by power iteration with (Hotelling) deflation: the
    /// method for a big matrix when only its top few directions matter.
    ///
    /// The maths: `AᵀA` has eigenvalues `σᵢ²` and eigenvectors `vᵢ`. Multiplying any start vector
    /// by `AᵀA` again and again multiplies its `vᵢ`-component by `σᵢ²` each time, so the
    /// `v₁`-component wins, with the error shrinking by `(σ₂/σ₁)²` per step. One step, without
    /// ever forming `AᵀA`:
    ///
    ///     u ← A v / ‖A v‖,   v ← Aᵀ u / ‖Aᵀ u‖,   σ = ‖Aᵀ u‖.
    ///
    /// Deflation finds the next triplet: iterate on `A − Σ_{j<i} σⱼ uⱼ vⱼᵀ`, whose top singular
    /// triplet is `A`'s `i`-th. We never build that matrix; its product with `v` is
    /// `A v − Σ_{j<i} σⱼ uⱼ (vⱼ · v)`, one matrix–vector product and `i` dot products.
    ///
    /// Convergence: a triplet is done when one step moves `v` by less than `tolerance`
    /// (`‖v_new − v_old‖ ≤ tolerance`). Near-equal singular values (`σ_{i+1}/σᵢ ≈ 1`) converge
    /// slowly; `iterations` caps the work and ``SingularTriplet/converged`` says whether the cap
    /// was hit. Computed in `Double` (through `cblas_dgemv`) on a `Double` copy of `A`.
    ///
    /// - Parameters:
    ///   - k: how many triplets, `0 ≤ k ≤ min(m, n)`.
    ///   - iterations: the most power steps per triplet.
    ///   - tolerance: the step size of `v` below which a triplet counts as converged.
    ///   - seed: fixes the random start vectors.
    /// - Returns: `k` triplets, largest singular value first, signs canonical (the largest-
    ///   magnitude entry of each `u` positive). ``SingularValueDecomposition/init(triplets:)``
    ///   turns them into a truncated decomposition.
    ///
    /// Example:
    /// ```swift
    /// let top = weight.topSingularTriplets(k: 8, seed: 1)
    /// let rankEight = SingularValueDecomposition(triplets: top).reconstructed()
    /// ```
    public func topSingularTriplets(
        k: Int, iterations: Int = 1_000, tolerance: Double = 1e-7,
        seed: UInt64 = 0
    ) -> [SingularTriplet] {
        precondition(k >= 0 && k <= min(rows, columns), "k = \(k) is outside 0…\(min(rows, columns))")
        precondition(iterations >= 1, "power iteration needs at least one step")
        let m = rows, n = columns
        var deflated = DeflatedMatrix(a: scalars.map(Double.init), m: m, n: n)
        var generator = SplitMix64(seed: seed)
        var triplets: [SingularTriplet] = []

        for _ in 0..<k {
            // listing: power-iteration
            var v = normalized((0..<n).map { _ in generator.nextStandardNormal() })
            var steps = 0
            var converged = false
            while steps < iterations && !converged {
                steps += 1
                let u = normalized(deflated.product(v))
                let next = normalized(deflated.transposedProduct(u))
                if next.allSatisfy({ $0 == 0 }) { converged = true; break }  // A is used up: σ = 0
                var step = 0.0
                for j in 0..<n { step += (next[j] - v[j]) * (next[j] - v[j]) }
                converged = step.squareRoot() <= tolerance
                v = next
            }
            // listing: end
            // The final u and σ from the final v: A v = σ u.
            let image = deflated.product(v)
            let sigma = norm(image)
            var u = sigma > 0 ? image.map { $0 / sigma } : [Double](repeating: 0, count: m)
            if sigma == 0 {
                // A zero singular value: any unit vector orthogonal to the earlier u's will do.
                u = GramSchmidt.completed(
                    deflated.found.map(\.u), dimension: m,
                    targetCount: deflated.found.count + 1
                ).last!
            }
            // Canonical sign: the largest-magnitude entry of u positive.
            let flip = SingularValueDecomposition.largestMagnitudeEntry(u.map { Float($0) }) < 0
            if flip {
                u = u.map { -$0 }
                v = v.map { -$0 }
            }
            deflated.found.append((sigma, u, v))
            triplets.append(
                SingularTriplet(
                    singularValue: Float(sigma), leftVector: u.map { Float($0) },
                    rightVector: v.map { Float($0) }, iterations: steps,
                    converged: converged))
        }
        return triplets
    }
}

/// `A − Σⱼ σⱼ uⱼ vⱼᵀ`, never built: `A` in `Double` and the triplets deflated out of it so far.
private struct DeflatedMatrix {
    /// `A`, `[m, n]` row-major.
    let a: [Double]
    let m: Int, n: Int
    /// The triplets found so far, each subtracted from every product.
    var found: [(sigma: Double, u: [Double], v: [Double])] = []

    /// `(A − Σⱼ σⱼ uⱼ vⱼᵀ) x` for an `n`-vector `x` → an `m`-vector.
    func product(_ x: [Double]) -> [Double] {
        var y = [Double](repeating: 0, count: m)
        cblas_dgemv(CblasRowMajor, CblasNoTrans, Int32(m), Int32(n), 1, a, Int32(n), x, 1, 0, &y, 1)
        for previous in found {
            let overlap = previous.sigma * dotProduct(previous.v, x)
            for i in 0..<m { y[i] -= overlap * previous.u[i] }
        }
        return y
    }

    /// `(A − Σⱼ σⱼ uⱼ vⱼᵀ)ᵀ x` for an `m`-vector `x` → an `n`-vector.
    func transposedProduct(_ x: [Double]) -> [Double] {
        var y = [Double](repeating: 0, count: n)
        cblas_dgemv(CblasRowMajor, CblasTrans, Int32(m), Int32(n), 1, a, Int32(n), x, 1, 0, &y, 1)
        for previous in found {
            let overlap = previous.sigma * dotProduct(previous.u, x)
            for j in 0..<n { y[j] -= overlap * previous.v[j] }
        }
        return y
    }
}

// MARK: - Small vector helpers

private func dotProduct(_ x: [Double], _ y: [Double]) -> Double {
    var sum = 0.0
    for i in x.indices { sum += x[i] * y[i] }
    return sum
}

private func norm(_ x: [Double]) -> Double { dotProduct(x, x).squareRoot() }

/// `x / ‖x‖`, or `x` itself when it is zero.
private func normalized(_ x: [Double]) -> [Double] {
    let length = norm(x)
    return length > 0 ? x.map { $0 / length } : x
}

// MARK: - Triplets as a decomposition

extension SingularValueDecomposition {
    /// The truncated decomposition `U_k Σ_k V_kᵀ` made of `triplets` (e.g. from
    /// ``Matrix/topSingularTriplets(k:iterations:tolerance:seed:)``), in their order.
    ///
    /// - Parameters:
    ///   - triplets: at least one triplet, all of the same vector sizes.
    public init(triplets: [SingularTriplet]) {
        precondition(!triplets.isEmpty, "a decomposition needs at least one triplet")
        let m = triplets[0].leftVector.count, n = triplets[0].rightVector.count
        precondition(
            triplets.allSatisfy { $0.leftVector.count == m && $0.rightVector.count == n },
            "triplets of different sizes cannot form one decomposition")
        var u = Matrix(rows: m, columns: triplets.count)
        for (j, triplet) in triplets.enumerated() {
            for i in 0..<m { u[i, j] = triplet.leftVector[i] }
        }
        let vTransposed = Matrix(
            rows: triplets.count, columns: n,
            scalars: triplets.flatMap(\.rightVector))
        self.init(u: u, singularValues: triplets.map(\.singularValue), vTransposed: vTransposed, isFull: false)
    }
}
