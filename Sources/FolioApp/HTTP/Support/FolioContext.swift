import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Per-request state: the signed-in user's session, if any, and who is connected (for
/// `/metrics`, which answers loopback callers only unless it has a port of its own).
public struct FolioContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var session: AccountService.Session?
    public var sessionToken: String?
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    public var user: User? { session?.user }

    /// The caller is on this machine (127.0.0.0/8 or ::1).
    var isLoopback: Bool { Self.isLoopback(remoteAddress) }

    static func isLoopback(_ address: SocketAddress?) -> Bool {
        switch address {
        case .v4(let v4)?: return (v4.address.sin_addr.s_addr & 0xFF) == 127
        case .v6?: return address?.ipAddress == "::1"
        default: return false
        }
    }
}
