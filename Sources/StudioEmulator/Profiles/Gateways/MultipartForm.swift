import Foundation

/// A `multipart/form-data` body (RFC 7578) split into its parts — what the `openai` package
/// sends to `POST /v1/videos`. Hummingbird has no form-data decoder, so this is the small
/// subset needed: one level of parts, each with a `Content-Disposition` name.
struct MultipartForm: Sendable {
    /// One part: its field name, the file name when it is a file, its type and bytes.
    struct Part: Sendable {
        var name: String
        var filename: String?
        var contentType: String?
        var data: Data

        /// The bytes as UTF-8 text.
        var text: String { String(decoding: data, as: UTF8.self) }
    }

    var parts: [Part]

    /// The first part named `name`.
    subscript(name: String) -> Part? { parts.first { $0.name == name } }

    /// Splits `body` using the boundary of `contentType`; nil when either is malformed.
    init?(contentType: String, body: Data) {
        guard let boundary = Self.parameter("boundary", in: contentType), !boundary.isEmpty else { return nil }
        let delimiter = Data("--\(boundary)".utf8)
        let headerEnd = Data("\r\n\r\n".utf8)
        var parts: [Part] = []
        guard var cursor = body.range(of: delimiter)?.upperBound else { return nil }
        while cursor < body.endIndex {
            // After a delimiter: "--" ends the body, CRLF starts a part.
            if body[cursor...].starts(with: Data("--".utf8)) { break }
            guard body[cursor...].starts(with: Data("\r\n".utf8)) else { return nil }
            let start = body.index(cursor, offsetBy: 2)
            guard let headersRange = body.range(of: headerEnd, in: start..<body.endIndex),
                let next = body.range(of: Data("\r\n".utf8) + delimiter, in: headersRange.upperBound..<body.endIndex)
            else { return nil }
            let headers = String(decoding: body[start..<headersRange.lowerBound], as: UTF8.self)
            var part = Part(name: "", filename: nil, contentType: nil, data: Data(body[headersRange.upperBound..<next.lowerBound]))
            for line in headers.components(separatedBy: "\r\n") {
                guard let colon = line.firstIndex(of: ":") else { continue }
                let field = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
                let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                if field == "content-disposition" {
                    part.name = Self.parameter("name", in: value) ?? ""
                    part.filename = Self.parameter("filename", in: value)
                } else if field == "content-type" {
                    part.contentType = value
                }
            }
            parts.append(part)
            cursor = next.upperBound
        }
        self.parts = parts
    }

    /// A `key=value` or `key="value"` parameter of a header value.
    static func parameter(_ key: String, in header: String) -> String? {
        for item in header.split(separator: ";").dropFirst() {
            let pair = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == key else { continue }
            var value = pair[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }
}
