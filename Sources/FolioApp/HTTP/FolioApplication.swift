import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Builds the Hummingbird application around Folio's responder.
public enum FolioApplication {
    public static func make(services: FolioServices, port: Int? = nil) -> some ApplicationProtocol {
        let config = services.config
        return Application(
            responder: FolioResponder(services: services),
            configuration: .init(address: .hostname(config.host, port: port ?? config.port), serverName: "Folio"),
            services: [services.renderQueue],
            logger: services.logger)
    }
}
