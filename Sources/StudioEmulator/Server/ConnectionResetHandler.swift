import Hummingbird
import HummingbirdCore
import NIOCore
import NIOHTTPTypes
import NIOPosix

/// Turns a response marked by the `reset` fault into a TCP reset: the connection is closed with
/// `SO_LINGER` 0 before anything of the answer is written, so the client sees "connection reset by
/// peer" as it would from a load balancer dropping it.
final class ConnectionResetHandler: ChannelOutboundHandler, RemovableChannelHandler, @unchecked Sendable {
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// The header that marks a response to be replaced by a reset; it never leaves the emulator.
    static let marker = HTTPFieldName("X-Emulator-Reset")!

    private var resetting = false

    /// The response the fault gate returns for a `reset` fault.
    static func resetResponse() -> Response {
        var headers = HTTPFields()
        headers[marker] = "1"
        return Response(status: .ok, headers: headers)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if !resetting, case .head(let head) = unwrapOutboundIn(data), head.headerFields[Self.marker] != nil {
            resetting = true
            if let socket = context.channel as? SocketOptionProvider {
                _ = socket.setSoLinger(linger(l_onoff: 1, l_linger: 0))
            }
            context.close(promise: nil)
        }
        if resetting {
            promise?.fail(ChannelError.ioOnClosedChannel)
            return
        }
        context.write(data, promise: promise)
    }
}
