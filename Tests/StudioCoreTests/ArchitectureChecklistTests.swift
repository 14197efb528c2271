import Foundation
import Testing

/// The "Adding a provider" checklist of docs/ARCHITECTURE.md names files and types: each must exist,
/// so the checklist cannot drift from the code.
struct ArchitectureChecklistTests {
    static let repository = ProviderPluginTests.repository

    /// The backticked names of the checklist section.
    static func checklistNames() throws -> [String] {
        let text = try String(contentsOf: repository.appendingPathComponent("docs/ARCHITECTURE.md"), encoding: .utf8)
        let start = try #require(text.range(of: "## Adding a provider"), "docs/ARCHITECTURE.md has an \"Adding a provider\" section")
        let rest = text[start.upperBound...]
        let section = rest.range(of: "\n## ").map { rest[..<$0.lowerBound] } ?? rest
        return section.split(separator: "`", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 }.map { String($0.element) }
    }

    /// Every type declared in the sources and the tests.
    static func declaredTypes() -> Set<String> {
        var names: Set<String> = []
        for folder in ["Sources", "Tests"].map(repository.appendingPathComponent) {
            let files = FileManager.default.enumerator(atPath: folder.path)?.allObjects.compactMap { $0 as? String } ?? []
            for file in files where file.hasSuffix(".swift") {
                guard let text = try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8) else { continue }
                for line in text.split(separator: "\n") {
                    let words = line.split(whereSeparator: { " :<({".contains($0) })
                    for (index, word) in words.enumerated().dropLast()
                    where ["struct", "enum", "protocol", "class", "actor", "typealias"].contains(word) {
                        names.insert(String(words[index + 1]))
                    }
                }
            }
        }
        return names
    }

    @Test func everyFileAndTypeTheChecklistNamesExists() throws {
        let names = try Self.checklistNames()
        #expect(names.count >= 10, "the checklist names its files and types: \(names)")
        let types = Self.declaredTypes()
        var checked = 0
        for name in names where !name.contains("<") {
            if name.contains("/") {
                let path = name.split(separator: " ").first.map(String.init) ?? name
                #expect(FileManager.default.fileExists(atPath: Self.repository.appendingPathComponent(path).path),
                        "the checklist names \(path), which does not exist")
                checked += 1
            } else if let first = name.first, first.isUppercase, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." }) {
                let type = String(name.split(separator: ".")[0])
                #expect(types.contains(type), "the checklist names the type \(type), which no source or test declares")
                checked += 1
            }
        }
        #expect(checked >= 10, "\(checked) names checked")
    }
}
