import Engine
import Foundation
import Safetensors

/// A value in a benchmark's JSON line.
enum JSONValue: ExpressibleByStringLiteral, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    case string(String)
    case number(Double)
    case integer(Int)

    init(stringLiteral value: String) { self = .string(value) }
    init(floatLiteral value: Double) { self = .number(value) }
    init(integerLiteral value: Int) { self = .integer(value) }

    var json: String {
        switch self {
        case .integer(let value): return String(value)
        case .number(let value):
            // JSON has no NaN or infinity; a benchmark that produced one says so as null.
            guard value.isFinite else { return "null" }
            return String(format: "%.6g", value)
        case .string(let value):
            return jsonStringLiteral(value)
        }
    }
}

/// Prints one JSON object on one line of stdout, keys in the order given.
func emitJSONLine(_ fields: KeyValuePairs<String, JSONValue>) {
    let body = fields.map { "\(JSONValue.string($0.key).json):\($0.value.json)" }.joined(separator: ",")
    print("{" + body + "}")
    fflush(nil)  // all streams: `stdout` itself is not concurrency-safe to name in Swift 6
}

/// Prints a note for the human watching to stderr, keeping stdout pure JSON.
func note(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
