import Engine
import Safetensors
import Testing

@Suite("Strict JSON for untrusted headers")
struct StrictJSONTests {
    func parse(_ text: String) throws -> StrictJSONValue { try StrictJSON.parse(Array(text.utf8)) }

    @Test func readsEveryKindOfValue() throws {
        let value = try parse(#" {"a": [1, -2.5e3, true, false, null], "b\u00e9\ud83d\ude00": "x\ny\/z"} "#)
        #expect(
            value
                == .object([
                    "a": .array([.number("1"), .number("-2.5e3"), .bool(true), .bool(false), .null]),
                    "bé😀": .string("x\ny/z"),
                ]))
        #expect(try parse("0").nonNegativeInteger == 0)
        #expect(try parse("9223372036854775807").nonNegativeInteger == Int.max)
        #expect(try parse("9223372036854775808").nonNegativeInteger == nil)
        #expect(try parse("-1").nonNegativeInteger == nil && parse("1.0").nonNegativeInteger == nil)
    }

    @Test func refusesWhatRFC8259Refuses() {
        let bad = [
            "", "{", "[1,]", "{\"a\":1,}", "01", "1.", ".5", "+1", "1e", "\"\u{01}\"", "\"\\x\"", "tru",
            "\"\\ud83d\"", "{\"a\" 1}", "[1] [2]", "{1:2}", "NaN", "\"unterminated",
        ]
        for text in bad {
            #expect(throws: StrictJSONError.self, "\(text)") { try parse(text) }
        }
        #expect(throws: StrictJSONError.invalidUTF8(offset: 1)) { try StrictJSON.parse([0x22, 0xFF, 0x22]) }
    }

    @Test func refusesDuplicateKeysAtAnyDepthAndDeepNesting() {
        #expect(throws: StrictJSONError.duplicateKey("k")) { try parse(#"{"x":{"k":1,"k":2}}"#) }
        #expect(throws: StrictJSONError.duplicateKey("k")) { try parse(#"{"k":1,"\u006b":2}"#) }
        func nested(_ depth: Int) -> String {
            String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        }
        let deep = nested(StrictJSON.depthLimit + 1)
        #expect(throws: StrictJSONError.tooDeep(limit: StrictJSON.depthLimit)) { try parse(deep) }
        let fine = nested(StrictJSON.depthLimit)
        #expect(throws: Never.self) { try parse(fine) }
    }
}
