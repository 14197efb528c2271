import Foundation
import Testing

@testable import StudioEmulator

@Suite("JSON values through Foundation")
struct JSONValueTests {
    @Test("parsed objects hold sorted keys and round-trip")
    func roundTrip() throws {
        let text = #"{"b":1,"a":[true,false,null,"x\"y\u00e9\n"],"c":{"e":12345678901,"d":-1.5e3}}"#
        let value = try JSONValue(parsing: Data(text.utf8))
        #expect(value.keys == ["a", "b", "c"])
        #expect(value["c"]?.keys == ["d", "e"])
        #expect(value["a"] == [true, false, nil, "x\"y\u{e9}\n"])
        #expect(value["c"]?["d"] == .number(-1500))
        #expect(value["c"]?["e"]?.integerValue == 12_345_678_901)
        #expect(try JSONValue(parsing: value.serializedData()) == value)
    }

    @Test("booleans and numbers stay apart")
    func booleansAndNumbers() throws {
        let value = try JSONValue(parsing: Data(#"{"a": true, "b": 1, "c": 1.5, "d": 0, "e": false}"#.utf8))
        #expect(value["a"] == .bool(true))
        #expect(value["b"] == .number(1))
        #expect(value["b"]?.integerValue == 1)
        #expect(value["c"] == .number(1.5))
        #expect(value["c"]?.integerValue == nil)
        #expect(value["d"] == .number(0))
        #expect(value["e"] == .bool(false))
        #expect(value.serialized() == #"{"a":true,"b":1,"c":1.5,"d":0,"e":false}"#)
    }

    @Test("top-level scalars parse")
    func fragments() throws {
        #expect(try JSONValue(parsing: Data(" 5 ".utf8)) == 5)
        #expect(try JSONValue(parsing: Data(#""s""#.utf8)) == "s")
        #expect(try JSONValue(parsing: Data("null".utf8)) == nil)
        #expect(try JSONValue(parsing: Data("true".utf8)) == true)
    }

    @Test("serialization sorts keys, keeps slashes and writes integers plainly")
    func serialization() {
        let value = JSONValue.object([
            "z": "a/b", "m": .number(1e16), "a": .number(0.1), "n": .number(-3), "q": "line\n\u{1}", "inf": .number(.infinity),
        ])
        #expect(value.serialized() == #"{"a":0.1,"inf":null,"m":1e+16,"n":-3,"q":"line\n\u0001","z":"a/b"}"#)
        #expect(JSONValue.string("x").serialized() == #""x""#)
        #expect(JSONValue.array([]).serialized() == "[]")
        #expect(JSONValue.object([]).serialized() == "{}")
    }

    @Test("nesting is limited to 64 levels")
    func depth() throws {
        let levels = JSONValue.maxDepth
        let deepest = String(repeating: "[", count: levels) + String(repeating: "]", count: levels)
        #expect(try JSONValue(parsing: Data(deepest.utf8)) != nil)
        for count in [levels + 1, 100] {
            let text = String(repeating: "[", count: count) + String(repeating: "]", count: count)
            #expect(Self.reason(text) == "Nesting too deep.")
        }
        let objects = String(repeating: #"{"a":"#, count: 200) + "1" + String(repeating: "}", count: 200)
        #expect(Self.reason(objects) == "Nesting too deep.")
        // Past Foundation's own limit the decoder refuses the text before any value is built.
        let hostile = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(Self.reason(hostile)?.isEmpty == false)
    }

    @Test("malformed input throws a reason instead of crashing",
          arguments: ["", "{", "[1,2", "nul", #"{"a":1}}"#, "[1e400]", #"["\ud800"]"#, "[01]", "{a:1}", "[1,,2]", "\u{1}"])
    func malformed(text: String) {
        let reason = Self.reason(text)
        #expect(reason != nil)
        #expect(reason?.isEmpty == false)
    }

    @Test("reasons name the problem")
    func reasons() {
        #expect(Self.reason("[1e400]") == "Number 1e400 is not representable in Swift.")
        #expect(Self.reason("{") == "Unexpected end of file during JSON parse.")
    }

    @Test("a trailing comma is accepted, as Foundation's decoder accepts it")
    func trailingComma() throws {
        #expect(try JSONValue(parsing: Data("[1,]".utf8)) == [1])
        #expect(try JSONValue(parsing: Data(#"{"a":1,}"#.utf8)) == .object(["a": 1]))
    }

    @Test("invalid UTF-8 throws")
    func invalidUTF8() {
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: [0x22, 0xFF, 0x22]) }
    }

    /// The parse error's reason, nil when `text` parses.
    private static func reason(_ text: String) -> String? {
        do {
            _ = try JSONValue(parsing: Data(text.utf8))
            return nil
        } catch {
            return error.reason
        }
    }
}
