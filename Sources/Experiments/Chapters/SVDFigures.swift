import Foundation
import LinearAlgebra
import Notebook

// MARK: - Chapter 4's picture of the SVD

/// Figures chapter 4 draws from a decomposition it has computed.
public enum SVDFigures {
    /// The unit circle (121 points) and its image under a 2×2 matrix, with each right singular
    /// vector vᵢ (dashed) and where the matrix sends it, σᵢuᵢ: the ellipse's half-axes.
    ///
    /// - Parameters: `matrix` is 2×2 and `svd` its decomposition.
    public static func circleToEllipse(_ matrix: Matrix, svd: SingularValueDecomposition) -> Figure {
        let angles = (0...120).map { Double($0) / 120 * 2 * Double.pi }
        let circle = angles.map { (cos($0), sin($0)) }
        let ellipse = circle.map { point -> (Double, Double) in
            let image = matrix * [Float(point.0), Float(point.1)]
            return (Double(image[0]), Double(image[1]))
        }
        var figure = Figure(
            "circle-to-ellipse", title: "A = UΣVᵀ maps the unit circle to an ellipse",
            xLabel: "x₁", yLabel: "x₂")
        figure.width = 760
        figure.height = 700
        figure.extraCommands = ["set size ratio -1"]
        figure.legendPosition = "outside bottom center horizontal"
        figure.add(Series("unit circle", points: circle.map { (x: $0.0, y: $0.1) }))
        figure.add(Series("its image A·x", points: ellipse.map { (x: $0.0, y: $0.1) }))
        for i in 0..<2 {
            let v = svd.v.column(i).map(Double.init), u = svd.u.column(i).map(Double.init)
            let sigma = Double(svd.singularValues[i])
            figure.add(
                Series(
                    "v\(i + 1) (input direction)", points: [(0, 0), (v[0], v[1])], style: .linesPoints,
                    dashed: true))
            figure.add(
                Series(
                    "σ\(i + 1)·u\(i + 1) = A·v\(i + 1)", points: [(0, 0), (sigma * u[0], sigma * u[1])],
                    style: .linesPoints))
        }
        return figure
    }
}
