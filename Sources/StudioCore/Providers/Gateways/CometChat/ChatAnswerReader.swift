import Foundation

/// Reads a chat-completions answer — a Server-Sent Events stream of `chat.completion.chunk`s
/// ending in `data: [DONE]`, or one `chat.completion` JSON — into the assistant's whole text, and
/// finds the video links in it (markdown link targets and bare web addresses).
final class ChatAnswerReader {
    private(set) var completionID: String?
    private(set) var text = ""
    /// True once `data: [DONE]` arrived (or a whole non-streamed answer was read).
    private(set) var complete = false
    private var pending = Data()
    private var plainJSON = Data()
    private var streamed: Bool?

    /// The most a non-streamed answer may weigh.
    static let maxAnswerBytes = 4 << 20

    func feed(_ piece: Data) throws {
        if streamed == nil, let first = (pending + piece).first(where: { !Character(UnicodeScalar($0)).isWhitespace }) {
            streamed = first != UInt8(ascii: "{")
        }
        guard streamed == true else {
            plainJSON.append(piece)
            if plainJSON.count > Self.maxAnswerBytes { throw ProviderFailure.malformed("the chat answer is larger than 4 MB") }
            return
        }
        pending.append(piece)
        while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
            let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            pending.removeSubrange(pending.startIndex...newline)
            try event(line)
        }
    }

    /// Call when the body ended.
    func finish() throws {
        if streamed == false {
            guard let answer = try? JSONValue.decode(plainJSON) else {
                throw ProviderFailure.transport("the chat answer was cut off or is not JSON (\(plainJSON.count) bytes)")
            }
            completionID = answer["id"]?.stringValue
            text = answer["choices"]?[0]?["message"]?["content"]?.stringValue ?? ""
            complete = true
        } else if !pending.isEmpty {
            try event(String(decoding: pending, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
            pending.removeAll()
        }
    }

    private func event(_ line: String) throws {
        guard line.hasPrefix("data:") else { return }
        let payload = line.dropFirst(5).trimmingCharacters(in: .whitespaces)
        if payload == "[DONE]" {
            complete = true
            return
        }
        guard let chunk = try? JSONValue.decode(Data(payload.utf8)) else {
            throw ProviderFailure.malformed("a streamed chunk is not JSON: \(payload.prefix(120))")
        }
        if let error = chunk["error"], case .object = error {
            throw ProviderFailure.http(ServerAnswer(stage: .submit, httpStatus: 200, status: error["type"]?.stringValue,
                                                    message: error["message"]?.stringValue ?? error.encodedString()),
                                       retryAfterSeconds: nil)
        }
        completionID = completionID ?? chunk["id"]?.stringValue
        text += chunk["choices"]?[0]?["delta"]?["content"]?.stringValue ?? ""
    }

    /// The video links in the text, in order, without repeats: markdown targets first, then bare addresses.
    var videoLinks: [String] {
        let pattern = #"https?://[^\s\)\]\"'<>]+"#
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        var links: [String] = []
        for match in expression.matches(in: text, range: range) {
            guard let found = Range(match.range, in: text) else { continue }
            let link = String(text[found]).trimmingCharacters(in: CharacterSet(charactersIn: ".,;"))
            if !links.contains(link) { links.append(link) }
        }
        let videos = links.filter { link in
            let path = (URL(string: link)?.path ?? link).lowercased()
            return [".mp4", ".mov", ".webm"].contains { path.hasSuffix($0) }
        }
        return videos.isEmpty ? Array(links.prefix(1)) : videos
    }
}
