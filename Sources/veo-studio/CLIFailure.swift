import Foundation
import StudioCore
import StudioTUI

/// A message for a person and the exit code that goes with it: printed on stderr, no stack trace.
struct CLIFailure: Error, CustomStringConvertible {
    var message: String
    var exitCode: Int32

    var description: String { message }

    /// Exit code 2: the user's input was refused (nothing was sent or recorded).
    static func badInput(_ message: String) -> CLIFailure { CLIFailure(message: message, exitCode: 2) }
    /// Exit code 1: the job or the service failed.
    static func failed(_ message: String) -> CLIFailure { CLIFailure(message: message, exitCode: 1) }

    /// The line and code for any error that reaches the top.
    static func report(_ error: Error) -> CLIFailure? {
        switch error {
        case let failure as CLIFailure: return failure
        case let error as StudioError where error.code == "budget.exceeded": return .failed("error: \(error.message) — \(error.fix)")
        case let error as StudioError: return .badInput("error: \(error.description)")
        case let error as ThemeError: return .badInput("error: \(error.message)")
        case let failure as ProviderFailure: return .failed("error: \(failure.description)")
        default: return nil
        }
    }
}
