import Foundation
import Logging
import Synchronization

/// One JSON object per line on stderr (`FOLIO_LOG_FORMAT=json`): time, level, label, message
/// and the metadata as fields, for log collectors in production.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    let label: String
    /// Where lines go: stderr, one write per line under a lock so lines never interleave.
    let write: @Sendable (Data) -> Void
    private static let lock = Mutex<Void>(())
    static let standardError: @Sendable (Data) -> Void = { data in lock.withLock { _ in FileHandle.standardError.write(data) } }

    public init(label: String) { self.init(label: label, write: Self.standardError) }

    init(label: String, write: @escaping @Sendable (Data) -> Void) {
        self.label = label
        self.write = write
    }

    /// ISO 8601 in UTC with milliseconds and the zone (`2026-12-06T12:38:32.995Z`).
    static let timeFormat = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?,
                    source: String, file: String, function: String, line: UInt) {
        var fields: [String: String] = [:]
        for (key, value) in self.metadata.merging(metadataProvider?.get() ?? [:], uniquingKeysWith: { $1 })
            .merging(explicit ?? [:], uniquingKeysWith: { $1 }) {
            fields[key] = "\(value)"
        }
        fields["time"] = Date().formatted(Self.timeFormat)
        fields["level"] = level.rawValue
        fields["logger"] = label
        fields["message"] = message.description
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard var data = try? encoder.encode(fields) else { return }
        data.append(0x0A)
        write(data)
    }
}
