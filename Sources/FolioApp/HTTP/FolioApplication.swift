import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Builds the Hummingbird application around Folio's responder.
public enum FolioApplication {
    public static func make(services: FolioServices, port: Int? = nil) -> some ApplicationProtocol {
        let config = services.config
        // Background jobs run in `all` and `worker`; maintenance mode pauses them (the
        // database may be a read-only replica then).
        var background: [any Service] = config.role.runsJobs && !config.readOnly ? [services.jobRunner()] : []
        if services.pageCache.isEnabled { background.append(services.invalidator) }
        if let untrustedPort = config.listenUntrustedPort, config.role.serves(.web), port == nil {
            background.append(Application(
                responder: UntrustedResponder(services: services),
                server: .http1(configuration: .init(additionalChannelHandlers: [CloseAfterResponse()])),
                configuration: .init(address: .hostname(config.host, port: untrustedPort), serverName: "Folio"),
                logger: services.logger))
        }
        if let metricsPort = config.metricsPort, port == nil {
            background.append(Application(
                responder: MetricsResponder(services: services),
                configuration: .init(address: .hostname(config.host, port: metricsPort), serverName: "Folio"),
                logger: services.logger))
        }
        // Cached page views are answered on the event loop; everything else by the responder.
        // (Hummingbird's idle timeout, if one is ever set, would not see those answers.)
        let direct = services.pageCache.isEnabled && config.role.serves(.web)
        return Application(
            responder: FolioResponder(services: services),
            server: .http1(configuration: .init(additionalChannelHandlers: direct
                ? [CloseAfterResponse(), CachedPageHandler.Installer(services: services)] : [CloseAfterResponse()])),
            configuration: .init(address: .hostname(config.host, port: port ?? config.port), serverName: "Folio"),
            services: background,
            logger: services.logger)
    }

    /// Runs the application until SIGTERM or SIGINT, then drains: readiness turns false at
    /// once, the listener stays open for `FOLIO_DRAIN_SECONDS`, then it closes and in-flight
    /// requests and the current job finish, within `FOLIO_SHUTDOWN_GRACE_SECONDS`.
    public static func run(_ app: some ApplicationProtocol, services: FolioServices) async throws {
        let config = services.config
        // Services shut down in reverse order: the drain first, then the server and its jobs.
        var group = ServiceGroupConfiguration(
            services: [.init(service: app),
                       .init(service: DrainService(state: services.state, drain: .seconds(config.drainSeconds),
                                                   logger: services.logger))],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: services.logger)
        group.maximumGracefulShutdownDuration = .seconds(config.drainSeconds + config.shutdownGraceSeconds)
        try await ServiceGroup(configuration: group).run()
    }
}
