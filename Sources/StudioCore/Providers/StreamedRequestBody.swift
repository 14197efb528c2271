import AsyncHTTPClient
import Foundation
import NIOCore

/// A JSON body sent in pieces: the encoded body around its placeholders, and each payload file's
/// base64 in their place — kept from an earlier send when the input is small enough
/// (`EncodedPayloadCache`), else read in chunks and encoded on the way, so the peak memory of a
/// submit does not grow with a large input. The length is known before the first byte, so the
/// request is an ordinary `Content-Length` request, byte for byte the one with the inputs inline.
struct StreamedRequestBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    enum Part: Sendable, Equatable {
        case bytes(Data)
        case file(WireRequest.Payload)
    }

    /// Raw bytes read per chunk: a multiple of 3, so the chunks' base64 joins into one valid text.
    static let chunkBytes = 3 * 16_384

    let parts: [Part]
    /// Where the base64 of inputs sent before is kept.
    let cache: EncodedPayloadCache

    /// The bytes on the wire.
    var length: Int {
        parts.reduce(0) { total, part in
            switch part {
            case .bytes(let data): return total + data.count
            case .file(let payload): return total + payload.base64Length
            }
        }
    }

    /// Splits `encoded` at every placeholder of `payloads`; checks each file is there, whole,
    /// before anything is sent.
    init(encoded: Data, payloads: [WireRequest.Payload], cache: EncodedPayloadCache = .shared) throws {
        self.cache = cache
        var hits: [(range: Range<Int>, payload: WireRequest.Payload)] = []
        for payload in payloads {
            let token = Data(payload.token.utf8)
            var from = encoded.startIndex
            while let range = encoded.range(of: token, in: from..<encoded.endIndex) {
                hits.append((range, payload))
                from = range.upperBound
            }
            let size = FileStatus(path: payload.path)?.size
            guard size == payload.byteCount else {
                throw ProviderFailure.local(StudioError(
                    field: "assets", code: "assets.changed",
                    message: "the stored input \(payload.path) is \(size.map { "\($0) bytes, not \(payload.byteCount)" } ?? "missing"); nothing was sent",
                    fix: "give the input file again"))
            }
        }
        hits.sort { $0.range.lowerBound < $1.range.lowerBound }
        var parts: [Part] = []
        var cursor = encoded.startIndex
        for hit in hits {
            if cursor < hit.range.lowerBound { parts.append(.bytes(encoded[cursor..<hit.range.lowerBound])) }
            parts.append(.file(hit.payload))
            cursor = hit.range.upperBound
        }
        if cursor < encoded.endIndex { parts.append(.bytes(encoded[cursor..<encoded.endIndex])) }
        self.parts = parts
    }

    /// The whole body at once (what the server receives), for tests.
    func collected() async throws -> Data {
        var data = Data()
        for try await buffer in self { data.append(contentsOf: buffer.readableBytesView) }
        return data
    }

    var httpBody: HTTPClientRequest.Body {
        .stream(self, length: .known(Int64(length)))
    }

    func makeAsyncIterator() -> Iterator { Iterator(parts: parts, cache: cache) }

    struct Iterator: AsyncIteratorProtocol {
        var parts: ArraySlice<Part>
        let cache: EncodedPayloadCache
        var file: FileHandle?

        init(parts: [Part], cache: EncodedPayloadCache) {
            self.parts = parts[...]
            self.cache = cache
        }

        mutating func next() async throws -> ByteBuffer? {
            while true {
                if let handle = file {
                    var chunk = try handle.read(upToCount: StreamedRequestBody.chunkBytes) ?? Data()
                    // A short read mid-file must not put base64 padding mid-text.
                    while chunk.count % 3 != 0, let more = try handle.read(upToCount: 3 - chunk.count % 3), !more.isEmpty {
                        chunk.append(more)
                    }
                    if !chunk.isEmpty { return ByteBuffer(string: chunk.base64EncodedString()) }
                    try? handle.close()
                    file = nil
                }
                guard let part = parts.popFirst() else { return nil }
                switch part {
                case .bytes(let data):
                    return ByteBuffer(bytes: data)
                case .file(let payload) where cache.keeps(payload):
                    return try cache.buffer(for: payload)
                case .file(let payload):
                    file = try FileHandle(forReadingFrom: URL(fileURLWithPath: payload.path))
                }
            }
        }
    }
}
