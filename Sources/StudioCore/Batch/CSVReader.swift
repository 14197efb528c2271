/// Rows of a CSV text (RFC 4180: fields split by commas, quoted with `"` when they hold a comma, a
/// quote (doubled) or a line break; lines end with LF or CRLF). Each row keeps the number of the
/// line it starts on. No CSV package is part of this build's dependency set, hence this small reader.
enum CSVReader {
    struct Row {
        var line: Int
        var fields: [String]
    }

    /// The rows, or the line where a quoted field is never closed.
    static func rows(_ text: String) -> Result<[Row], CSVError> {
        var rows: [Row] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var line = 1
        var rowLine = 1
        var characters = Array(text.replacingOccurrences(of: "\r\n", with: "\n"))[...]
        var fieldStarted = false
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" {
                        field.append("\"")
                        characters.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    if character == "\n" { line += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"" where !fieldStarted:
                quoted = true
                fieldStarted = true
            case ",":
                fields.append(field)
                field = ""
                fieldStarted = false
            case "\n":
                fields.append(field)
                if !(fields.count == 1 && fields[0].isEmpty) { rows.append(Row(line: rowLine, fields: fields)) }
                fields = []
                field = ""
                fieldStarted = false
                line += 1
                rowLine = line
            default:
                field.append(character)
                fieldStarted = true
            }
        }
        if quoted { return .failure(CSVError(line: rowLine)) }
        if fieldStarted || !fields.isEmpty {
            fields.append(field)
            rows.append(Row(line: rowLine, fields: fields))
        }
        return .success(rows)
    }

    /// A quoted field opened on `line` is never closed.
    struct CSVError: Error {
        var line: Int
    }
}
