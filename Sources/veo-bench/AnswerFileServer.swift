import Foundation
import Hummingbird

/// A local HTTP server that answers every POST with one file, streamed in 64 KiB pieces, as a
/// service sends a large operation answer (the benchmark's network side).
enum AnswerFileServer {
    /// Starts serving on 127.0.0.1 (any free port); returns the base URL and the task to cancel.
    static func start(serving file: URL) async throws -> (url: String, task: Task<Void, any Error>) {
        let size = (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
        let router = Router()
        router.post("**") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(contentLength: size) { writer in
                let handle = try FileHandle(forReadingFrom: file)
                defer { try? handle.close() }
                while let data = try handle.read(upToCount: 65_536), !data.isEmpty {
                    try await writer.write(ByteBuffer(bytes: data))
                }
                try await writer.finish(nil)
            })
        }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in
                                  continuation.yield(channel.localAddress?.port ?? 0)
                                  continuation.finish()
                              })
        let task = Task { try await app.runService() }
        var port = 0
        for await bound in ports {
            port = bound
            break
        }
        return ("http://127.0.0.1:\(port)", task)
    }
}
