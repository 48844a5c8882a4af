import CafeHTTP
import CafeModel
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// The café's admin port: `GET /stats` (JSON), `GET /metrics` (Prometheus text), `POST /control`.
///
/// `/control` changes the café, so it obeys loopback peers, and other peers only when the café was given
/// a token and they present it (`Authorization: Bearer TOKEN`); anyone else gets 403.
///
/// It runs on an event loop thread of its own, never behind the café's workers or serving loops, so a
/// stalled café can still be watched stalling.
public final class AdminServer: Sendable {
    /// The port the admin endpoint listens on (the real one when 0 was asked for).
    public let port: Int
    private let group: MultiThreadedEventLoopGroup
    private let channel: Channel
    private let reserve: DescriptorReserve

    /// How long an admin connection may sit without sending anything before it is closed: a poller sends every
    /// ~50 ms, so only a forgotten client waits this long, and it must not hold a descriptor for ever.
    public static let idleTimeout: TimeAmount = .seconds(30)

    /// Binds the admin endpoint; throws when the port is taken.
    /// `reserve` is the café door's (`DoorJam.reserve`): the door stays shut while a spare is missing.
    public init(
        host: String, port: Int, token: String? = nil, idleTimeout: TimeAmount = AdminServer.idleTimeout,
        reserve: DescriptorReserve = DescriptorReserve(), source: any TelemetrySource
    ) throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        do {
            channel = try ServerBootstrap(group: group)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .serverChannelInitializer { channel in
                    // Out of descriptors: spend a spare on this accept at once; with none left, back off
                    // rather than spin (the café's door backs off too, so the spare comes here).
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(
                            AcceptPauseHandler { error in
                                guard error.errnoCode == EMFILE || error.errnoCode == ENFILE else { return nil }
                                // A spare given back: accept again at once (the socket is still readable).
                                return reserve.release() ? nil : .milliseconds(100)
                            })
                    }
                }
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(IdleStateHandler(readTimeout: idleTimeout))
                        // Without NIO's error handler: its 400 has an empty body; `AdminHandler` says why.
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: false)
                        try channel.pipeline.syncOperations.addHandler(AdminHandler(source: source, token: token))
                    }.flatMap {
                        // The connection's descriptor returns to the pocket when it closes.
                        channel.closeFuture.whenComplete { _ in reserve.refill() }
                        return channel.eventLoop.makeSucceededVoidFuture()
                    }
                }
                .bind(host: host, port: port).wait()
        } catch {
            try? group.syncShutdownGracefully()
            reserve.drain()
            throw error
        }
        self.group = group
        self.reserve = reserve
        self.port = channel.localAddress?.port ?? port
    }

    public func shutdown() {
        try? channel.close().wait()
        try? group.syncShutdownGracefully()
        reserve.drain()
    }
}

