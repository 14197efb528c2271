/// A problem starting or configuring the emulator (bad resources, unusable state directory, port in use).
public struct EmulatorSetupError: Error, Sendable, CustomStringConvertible {
    /// What went wrong and how to fix it.
    public var description: String

    /// Creates an error with a description.
    public init(_ description: String) {
        self.description = description
    }
}
