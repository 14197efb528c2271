import Foundation

/// Why a JSON text could not be parsed.
public struct JSONParseError: Error, Sendable, CustomStringConvertible {
    /// Human-readable reason, e.g. `Unexpected end of file during JSON parse.`
    public var reason: String
    /// The reason.
    public var description: String { reason }

    /// Creates an error with `reason`.
    public init(reason: String) {
        self.reason = reason
    }
}

extension JSONValue {
    /// Parses a JSON text (any value, not only objects) with Foundation's `JSONDecoder`.
    ///
    /// Malformed input, numbers out of `Double`'s range and nesting deeper than `maxDepth`
    /// throw; nothing in the input can crash the parser.
    public init(parsing data: Data) throws(JSONParseError) {
        do {
            self = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch let error as JSONParseError {
            throw error
        } catch {
            throw JSONParseError(reason: Self.reason(for: error, in: data))
        }
    }

    /// Parses a JSON text given as bytes.
    public init(parsing bytes: some Sequence<UInt8>) throws(JSONParseError) {
        try self.init(parsing: Data(bytes))
    }

    /// Compact JSON text: keys sorted, `/` not escaped.
    public func serialized() -> String {
        String(decoding: serializedData(), as: UTF8.self)
    }

    /// Compact JSON as UTF-8 bytes: keys sorted, `/` not escaped.
    public func serializedData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // `encode(to:)` writes non-finite numbers as null, the only value JSONEncoder refuses.
        return (try? encoder.encode(self)) ?? Data("null".utf8)
    }

    /// Why `data` is not JSON. `JSONDecoder` only says "not valid JSON" here, so the reason is
    /// asked of `JSONSerialization`, which names the problem and where it is.
    private static func reason(for error: any Error, in data: Data) -> String {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            if let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String { return text }
        }
        if case .dataCorrupted(let context)? = error as? DecodingError { return context.debugDescription }
        return "\(error)"
    }
}
