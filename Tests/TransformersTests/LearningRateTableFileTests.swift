import FileSafety
import Foundation
import Testing
import Transformers

// the learning rates chapters 5 and 6 read from Chapters/05-lora-learning-rates.json
// are numbers from a file: a NaN, negative or absurd rate is refused naming the field.

private let valid = #"{"methods":{"LoRA":{"candidates":[0.001,0.01],"chosen":0.01,"scores":[0.4,0.6]}},"note":"n"}"#

@Test func aSaneLearningRateTableReads() throws {
    let table = try LearningRateTable.checked(Data(valid.utf8), file: "rates.json")
    #expect(table.methods["LoRA"]?.chosen == 0.01)
}

@Test func badLearningRatesAreRefusedNamingTheField() {
    let cases: [(String, String)] = [
        (#""chosen":0.01"#, #""chosen":-1"#), (#""chosen":0.01"#, #""chosen":0.02"#),
        (#"[0.001,0.01]"#, #"[0,0.01]"#), (#"[0.001,0.01]"#, #"[1e30,0.01]"#),
        (#"[0.4,0.6]"#, #"[0.4]"#), (#""chosen":0.01"#, #""chosen":"x""#), (#""chosen":0.01,"#, ""),
    ]
    for (from, to) in cases {
        let text = valid.replacingOccurrences(of: from, with: to)
        #expect(throws: MetadataError.self, "\(to)") { try LearningRateTable.checked(Data(text.utf8), file: "r.json") }
    }
    #expect { try LearningRateTable.checked(Data("{".utf8), file: "r.json") } throws: {
        "\($0)".hasPrefix("r.json: ")
    }
}
