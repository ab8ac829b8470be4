import Foundation
import Notebook
import Testing

@testable import Experiments

/// The concept diagrams: they name the real shapes, and no two boxes overlap (a box drawn over
/// another hides its text).
struct ConceptDiagramsTests {
    /// The rectangles of a diagram's `set object rect from x1,y1 to x2,y2` commands.
    static func boxes(_ figure: Figure) -> [(x1: Double, y1: Double, x2: Double, y2: Double)] {
        figure.extraCommands.compactMap { command in
            guard command.hasPrefix("set object rect from ") else { return nil }
            let numbers = command.dropFirst("set object rect from ".count).split(separator: " ")
            guard numbers.count >= 3 else { return nil }
            let from = numbers[0].split(separator: ",").compactMap { Double($0) }
            let to = numbers[2].split(separator: ",").compactMap { Double($0) }
            guard from.count == 2, to.count == 2 else { return nil }
            return (from[0], from[1], to[0], to[1])
        }
    }

    static func overlapping(_ figure: Figure) -> Bool {
        let found = boxes(figure)
        for i in found.indices {
            for j in found.indices where j > i {
                let a = found[i], b = found[j]
                if a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2 { return true }
            }
        }
        return false
    }

    @Test func loraNamesItsShapesAndKeepsBoxesApart() {
        let figure = ConceptDiagrams.lowRankUpdate(inputs: 64, outputs: 48, rank: 8, scale: "α/r")
        let script = figure.extraCommands.joined(separator: "\n")
        #expect(script.contains("W: [48, 64]"))
        #expect(script.contains("A: [8, 64]"))
        #expect(script.contains("B: [48, 8]"))
        #expect(Self.boxes(figure).count == 4)  // W, A, the scale, B
        #expect(!Self.overlapping(figure))
    }

    @Test func theBlockKeepsBoxesApart() {
        let figure = ConceptDiagrams.transformerBlock()
        #expect(Self.boxes(figure).count == 4)  // two LayerNorms, attention, MLP
        #expect(!Self.overlapping(figure))
    }

    /// The check itself: two boxes drawn over each other are caught.
    @Test func overlapIsCaught() {
        var figure = ConceptDiagrams.transformerBlock()
        figure.extraCommands += Diagram.box(64, 26, ["on top of the first LayerNorm"])
        #expect(Self.overlapping(figure))
    }
}
