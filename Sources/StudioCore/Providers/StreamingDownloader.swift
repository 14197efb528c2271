import AsyncHTTPClient
import Crypto
import Foundation

/// Streams an HTTP body to disk: `<file>.part`, sha256 on the fly, fsync, then rename.
/// A cut-off or failed transfer leaves no file behind.
public struct StreamingDownloader: Sendable {
    let transport: HTTPTransport

    public init(transport: HTTPTransport) { self.transport = transport }

    public func download(_ request: WireRequest, to destination: URL) async throws -> DownloadedFile {
        try await save(try await transport.execute(request), to: destination)
    }

    /// Streams an answer already started (its head read) to `destination`; any status but 200 is an error.
    public func save(_ response: HTTPClientResponse, to destination: URL) async throws -> DownloadedFile {
        guard response.status == .ok else { throw await HTTPTransport.failure(of: response, stage: .download) }
        let expected = response.headers.first(name: "content-length").flatMap(Int.init)
        let writer = try AtomicFileWriter(destination: destination)
        do {
            for try await buffer in response.body {
                try writer.write(Data(buffer.readableBytesView))
            }
            if let expected, writer.bytesWritten != expected {
                throw ProviderFailure.transport("the download stopped at \(writer.bytesWritten) of \(expected) bytes")
            }
            return try writer.commit()
        } catch {
            writer.abandon()
            if let failure = error as? ProviderFailure { throw failure }
            throw ProviderFailure.transport("the download was cut off: \(error)")
        }
    }
}
