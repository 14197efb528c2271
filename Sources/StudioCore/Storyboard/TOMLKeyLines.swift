import Foundation

/// Where each table header and key of a TOML text is, by line, so a storyboard's problems can say
/// "line 12". It reads only what a hand-written storyboard has: `[table]` and `[[array]]` headers
/// and `key = value` lines (the parse itself is TOMLKit's).
struct TOMLKeyLines {
    /// A section: `""` for the top, `defaults`, or `shot` with its 1-based occurrence.
    struct Section: Hashable {
        var name: String
        var occurrence: Int
    }

    private(set) var headers: [Section: Int] = [:]
    private(set) var keys: [Section: [String: Int]] = [:]

    init(_ text: String) {
        var section = Section(name: "", occurrence: 1)
        var seen: [String: Int] = [:]
        var inMultilineString = false
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            let number = offset + 1
            let quotes = line.components(separatedBy: "\"\"\"").count - 1 + line.components(separatedBy: "'''").count - 1
            if inMultilineString {
                if quotes % 2 == 1 { inMultilineString = false }
                continue
            }
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") {
                let name = line.trimmingCharacters(in: CharacterSet(charactersIn: "[] \t")).split(separator: "#").first
                    .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "[] \t")) } ?? ""
                seen[name, default: 0] += 1
                section = Section(name: name, occurrence: seen[name] ?? 1)
                headers[section] = number
                continue
            }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            if keys[section]?[key] == nil { keys[section, default: [:]][key] = number }
            if quotes % 2 == 1 { inMultilineString = true }
        }
    }

    /// The line of the `n`th `[[shot]]` header (1-based), or 0.
    func shot(_ n: Int) -> Int { headers[Section(name: "shot", occurrence: n)] ?? 0 }

    /// The line of a key in a section, else the section's header line, else 0.
    func line(of key: String, in section: Section) -> Int {
        keys[section]?[key] ?? headers[section] ?? 0
    }
}
