import Foundation
import LinearAlgebra

// MARK: - Gao, Schulman and Hilton (2022): true reward against √KL

/// The functional forms of Gao et al. (2022) for the gold (true) reward gain at KL distance
/// d = √KL: best-of-n ≈ d(α − βd), RL ≈ d(α − β·log d). Both are lines in disguise — gain/d
/// against d, or against log d — so they are fitted by least squares on those.
public enum GaoFit {
    /// The points a fit uses: KL above 0.001 (d = 0 has no gain/d).
    public static func usable(_ points: [(x: Double, y: Double)]) -> [(x: Double, y: Double)] {
        points.filter { $0.x > 1e-3 }
    }

    /// The line gain/d ≈ intercept + slope·(d or log d) through `points` (x: KL in nats, y: gain);
    /// nil for fewer than two usable points. α is the intercept, β the negated slope.
    public static func line(_ points: [(x: Double, y: Double)], logarithmic: Bool) -> LeastSquaresLine? {
        let usable = usable(points)
        let d = usable.map { $0.x.squareRoot() }
        return LeastSquaresLine(x: logarithmic ? d.map { Foundation.log($0) } : d, y: zip(usable, d).map { $0.y / $1 })
    }

    /// The fitted curve at KL values `kl`: (KL, d·(α − β·d)) or (KL, d·(α − β·log d)).
    public static func curve(_ fit: LeastSquaresLine, logarithmic: Bool, at kl: [Double]) -> [(x: Double, y: Double)] {
        kl.map {
            (
                $0,
                $0.squareRoot()
                    * (fit.intercept + fit.slope
                        * (logarithmic ? Foundation.log($0.squareRoot()) : $0.squareRoot()))
            )
        }
    }

    /// `count + 1` KL values spaced evenly on a log axis from 0.1 to `largest`.
    public static func logSpaced(to largest: Double, count: Int) -> [Double] {
        (0...count).map { 0.1 * pow(largest / 0.1, Double($0) / Double(count)) }
    }
}
