import Adapters
import Engine
import Notebook

// MARK: - The LoRA paper's subspace comparison, on two trained adapters

/// φ(i, j) between the A matrices of two LoRA runs at one layer (Hu et al. 2021, §7.2; see
/// `SubspaceSimilarity.inputGrid`), each entry beside its chance level max(i, j)/d, and how
/// far each A moved from its random start — without which φ says little about learning.
public struct SubspaceComparison {
    /// `grid[i-1][j-1]` = φ(i, j).
    public let grid: [[Double]]
    /// d, the input width.
    public let dimension: Int
    /// ‖A − A₀‖ / ‖A₀‖ for the first and the second run.
    public let movement: (first: Double, second: Double)

    /// - Parameters:
    ///   - first, second: trained A matrices, `[r₁, d]` and `[r₂, d]`; `firstStart`, `secondStart`
    ///     the same A before training (rebuilt from the run's recipe and seed).
    public init(first: Tensor, firstStart: Tensor, second: Tensor, secondStart: Tensor) {
        grid = SubspaceSimilarity.inputGrid(
            firstA: first, secondA: second, rows: first.shape[0],
            columns: second.shape[0])
        dimension = first.shape[1]
        movement = (Self.relativeChange(first, from: firstStart), Self.relativeChange(second, from: secondStart))
    }

    /// ‖trained − start‖_F / ‖start‖_F.
    public static func relativeChange(_ trained: Tensor, from start: Tensor) -> Double {
        let change = zip(trained.scalars, start.scalars).reduce(0.0) { $0 + Double($1.0 - $1.1) * Double($1.0 - $1.1) }
        let size = start.scalars.reduce(0.0) { $0 + Double($1) * Double($1) }
        return (change / max(size, 1e-30)).squareRoot()
    }

    public func chance(_ i: Int, _ j: Int) -> Double { SubspaceSimilarity.chanceLevel(i, j, dimension: dimension) }

    /// φ, chance and their difference at the corners (1, 1), (r₁, r₁), (1, r₂), (r₁, r₂).
    public var table: Table {
        let rows = grid.count, columns = grid[0].count
        var table = Table(["(i, j)", "φ measured", "chance max(i, j)/d", "above chance by"])
        for (i, j) in [(1, 1), (rows, rows), (1, columns), (rows, columns)] where i <= rows && j <= columns {
            let measured = grid[i - 1][j - 1]
            table.append([
                "(\(i), \(j))", Format.fixed(measured, 3), Format.fixed(chance(i, j), 3),
                Format.fixed(measured - chance(i, j), 3),
            ])
        }
        return table
    }

    /// "well above" when the excess over chance is at least 0.15, or at least 0.03 and three
    /// times chance; "a little above" from 0.03; "at" within ±0.03; else "below". φ of one
    /// pair of runs has no interval, so these bands are fixed, and the page says so.
    public static func standing(_ value: Double, chance: Double) -> String {
        let excess = value - chance
        if excess >= 0.15 || (excess >= 0.03 && value >= 3 * chance) { return "well above" }
        if excess >= 0.03 { return "a little above" }
        return excess > -0.03 ? "at" : "below"
    }

    /// Whether A has moved from its start enough for φ to reflect learning: below a quarter of
    /// its starting norm (both runs), it is still mostly the directions it was drawn with.
    public var interpretation: String {
        max(movement.first, movement.second) < 0.25
            ? "A has moved little from its random start, so the input directions the adapters use are still mostly "
                + "the ones they were drawn with, and φ says little about what was learned; the paper's runs were long "
                + "enough for A to move far from its start"
            : "A has moved far enough from its random start for φ to reflect what was learned"
    }

    /// The heat map of φ.
    public func figure(title: String, firstRank: Int, secondRank: Int) -> Figure {
        var figure = Figure(
            "subspace-similarity", title: title, xLabel: "j: top directions of A (r = \(secondRank))",
            yLabel: "i: of A (r = \(firstRank))")
        figure.heatmap = Heatmap(
            grid, rowLabels: (1...grid.count).map(String.init),
            columnLabels: (1...grid[0].count).map { $0 % 8 == 0 || $0 == 1 ? String($0) : "" },
            colorRange: 0...1)
        figure.height = 440
        return figure
    }
}
