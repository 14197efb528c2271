import Foundation

/// Decoding and encoding through Foundation's `JSONDecoder` / `JSONEncoder`.
///
/// Decoding tries each JSON type in turn. Foundation's decoder never reads `1` as `true` nor
/// `true` as `1`, so booleans and numbers stay apart. Object members are stored in sorted key
/// order, because the decoder does not report the order of the document.
extension JSONValue: Codable {
    /// The deepest nesting accepted when decoding (the root value is level 1).
    public static let maxDepth = 64

    /// Decodes any JSON value; throws `JSONParseError` past `maxDepth` levels.
    public init(from decoder: any Decoder) throws {
        // Checked before touching the value, so a hostile body never recurses deeper than this.
        guard decoder.codingPath.count < Self.maxDepth else {
            throw JSONParseError(reason: "Nesting too deep.")
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            self = .null
        } else if let value = try Self.ifOfType({ try single.decode(String.self) }) {
            self = .string(value)
        } else if let object = try Self.ifOfType({ try decoder.container(keyedBy: MemberKey.self) }) {
            var members: [JSONMember] = []
            for key in object.allKeys.sorted(by: { $0.stringValue < $1.stringValue })
            where members.last?.key != key.stringValue {
                members.append(JSONMember(key: key.stringValue, value: try object.decode(JSONValue.self, forKey: key)))
            }
            self = .object(members)
        } else if var array = try Self.ifOfType({ try decoder.unkeyedContainer() }) {
            var values: [JSONValue] = []
            while !array.isAtEnd { values.append(try array.decode(JSONValue.self)) }
            self = .array(values)
        } else if let value = try Self.ifOfType({ try single.decode(Double.self) }) {
            self = .number(value)
        } else {
            self = .bool(try single.decode(Bool.self))
        }
    }

    /// The result of `read`, or nil when the value is of another JSON type. Any other error
    /// (a bad escape, a number out of range) is rethrown, so its own reason reaches the caller.
    private static func ifOfType<T>(_ read: () throws -> T) throws -> T? {
        do {
            return try read()
        } catch DecodingError.typeMismatch {
            return nil
        }
    }

    /// Encodes the value; integral numbers below 10^15 as integers, non-finite numbers as `null`.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .object(let members):
            var container = encoder.container(keyedBy: MemberKey.self)
            for member in members { try container.encode(member.value, forKey: MemberKey(member.key)) }
        case .array(let values):
            var container = encoder.unkeyedContainer()
            for value in values { try container.encode(value) }
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case .bool(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .string(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .number(let value):
            var container = encoder.singleValueContainer()
            if !value.isFinite {
                try container.encodeNil()
            } else if value.rounded() == value, abs(value) < 1e15 {
                try container.encode(Int64(value))
            } else {
                try container.encode(value)
            }
        }
    }
}

/// An object member name used as a coding key.
struct MemberKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ name: String) { stringValue = name }
    init(stringValue: String) { self.init(stringValue) }
    init?(intValue: Int) { nil }
}
