import Notebook

// MARK: - Pictures of an idea, drawn before the chapter computes with it

/// The diagrams a chapter draws at its start, where the field draws one: the transformer block
/// (chapter 2), LoRA's frozen weight beside its low-rank update (chapter 5) and the same with a
/// 4-bit base (chapter 6). Boxes, arrows and labels only, on a canvas in the figure's own units;
/// every label is data, never a gnuplot command.
public enum ConceptDiagrams {
    /// One pre-LayerNorm transformer block, as `TransformerBlock` computes it, bottom to top:
    /// x + attention(LayerNorm(x)), then that + MLP(LayerNorm(that)). The residual stream is
    /// the vertical line on the left; each branch reads it and adds back into it.
    public static func transformerBlock() -> Figure {
        var figure = Figure("block", title: "One transformer block (pre-LayerNorm), read from the bottom")
        figure.width = 760
        figure.height = 860
        let stream = 22.0, branch = 64.0
        figure.extraCommands =
            Diagram.canvas(width: 100, height: 110)
            + [Diagram.label(30, 4, "x: [B, T, d], the residual stream")]
            // The stream, broken where a branch adds into it (so the + stays visible).
            + [
                Diagram.arrow(stream, 8, stream, 46.8, head: false),
                Diagram.arrow(stream, 51.2, stream, 88.8, head: false),
                Diagram.arrow(stream, 93.2, stream, 104),
            ]
            // The attention branch: read, normalise, attend, add back.
            + [Diagram.arrow(stream, 16, branch, 16, head: false), Diagram.arrow(branch, 16, branch, 21)]
            + Diagram.box(branch, 25, ["LayerNorm"], halfHeight: 4, halfWidth: 20)
            + [Diagram.arrow(branch, 29, branch, 33)]
            + Diagram.box(
                branch, 39, ["causal multi-head attention", "h heads, each d/h wide"], halfHeight: 6,
                halfWidth: 20)
            + [Diagram.arrow(branch, 45, branch, 49, head: false), Diagram.arrow(branch, 49, stream + 2, 49)]
            + addSign(at: stream, 49)
            // The MLP branch.
            + [Diagram.arrow(stream, 58, branch, 58, head: false), Diagram.arrow(branch, 58, branch, 63)]
            + Diagram.box(branch, 67, ["LayerNorm"], halfHeight: 4, halfWidth: 20)
            + [Diagram.arrow(branch, 71, branch, 75)]
            + Diagram.box(
                branch, 81, ["MLP: d → 4d → d", "GELU in the middle"], halfHeight: 6,
                halfWidth: 20)
            + [Diagram.arrow(branch, 87, branch, 91, head: false), Diagram.arrow(branch, 91, stream + 2, 91)]
            + addSign(at: stream, 91)
            + [Diagram.label(48, 107, "to the next block (after the last one: LayerNorm, then logits)")]
        return figure
    }

    /// LoRA's picture: the input goes through the frozen W and, beside it, through A (down to r
    /// numbers), the scale, and B (back up), and the two are added. Box sizes follow the shapes `out`×`in`,
    /// r×`in` and `out`×r (drawn not to scale once r is tiny).
    ///
    /// - Parameter base: the lines in W's box; chapter 6 passes a 4-bit base's description.
    public static func lowRankUpdate(
        inputs: Int, outputs: Int, rank: Int, scale: String, base: [String]? = nil, name: String = "lora",
        title: String = "LoRA: a frozen weight, and beside it a trainable low-rank update"
    ) -> Figure {
        var figure = Figure(name, title: title)
        figure.width = 1000
        figure.height = 520
        let baseLines = base ?? ["W: [\(outputs), \(inputs)]", "frozen", "(pretrained)"]
        figure.extraCommands =
            Diagram.canvas(width: 100, height: 52)
            + [Diagram.label(6, 30, "x"), Diagram.label(6, 27, "[…, \(inputs)]")]
            + [Diagram.arrow(9, 30, 15, 40, head: false), Diagram.arrow(15, 40, 34, 40)]
            + Diagram.box(45, 40, baseLines, color: "#eeeeee", halfHeight: 9, halfWidth: 11)
            + [Diagram.arrow(56, 40, 84, 40, head: false), Diagram.arrow(84, 40, 84, 32.5)]
            // The low-rank path, in the order LoRALinear computes it: down through A, scale, up through B.
            + [Diagram.arrow(9, 30, 15, 16, head: false), Diagram.arrow(15, 16, 18, 16)]
            + Diagram.box(
                27, 16, ["A: [\(rank), \(inputs)]", "trainable", "random start"], halfHeight: 6, halfWidth: 9)
            + [Diagram.arrow(36, 16, 40, 16)]
            + Diagram.box(44, 16, ["× \(scale)"], color: "#fff4d6", halfHeight: 3, halfWidth: 4)
            + [Diagram.label(44, 21.5, "\(rank) numbers")]
            + [Diagram.arrow(48, 16, 53, 16)]
            + Diagram.box(
                62, 16, ["B: [\(outputs), \(rank)]", "trainable", "starts at 0"], halfHeight: 6, halfWidth: 9)
            + [Diagram.arrow(71, 16, 84, 16, head: false), Diagram.arrow(84, 16, 84, 27.5)]
            + addSign(at: 84, 30)
            + [Diagram.arrow(86.5, 30, 93, 30), Diagram.label(96, 30, "y"), Diagram.label(96, 27, "[…, \(outputs)]")]
            + [Diagram.label(50, 3, "y = x·Wᵀ + \(scale) · (x·Aᵀ)·Bᵀ  —  acts as the weight W + \(scale)·B·A")]
        return figure
    }

    /// A circled plus at (`x`, `y`): where a branch adds into the stream.
    static func addSign(at x: Double, _ y: Double) -> [String] {
        [
            "set object circle at \(x),\(y) size 2.2 fc rgb '#ffffff' fs solid border lc rgb '#555555' front",
            Diagram.label(x, y, "+", bold: true),
        ]
    }
}