/// One admin connection: collects a request (body bounded to 64 KiB) and answers it.
final class AdminHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private static let maxBody = 64 * 1024
    private let source: any TelemetrySource
    private let token: String?
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    /// The body outgrew `maxBody`: the request is answered 413 and changes nothing.
    private var bodyTooLarge = false

    init(source: any TelemetrySource, token: String?) {
        self.source = source
        self.token = token
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        // Nothing read for `idleTimeout`: a forgotten connection gives its descriptor back.
        if event is IdleStateHandler.IdleStateEvent {
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    /// A request NIO could not parse: answered 400 with why (an absurd Content-Length, a malformed head), then
    /// closed; any other error just closes.
    func errorCaught(context: ChannelHandlerContext, error: Error) {
        guard let parserError = error as? HTTPParserError else {
            context.close(promise: nil)
            return
        }
        let request = HTTPRequestHead(version: .http1_1, method: .GET, uri: "/", headers: ["Connection": "close"])
        respond(
            context: context, head: request, status: .badRequest, contentType: "text/plain",
            body: "admin: \(Self.reason(parserError))\n")
    }

    /// Why a request could not be read, in words.
    static func reason(_ error: HTTPParserError) -> String {
        switch error {
        case .invalidContentLength, .unexpectedContentLength:
            return "the Content-Length is not a size this endpoint reads (a body of at most \(maxBody) bytes)"
        case .headerOverflow: return "the request's headers are too large"
        default: return "a malformed HTTP request (\(error))"
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            head = requestHead
            body = []
            bodyTooLarge = false
        case .body(var buffer):
            if body.count + buffer.readableBytes <= Self.maxBody {
                body += buffer.readBytes(length: buffer.readableBytes) ?? []
            } else {
                bodyTooLarge = true
                body = []
            }
        case .end:
            guard let requestHead = head else { return }
            head = nil
            let (status, contentType, text) =
                bodyTooLarge
                ? (.payloadTooLarge, "text/plain", "admin: body larger than \(Self.maxBody) bytes; nothing changed\n")
                : answer(requestHead, body: String(decoding: body, as: UTF8.self), peer: context.channel.remoteAddress)
            respond(context: context, head: requestHead, status: status, contentType: contentType, body: text)
        }
    }

    private func answer(
        _ head: HTTPRequestHead, body: String, peer: SocketAddress?
    ) -> (HTTPResponseStatus, String, String) {
        let parts = head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = parts.first.map(String.init) ?? "/"
        switch (head.method, path) {
        case (.GET, "/stats"):
            let data = (try? source.stats().jsonData()) ?? Data("{}".utf8)
            return (.ok, "application/json", String(decoding: data, as: UTF8.self) + "\n")
        case (.GET, "/metrics"):
            return (.ok, "text/plain; version=0.0.4", PrometheusText.render(source.stats()))
        case (.POST, "/control"):
            guard Self.mayControl(peer: peer, authorization: head.headers.first(name: "Authorization"), token: token)
            else {
                return (
                    .forbidden, "text/plain",
                    "control: only from this machine (loopback), or with the café's --admin-token as "
                        + "'Authorization: Bearer TOKEN'\n"
                )
            }
            let query = parts.count == 2 ? String(parts[1]) : ""
            do {
                let request = try ControlRequest(form: query + "&" + body, for: source.cafe)
                return (.ok, "text/plain", source.control(request) + "\n")
            } catch {
                return (.badRequest, "text/plain", "control: \(error.description)\n")
            }
        case (_, "/stats"), (_, "/metrics"), (_, "/control"):
            return (.methodNotAllowed, "text/plain", "use GET /stats, GET /metrics or POST /control\n")
        default:
            return (.notFound, "text/plain", "admin endpoint: GET /stats, GET /metrics, POST /control\n")
        }
    }

    private func respond(
        context: ChannelHandlerContext, head: HTTPRequestHead, status: HTTPResponseStatus, contentType: String,
        body: String
    ) {
        var buffer = context.channel.allocator.buffer(capacity: body.utf8.count)
        buffer.writeString(body)
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: contentType)
        headers.add(name: "Content-Length", value: String(buffer.readableBytes))
        let keepAlive = head.isKeepAlive
        headers.add(name: "Connection", value: keepAlive ? "keep-alive" : "close")
        let responseHead = HTTPResponseHead(version: head.version, status: status, headers: headers)
        context.write(wrapOutboundOut(.head(responseHead)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        let done = context.writeAndFlushPromise(wrapOutboundOut(.end(nil)))
        if !keepAlive {
            let channel = context.channel
            done.whenComplete { _ in channel.close(promise: nil) }
        }
    }
}

extension AdminHandler {
    /// Loopback peers may always change the café; others only with the café's token, presented exactly after the
    /// `Bearer` scheme (whose name, like every HTTP auth scheme's, is case-insensitive: RFC 9110 §11.1).
    static func mayControl(peer: SocketAddress?, authorization: String?, token: String?) -> Bool {
        if let peer, isLoopback(peer) { return true }
        guard let token, !token.isEmpty, let authorization else { return false }
        let parts = authorization.split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return false }
        return parts[1].trimmingCharacters(in: .whitespaces) == token
    }

    /// 127.0.0.0/8, ::1, or an IPv4 loopback address mapped into IPv6.
    static func isLoopback(_ address: SocketAddress) -> Bool {
        switch address {
        case .v4(let v4):
            return UInt32(bigEndian: v4.address.sin_addr.s_addr) >> 24 == 127
        case .v6(let v6):
            let bytes = withUnsafeBytes(of: v6.address.sin6_addr) { Array($0) }
            if bytes == Array(repeating: 0, count: 15) + [1] { return true }
            return bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF && bytes[12] == 127
        default:
            return false
        }
    }
}

extension ChannelHandlerContext {
    fileprivate func writeAndFlushPromise(_ data: NIOAny) -> EventLoopFuture<Void> {
        let promise = eventLoop.makePromise(of: Void.self)
        writeAndFlush(data, promise: promise)
        return promise.futureResult
    }
}
