import Foundation

// MARK: - The Transformer paper's fixed position encoding

/// Vaswani et al. (2017)'s sinusoidal position encoding: dimension pair (2i, 2i+1) of position p
/// holds sin(p / 10000^(2i/d)) and cos(p / 10000^(2i/d)). The book's GPT learns its positions
/// instead; chapter 2 draws these to show why offsets alone matter.
public enum SinusoidalEncoding {
    /// The encodings of positions 0..<positions, each `width` numbers (width even).
    public static func table(positions: Int, width: Int) -> [[Double]] {
        (0..<positions).map { position in
            (0..<width).map { dimension in
                let frequency = pow(10_000, -Double(dimension - dimension % 2) / Double(width))
                return dimension % 2 == 0 ? sin(Double(position) * frequency) : cos(Double(position) * frequency)
            }
        }
    }

    /// The wavelength, in positions, of the pair holding `dimension`: 2π · 10000^(2i/d).
    public static func wavelength(dimension: Int, width: Int) -> Double {
        2 * Double.pi * pow(10_000, Double(dimension - dimension % 2) / Double(width))
    }

    /// The dot product of two encodings divided by d/2: the cosine of their angle, since every
    /// encoding has norm √(d/2) (each pair contributes sin² + cos² = 1).
    public static func similarity(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).map(*).reduce(0, +) / Double(a.count / 2)
    }
}
