import Foundation

// MARK: - The 4-bit data types

/// The two 4-bit data types bitsandbytes offers: NormalFloat (`nf4`) and the 4-bit float
/// (`fp4`, E2M1). Each is 16 levels in [−1, 1]; a code is an index into `levels`.
public enum FourBitType: String, Sendable, CaseIterable {
    case nf4
    case fp4

    /// The 16 levels in code order (bitsandbytes' `get_4bit_type`): NF4 sorted ascending,
    /// FP4 in bit-pattern order (sign bit, 2 exponent bits, 1 mantissa bit).
    public var levels: [Float] {
        switch self {
        case .nf4: return FourBitType.normalFloatLevels
        case .fp4: return FourBitType.fourBitFloatLevels
        }
    }

    /// NF4, constructed as bitsandbytes' `create_normal_map(offset: 0.9677083,
    /// use_extra_value: true)`: 8 positive levels Φ⁻¹ of `linspace(offset, 0.5, 9)` (the last,
    /// 0.5, dropped), 7 negative ones −Φ⁻¹ of `linspace(offset, 0.5, 8)`, and an exact zero;
    /// rounded to Float32, sorted, and divided by the largest so the extremes are ±1.
    ///
    /// Why an offset of 0.9677083 and not 1: Φ⁻¹(1) is infinite. The offset is the mean of
    /// the two quantiles 1 − 1/(2·15) and 1 − 1/(2·16) used by the QLoRA paper.
    public static let normalFloatLevels: [Float] = normalFloatLevels(offset: 0.9677083)

    /// See `normalFloatLevels`; other offsets are for experiments.
    // listing: nf4-levels
    public static func normalFloatLevels(offset: Float) -> [Float] {
        let positive = float32Linspace(offset, 0.5, 9).dropLast().map { Float(inverseNormalCDF(Double($0))) }
        let negative = float32Linspace(offset, 0.5, 8).dropLast().map { Float(-inverseNormalCDF(Double($0))) }
        let sorted = (positive + [0] + negative).sorted()
        let largest = sorted.last!
        return sorted.map { $0 / largest }
    }
    // listing: end

    /// FP4 (E2M1 with bitsandbytes' bias of 2): codes 0…7 are 0, 0.0625, 8, 12, 4, 6, 2, 3
    /// and 8…15 their negatives, divided by 12 (`get_4bit_type("fp4")`).
    public static let fourBitFloatLevels: [Float] = {
        let magnitudes: [Float] = [0, 0.0625, 8, 12, 4, 6, 2, 3]
        return (magnitudes + magnitudes.map { -$0 }).map { $0 / 12 }
    }()

    /// `(thresholds, order)` as bitsandbytes' `_get_4bit_quantize_bounds`: the levels sorted
    /// (a stable sort: FP4's two zeros keep code 0 before code 8), `order[i]` the code of the
    /// i-th smallest, and the 15 midpoints between neighbours, computed in Float32.
    public var decisionThresholds: (thresholds: [Float], order: [UInt8]) {
        let levels = self.levels
        let order = levels.indices.sorted { (levels[$0], $0) < (levels[$1], $1) }
        let thresholds = (0..<15).map { (levels[order[$0]] + levels[order[$0 + 1]]) / 2 }
        return (thresholds, order.map(UInt8.init))
    }
}

// MARK: - The 8-bit dynamic map

/// bitsandbytes' 8-bit dynamic data type, `create_dynamic_map(signed: true,
/// max_exponent_bits: 7, total_bits: 8)`, used to quantize the block constants in double
/// quantization: 256 sorted values in [−1, 1].
///
/// For i = 0…6 the decade 10^(i−6) gets 2^i values: the midpoints of `linspace(0.1, 1,
/// 2^i + 1)` times 10^(i−6), with both signs; then 0 and 1. So small magnitudes get few
/// levels per decade and values near 1 the most (a dynamic exponent, a shrinking fraction).
public let dynamicQuantizationMap: [Float] = {
    var data: [Float] = []
    for i in 0..<7 {
        let boundaries = float32Linspace(0.1, 1, (1 << i) + 1)
        let means = (0..<(boundaries.count - 1)).map { (boundaries[$0] + boundaries[$0 + 1]) / 2 }
        let scale = Float(pow(10.0, Double(i - 6)))
        data += means.map { scale * $0 }
        data += means.map { -scale * $0 }
    }
    data += [0, 1]
    precondition(data.count == 256)
    return data.sorted()
}()
