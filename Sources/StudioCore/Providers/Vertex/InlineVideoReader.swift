import Foundation

/// Reads a Vertex operation answer as it arrives, without ever holding it whole: every
/// `bytesBase64Encoded` string is decoded straight into its own file (`sample_<n>.mp4.part`),
/// everything else is built into a small `JSONValue` in which each such string is replaced by
/// `{"stagedSample": n, "bytes": size}`.
///
/// Pieces may split the body anywhere (inside a key, an escape, a base64 quad, between samples).
/// Files become visible only when the whole answer parsed (`finish`); on any failure `abandon`
/// removes them, so a malformed or cut-off answer never leaves a half video.
public final class InlineVideoReader {
    /// Strings other than video payloads longer than this are refused (an answer is small apart from videos).
    public static let maxPlainStringBytes = 4 * 1024 * 1024
    /// The key whose string values are videos (`bytesBase64Encoded` on Vertex AI).
    private let streamedKey: String
    private static let flushBytes = 1 << 20

    private enum Expect { case value, valueOrEnd, key, keyOrEnd, colon, commaOrEnd, end }
    private enum Frame {
        case object([String: JSONValue], key: String?)
        case array([JSONValue])
    }
    private enum Escape { case none, backslash, unicode([UInt8]) }

    private let makeWriter: (Int) throws -> AtomicFileWriter
    private var writers: [AtomicFileWriter] = []
    private var stack: [Frame] = []
    private var expect = Expect.value
    private var root: JSONValue?
    private var offset = 0

    private var inString = false
    private var stringIsKey = false
    private var stringBytes: [UInt8] = []
    private var escape = Escape.none
    private var pendingHighSurrogate: UInt16?
    private var streaming: (decoder: Base64StreamDecoder, writer: AtomicFileWriter)?
    private var decoded: [UInt8] = []
    private var scalar: [UInt8] = []

    /// - Parameters:
    ///   - streamedKey: the key whose string values are base64 videos.
    ///   - makeWriter: opens the file for the n-th inline video (0-based, in the answer's order).
    public init(streamedKey: String = "bytesBase64Encoded", makeWriter: @escaping (Int) throws -> AtomicFileWriter) {
        self.streamedKey = streamedKey
        self.makeWriter = makeWriter
    }

    /// Bytes read so far.
    public var bytesRead: Int { offset }

    /// Feeds the next piece of the body.
    public func feed(_ piece: UnsafeRawBufferPointer) throws {
        var index = 0
        let count = piece.count
        while index < count {
            if inString {
                index = try consumeString(piece, from: index)
                continue
            }
            let byte = piece[index]
            index += 1
            offset += 1
            try consumeStructural(byte)
        }
    }

    /// Ends the body: checks it is one complete JSON value, commits the decoded videos and returns
    /// the answer (videos replaced by placeholders) with the files written, in order.
    public func finish() throws -> (json: JSONValue, files: [DownloadedFile]) {
        if !scalar.isEmpty, !inString { try finishScalar() }
        guard !inString, stack.isEmpty, let root else {
            throw ProviderFailure.malformed("the answer ended early, after \(offset) bytes")
        }
        let files = try writers.map { try $0.commit() }
        writers = []
        return (root, files)
    }

    /// Removes every file begun (after a failure).
    public func abandon() {
        streaming = nil
        for writer in writers { writer.abandon() }
        writers = []
    }

    // MARK: Structure

    private func consumeStructural(_ byte: UInt8) throws {
        if !scalar.isEmpty {
            if Self.isScalarByte(byte) { scalar.append(byte); return }
            try finishScalar()
        }
        switch byte {
        case 0x20, 0x0A, 0x0D, 0x09:
            return
        case UInt8(ascii: "{"):
            try expectValue()
            stack.append(.object([:], key: nil))
            expect = .keyOrEnd
        case UInt8(ascii: "["):
            try expectValue()
            stack.append(.array([]))
            expect = .valueOrEnd
        case UInt8(ascii: "\""):
            if expect == .key || expect == .keyOrEnd {
                stringIsKey = true
            } else {
                try expectValue()
                stringIsKey = false
                if case .object(_, let key)? = stack.last, key == streamedKey {
                    let writer = try makeWriter(writers.count)
                    writers.append(writer)
                    streaming = (Base64StreamDecoder(), writer)
                }
            }
            inString = true
            stringBytes.removeAll(keepingCapacity: true)
        case UInt8(ascii: ":"):
            guard expect == .colon else { throw unexpected(byte) }
            expect = .value
        case UInt8(ascii: ","):
            guard expect == .commaOrEnd, let top = stack.last else { throw unexpected(byte) }
            if case .object = top { expect = .key } else { expect = .value }
        case UInt8(ascii: "}"):
            guard expect == .commaOrEnd || expect == .keyOrEnd, case .object(let object, _)? = stack.last else {
                throw unexpected(byte)
            }
            stack.removeLast()
            complete(.object(object))
        case UInt8(ascii: "]"):
            guard expect == .commaOrEnd || expect == .valueOrEnd, case .array(let array)? = stack.last else {
                throw unexpected(byte)
            }
            stack.removeLast()
            complete(.array(array))
        default:
            guard Self.isScalarByte(byte) else { throw unexpected(byte) }
            try expectValue()
            scalar.append(byte)
        }
    }

    private func expectValue() throws {
        guard expect == .value || expect == .valueOrEnd else {
            throw ProviderFailure.malformed("the answer is not valid JSON (unexpected value at byte \(offset))")
        }
    }

    private func complete(_ value: JSONValue) {
        switch stack.popLast() {
        case nil:
            root = value
            expect = .end
        case .object(var object, let key)?:
            if let key { object[key] = value }
            stack.append(.object(object, key: nil))
            expect = .commaOrEnd
        case .array(var array)?:
            array.append(value)
            stack.append(.array(array))
            expect = .commaOrEnd
        }
    }

