import Foundation

/// Reads one of the studio's JSON data files (rules, prices); a broken file becomes a
/// `StudioError` naming the file, the bad place in it, and the fix.
enum DataFile {
    static func decode<T: Decodable>(_ type: T.Type, from url: URL, field: String, description: String) throws -> T {
        let fix = "fix the file or remove it to use the built-in \(field)"
        do {
            return try JSONDecoder().decode(type, from: Data(contentsOf: url))
        } catch let error as DecodingError {
            throw StudioError(field: field, code: "\(field).unreadable",
                              message: "\(description) \(url.path) is not valid: \(DecodingErrorText.describe(error))", fix: fix)
        } catch {
            throw StudioError(field: field, code: "\(field).unreadable",
                              message: "\(description) \(url.path) cannot be read", fix: fix)
        }
    }
}
