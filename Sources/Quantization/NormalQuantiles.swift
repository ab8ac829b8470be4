import Foundation

// MARK: - The inverse of the normal CDF

/// Φ⁻¹(p): the value below which a standard normal variable falls with probability p —
/// what `scipy.stats.norm.ppf` computes and bitsandbytes' `create_normal_map` calls.
///
/// Acklam's rational approximation (relative error below 1.15·10⁻⁹), then one step of
/// Halley's method on Φ(x) − p using `erfc`, which brings it to double precision (about
/// 10⁻¹⁵) — far below the Float32 rounding the NF4 levels are stored in.
///
/// - Parameter p: a probability in (0, 1); 0 and 1 give −∞ and +∞.
/// - Returns: x with Φ(x) = p.
///
/// Example: `inverseNormalCDF(0.975)` ≈ 1.959964.
public func inverseNormalCDF(_ p: Double) -> Double {
    precondition(p >= 0 && p <= 1, "a probability must lie in [0, 1], got \(p)")
    if p == 0 { return -.infinity }
    if p == 1 { return .infinity }
    let a = [
        -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
        1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00,
    ]
    let b = [
        -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
        6.680131188771972e+01, -1.328068155288572e+01,
    ]
    let c = [
        -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
        -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00,
    ]
    let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
    let lowTail = 0.02425
    var x: Double
    if p < lowTail {
        let q = (-2 * log(p)).squareRoot()
        x =
            (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
            / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    } else if p <= 1 - lowTail {
        let q = p - 0.5, r = q * q
        x =
            (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
            / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    } else {
        let q = (-2 * log(1 - p)).squareRoot()
        x =
            -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
            / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    }
    // One Halley step: e = Φ(x) − p, u = e / φ(x).
    let e = 0.5 * erfc(-x / 2.0.squareRoot()) - p
    let u = e * (2 * Double.pi).squareRoot() * exp(x * x / 2)
    x -= u / (1 + x * u / 2)
    return x
}

/// `torch.linspace(start, end, steps)` in Float32, computed as PyTorch's CPU kernel does
/// (step in Float32; the first half counted up from `start`, the second down from `end`;
/// `start + step·i` as one fused multiply-add, as the compiled kernel contracts it — checked
/// against torch 2.13 for the sizes the tables use), so that tables built from it match
/// bitsandbytes' to the bit.
public func float32Linspace(_ start: Float, _ end: Float, _ steps: Int) -> [Float] {
    precondition(steps >= 2, "linspace needs at least 2 steps")
    let step = (end - start) / Float(steps - 1)
    let halfway = steps / 2
    return (0..<steps).map { index in
        index < halfway ? start.addingProduct(step, Float(index)) : end.addingProduct(-step, Float(steps - index - 1))
    }
}
