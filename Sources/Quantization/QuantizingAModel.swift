import Engine

extension NF4Linear {
    /// Replaces every float `Linear` in `model`'s slots by an `NF4Linear` holding its weight in
    /// 4 bits — what `BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4")` does when
    /// transformers loads a model. Embeddings, LayerNorms and the head stay in Float32, as there.
    /// Wrapping the new layers with LoRA (`LoRA.apply`) then gives QLoRA.
    ///
    /// - Returns: the slot names quantized, in slot order.
    @discardableResult
    public static func quantizeLinearLayers(
        in model: any Layer, blockSize: Int = 64,
        doubleQuantization: Bool = true
    ) -> [String] {
        var quantized: [String] = []
        for slot in model.linearSlots() {
            guard let linear = slot.layer as? Linear else { continue }
            slot.replace(
                with: NF4Linear(
                    quantizing: linear, blockSize: blockSize,
                    doubleQuantization: doubleQuantization))
            quantized.append(slot.name)
        }
        return quantized
    }
}
