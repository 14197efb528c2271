import Foundation

/// A batch file read into lines: JSON Lines (one object per line; blank lines and lines starting
/// with `#` are skipped) or CSV (a header row of the same keys), chosen by the `.csv` extension.
/// A line that cannot be read is a problem of that line; a file that cannot be read at all throws.
public struct BatchFile: Sendable {
    public var name: String
    public var lines: [BatchLine]
    public var problems: [BatchProblem]
    /// The line of a CSV file's header row: a key there that no spec knows is its problem, said once.
    public var headerLine: Int? = nil

    /// Reads and splits a batch file.
    public static func read(_ url: URL) throws -> BatchFile {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw StudioError(field: "file", code: "batch.unreadable", message: "cannot read \(url.path)",
                              fix: "check the path and its permissions")
        }
        return try parse(data, name: url.lastPathComponent, csv: url.pathExtension.lowercased() == "csv")
    }

    /// Splits a batch file's bytes.
    public static func parse(_ data: Data, name: String, csv: Bool) throws -> BatchFile {
        guard let text = String(data: data, encoding: .utf8) else {
            throw StudioError(field: "file", code: "batch.not_utf8", message: "\(name) is not UTF-8 text",
                              fix: "save it as UTF-8 (e.g. iconv -f latin1 -t utf-8 \(name) > batch.jsonl)")
        }
        return csv ? try parseCSV(text, name: name) : parseJSONLines(text, name: name)
    }

    static func parseJSONLines(_ text: String, name: String) -> BatchFile {
        var file = BatchFile(name: name, lines: [], problems: [])
        let raws = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, raw) in raws.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            guard let value = try? JSONValue.decode(Data(line.utf8)), let object = value.objectValue else {
                // The last line, without its newline, that is no whole object: the file was cut short.
                let cut = index == raws.count - 1 && line.hasPrefix("{") && !line.hasSuffix("}")
                file.problems.append(BatchProblem(line: index + 1, field: "line", code: "batch.not_json",
                                                  message: cut ? "the file ends inside this line's object (cut short?)" : "not a JSON object",
                                                  fix: cut ? "finish the line's {…}, or remove it" : "write one {\"prompt\": …} object per line"))
                continue
            }
            file.lines.append(BatchLine(number: index + 1, values: object))
        }
        return file
    }

    static func parseCSV(_ text: String, name: String) throws -> BatchFile {
        let rows: [CSVReader.Row]
        switch CSVReader.rows(text) {
        case .success(let read): rows = read
        case .failure(let error):
            throw StudioError(field: "file", code: "batch.csv_quote", message: "\(name): a quoted field opened on line \(error.line) is never closed",
                              fix: "close the quote, and write a quote inside a quoted field as \"\"")
        }
        guard let header = rows.first else {
            throw StudioError(field: "file", code: "batch.empty", message: "\(name) has no header row",
                              fix: "start with a header row of keys, e.g. prompt,duration,aspect_ratio")
        }
        let keys = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        var file = BatchFile(name: name, lines: [], problems: [], headerLine: header.line)
        for row in rows.dropFirst() {
            guard row.fields.count <= keys.count else {
                file.problems.append(BatchProblem(line: row.line, field: "line", code: "batch.csv_columns",
                                                  message: "\(row.fields.count) fields under a header of \(keys.count)",
                                                  fix: "quote a field that holds a comma"))
                continue
            }
            var values: [String: JSONValue] = [:]
            for (key, field) in zip(keys, row.fields) where !field.isEmpty {
                values[key] = .string(field)
            }
            file.lines.append(BatchLine(number: row.line, values: values))
        }
        return file
    }
}
