import HTTPTypes
import Hummingbird
import Logging

/// Per-request state: the signed-in user's session, if any.
public struct FolioContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var session: AccountService.Session?
    public var sessionToken: String?

    public init(source: Source) {
        coreContext = .init(source: source)
    }

    public var user: User? { session?.user }
}
