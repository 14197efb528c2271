import Foundation
import NIOCore

/// The base64 of stored inputs this process has sent, kept so an input sent again (a batch whose
/// lines share their reference images, a re-run) is neither read nor encoded again: its buffer is
/// handed to the transport as it is. Inputs are content-addressed (the path names the sha256), so a
/// kept encoding never goes stale. Bounded: an input whose base64 exceeds `entryLimit` is always
/// streamed in chunks, and the least recently sent leave first beyond `totalLimit`.
final class EncodedPayloadCache: @unchecked Sendable {
    /// The process's cache: 24 MB of base64 in all, at most 8 MB (a 6 MB input) each.
    static let shared = EncodedPayloadCache(totalLimit: 24 << 20, entryLimit: 8 << 20)

    let totalLimit: Int
    let entryLimit: Int
    private let lock = NSLock()
    private var entries: [String: (buffer: ByteBuffer, lastUse: UInt64)] = [:]
    private var clock: UInt64 = 0
    private var held = 0
    private(set) var hits = 0

    init(totalLimit: Int, entryLimit: Int) {
        self.totalLimit = totalLimit
        self.entryLimit = entryLimit
    }

    /// Whether `payload` is small enough to be kept (else it is streamed in chunks).
    func keeps(_ payload: WireRequest.Payload) -> Bool { payload.base64Length <= entryLimit }

    /// The payload's base64: kept, or read and encoded now and kept.
    func buffer(for payload: WireRequest.Payload) throws -> ByteBuffer {
        let key = "\(payload.path)#\(payload.byteCount)"
        if let hit = lock.withLock({ () -> ByteBuffer? in
            clock += 1
            entries[key]?.lastUse = clock
            if entries[key] != nil { hits += 1 }
            return entries[key]?.buffer
        }) {
            return hit
        }
        let raw = try Data(contentsOf: URL(fileURLWithPath: payload.path))
        guard raw.count == payload.byteCount else {
            throw ProviderFailure.local(StudioError(
                field: "assets", code: "assets.changed",
                message: "the stored input \(payload.path) is \(raw.count) bytes, not \(payload.byteCount); nothing was sent",
                fix: "give the input file again"))
        }
        let buffer = ByteBuffer(bytes: raw.base64EncodedData())
        lock.withLock {
            clock += 1
            if entries.updateValue((buffer, clock), forKey: key) == nil { held += buffer.readableBytes }
            while held > totalLimit, let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse }) {
                held -= oldest.value.buffer.readableBytes
                entries[oldest.key] = nil
            }
        }
        return buffer
    }
}
