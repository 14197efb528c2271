import Foundation

/// Checks arrays before the TOML parser underneath sees them: that parser stops the process (an
/// assertion) when a `}` stands where an array expects a value, right after `[` or `,`. No valid
/// TOML has a `}` there (after `,` it would be a trailing comma in an inline table, also invalid),
/// so refusing it first loses nothing. Strings and comments are skipped.
enum TOMLArrayCheck {
    /// The line and column (1-based) of the first `}` that follows `[` or `,`, if any.
    static func firstStrayBrace(in text: String) -> (line: Int, column: Int)? {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        var line = 1
        var lineStart = 0
        var previous: Unicode.Scalar?
        func skipString(_ quote: Unicode.Scalar) {
            let triple = index + 2 < scalars.count && scalars[index + 1] == quote && scalars[index + 2] == quote
            index += triple ? 3 : 1
            while index < scalars.count {
                let scalar = scalars[index]
                if quote == "\"", scalar == "\\" { index += 2; continue }
                if scalar == "\n" { line += 1; lineStart = index + 1 }
                if scalar == quote {
                    if !triple { index += 1; return }
                    if index + 2 < scalars.count, scalars[index + 1] == quote, scalars[index + 2] == quote { index += 3; return }
                }
                if !triple, scalar == "\n" { return }
                index += 1
            }
        }
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "\"", "'":
                skipString(scalar)
                previous = scalar
                continue
            case "#":
                while index < scalars.count, scalars[index] != "\n" { index += 1 }
                continue
            case "\n":
                line += 1
                lineStart = index + 1
            case " ", "\t", "\r":
                break
            case "}" where previous == "[" || previous == ",":
                return (line, index - lineStart + 1)
            default:
                previous = scalar
            }
            index += 1
        }
        return nil
    }
}
