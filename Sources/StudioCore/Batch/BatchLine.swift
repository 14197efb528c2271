/// One line of a batch file: its number in the file and its keys (the spec flags' names in
/// snake_case, plus `preset`, `vars` and `variants`).
public struct BatchLine: Sendable, Hashable {
    public var number: Int
    public var values: [String: JSONValue]

    public init(number: Int, values: [String: JSONValue]) {
        self.number = number
        self.values = values
    }
}