    private func finishScalar() throws {
        let text = String(decoding: scalar, as: UTF8.self)
        scalar.removeAll(keepingCapacity: true)
        switch text {
        case "true": complete(.bool(true))
        case "false": complete(.bool(false))
        case "null": complete(.null)
        default:
            guard let number = Double(text), text.first != "+" else {
                throw ProviderFailure.malformed("the answer is not valid JSON (\"\(text.prefix(20))\" near byte \(offset))")
            }
            complete(.number(number))
        }
    }

    private static func isScalarByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
             UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "E"):
            return true
        default:
            return false
        }
    }

    private func unexpected(_ byte: UInt8) -> ProviderFailure {
        let shown = byte >= 0x20 && byte < 0x7F ? "'\(Character(UnicodeScalar(byte)))'" : String(format: "0x%02x", byte)
        return .malformed("the answer is not valid JSON (unexpected \(shown) at byte \(offset))")
    }

    // MARK: Strings

    /// Consumes string content from `start`; returns where structure resumes (or the piece's end).
    private func consumeString(_ piece: UnsafeRawBufferPointer, from start: Int) throws -> Int {
        var index = start
        let count = piece.count
        while index < count {
            if case .none = escape {
                // Fast path: the run up to the next quote or backslash.
                var end = index
                while end < count, piece[end] != UInt8(ascii: "\""), piece[end] != UInt8(ascii: "\\") { end += 1 }
                if end > index {
                    try appendString(UnsafeRawBufferPointer(rebasing: piece[index..<end]))
                    offset += end - index
                    index = end
                    continue
                }
                let byte = piece[index]
                index += 1
                offset += 1
                if byte == UInt8(ascii: "\"") {
                    try closeString()
                    return index
                }
                escape = .backslash
            } else {
                let byte = piece[index]
                index += 1
                offset += 1
                try consumeEscape(byte)
            }
        }
        return index
    }

    private func consumeEscape(_ byte: UInt8) throws {
        switch escape {
        case .none:
            return
        case .backslash:
            let mapped: UInt8?
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): mapped = byte
            case UInt8(ascii: "b"): mapped = 0x08
            case UInt8(ascii: "f"): mapped = 0x0C
            case UInt8(ascii: "n"): mapped = 0x0A
            case UInt8(ascii: "r"): mapped = 0x0D
            case UInt8(ascii: "t"): mapped = 0x09
            case UInt8(ascii: "u"): mapped = nil
            default:
                throw ProviderFailure.malformed("the answer is not valid JSON (bad escape at byte \(offset))")
            }
            if let mapped {
                escape = .none
                try withUnsafeBytes(of: mapped) { try appendString($0) }
            } else {
                escape = .unicode([])
            }
        case .unicode(var digits):
            digits.append(byte)
            guard digits.count == 4 else { escape = .unicode(digits); return }
            escape = .none
            guard let unit = UInt16(String(decoding: digits, as: UTF8.self), radix: 16) else {
                throw ProviderFailure.malformed("the answer is not valid JSON (bad \\u escape at byte \(offset))")
            }
            try appendUTF16(unit)
        }
    }

    private func appendUTF16(_ unit: UInt16) throws {
        var scalarValue: UInt32?
        if (0xD800...0xDBFF).contains(unit) {
            pendingHighSurrogate = unit
            return
        } else if (0xDC00...0xDFFF).contains(unit), let high = pendingHighSurrogate {
            scalarValue = 0x10000 + (UInt32(high - 0xD800) << 10) + UInt32(unit - 0xDC00)
        } else {
            scalarValue = UInt32(unit)
        }
        pendingHighSurrogate = nil
        let character = scalarValue.flatMap(Unicode.Scalar.init) ?? "\u{FFFD}"
        let utf8 = Array(String(Character(character)).utf8)
        try utf8.withUnsafeBytes { try appendString($0) }
    }

    private func appendString(_ bytes: UnsafeRawBufferPointer) throws {
        if var current = streaming {
            do {
                try current.decoder.decode(bytes, into: &decoded)
            } catch {
                streaming = current
                throw ProviderFailure.malformed("an inline video is not valid base64 (\(error))")
            }
            streaming = current
            if decoded.count >= Self.flushBytes { try flushDecoded() }
            return
        }
        guard stringBytes.count + bytes.count <= Self.maxPlainStringBytes else {
            throw ProviderFailure.malformed("the answer holds a text field over \(Self.maxPlainStringBytes / 1_048_576) MB")
        }
        stringBytes.append(contentsOf: bytes)
    }

    private func flushDecoded() throws {
        guard let writer = streaming?.writer, !decoded.isEmpty else { return }
        try writer.write(Data(decoded))
        decoded.removeAll(keepingCapacity: true)
    }

    private func closeString() throws {
        inString = false
        if var current = streaming {
            do {
                try current.decoder.finish(into: &decoded)
            } catch {
                throw ProviderFailure.malformed("an inline video is not valid base64 (\(error))")
            }
            streaming = current
            try flushDecoded()
            let size = current.decoder.bytesDecoded
            streaming = nil
            complete(.object(["stagedSample": .number(Double(writers.count - 1)), "bytes": .number(Double(size))]))
            return
        }
        let text = String(decoding: stringBytes, as: UTF8.self)
        if stringIsKey {
            guard case .object(let object, _)? = stack.last else { throw unexpected(UInt8(ascii: "\"")) }
            stack[stack.count - 1] = .object(object, key: text)
            expect = .colon
        } else {
            complete(.string(text))
        }
    }
}
