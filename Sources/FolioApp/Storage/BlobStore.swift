import Crypto
import Foundation
import NIOPosix

/// Where attachment bytes live, named by their SHA-256: a user's file name never reaches the
/// storage, and equal uploads share one copy. `FileStore` keeps them in the data folder; an
/// object store would be another implementation.
protocol BlobStore: Sendable {
    /// Stores `bytes`; returns their SHA-256. Readers never see part of a blob.
    func store(_ bytes: [UInt8]) async throws -> String
    /// The bytes of `sha256`, or nil when there are none.
    func read(_ sha256: String) async throws -> Data?
    /// Removes what uploads cut off by a crash left behind; returns how many.
    func removeStaleUploads(olderThan seconds: Int) async throws -> Int
    /// Whether the bytes of `sha256` are stored.
    func contains(_ sha256: String) async throws -> Bool
    /// Removes the bytes of `sha256`; false when there were none.
    func remove(_ sha256: String) async throws -> Bool
    /// Digests of the bytes stored longer ago than `seconds` (for the sweep of bytes no row has).
    func digests(storedBefore seconds: Int) async throws -> [String]
}

/// Blobs in `FOLIO_DATA_DIR/attachments/<2 hex>/<sha256>`. A blob is written to a temporary
/// name, flushed to disk and renamed into place, so a crash mid-upload leaves at most a
/// temporary file (removed by the hourly clean-up), never a half-written blob. All file work
/// runs on NIO's blocking-I/O threads, never on the threads serving requests.
struct FileStore: BlobStore {
    let folder: String

    init(dataDirectory: String) { folder = dataDirectory + "/attachments" }

    static func digest(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    static let temporaryPrefix = ".upload-"

    func path(of sha256: String) -> String { folder + "/" + sha256.prefix(2) + "/" + sha256 }

    func store(_ bytes: [UInt8]) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { try storeNow(bytes) }
    }

    private func storeNow(_ bytes: [UInt8]) throws -> String {
        let sha = Self.digest(bytes)
        let target = path(of: sha)
        let manager = FileManager.default
        if manager.fileExists(atPath: target) { return sha }
        let directory = folder + "/" + sha.prefix(2)
        try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let temporary = folder + "/" + Self.temporaryPrefix + UUID().uuidString
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown) }
        var written = 0
        let ok = bytes.withUnsafeBytes { raw -> Bool in
            while written < raw.count {
                let count = write(fd, raw.baseAddress! + written, raw.count - written)
                if count < 0 { if errno == EINTR { continue }; return false }
                written += count
            }
            return fsync(fd) == 0
        }
        close(fd)
        guard ok, rename(temporary, target) == 0 else {
            unlink(temporary)
            throw CocoaError(.fileWriteUnknown)
        }
        // The rename itself is on disk once the folder is.
        let folderFD = open(directory, O_RDONLY | O_CLOEXEC)
        if folderFD >= 0 { fsync(folderFD); close(folderFD) }
        return sha
    }

    func read(_ sha256: String) async throws -> Data? {
        guard Self.isDigest(sha256) else { return nil }
        let path = path(of: sha256)
        return try await NIOThreadPool.singleton.runIfActive { FileManager.default.contents(atPath: path) }
    }

    func contains(_ sha256: String) async throws -> Bool {
        guard Self.isDigest(sha256) else { return false }
        let path = path(of: sha256)
        return try await NIOThreadPool.singleton.runIfActive { FileManager.default.fileExists(atPath: path) }
    }

    func remove(_ sha256: String) async throws -> Bool {
        guard Self.isDigest(sha256) else { return false }
        let path = path(of: sha256), directory = folder + "/" + sha256.prefix(2)
        return try await NIOThreadPool.singleton.runIfActive {
            guard unlink(path) == 0 else {
                if errno == ENOENT { return false }
                throw CocoaError(.fileWriteUnknown)
            }
            // The removal is on disk once the folder is.
            let folderFD = open(directory, O_RDONLY | O_CLOEXEC)
            if folderFD >= 0 { fsync(folderFD); close(folderFD) }
            return true
        }
    }

    func digests(storedBefore seconds: Int) async throws -> [String] {
        let folder = folder
        return try await NIOThreadPool.singleton.runIfActive {
            let manager = FileManager.default
            let cutoff = Int(Date().timeIntervalSince1970) - seconds
            var found: [String] = []
            for group in (try? manager.contentsOfDirectory(atPath: folder)) ?? [] where group.utf8.count == 2 {
                for name in (try? manager.contentsOfDirectory(atPath: folder + "/" + group)) ?? []
                where Self.isDigest(name) && name.hasPrefix(group) {
                    var info = stat()
                    guard lstat(folder + "/" + group + "/" + name, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
                          Int(info.st_mtim.tv_sec) < cutoff else { continue }
                    found.append(name)
                }
            }
            return found.sorted()
        }
    }

    /// A SHA-256 as stored: 64 lowercase hex digits (never a path).
    static func isDigest(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    func removeStaleUploads(olderThan seconds: Int) async throws -> Int {
        let folder = folder
        return try await NIOThreadPool.singleton.runIfActive {
            let manager = FileManager.default
            let names = (try? manager.contentsOfDirectory(atPath: folder)) ?? []
            let cutoff = Date().addingTimeInterval(-Double(seconds))
            var removed = 0
            for name in names where name.hasPrefix(Self.temporaryPrefix) {
                let path = folder + "/" + name
                guard let modified = (try? manager.attributesOfItem(atPath: path))?[.modificationDate] as? Date,
                      modified < cutoff, (try? manager.removeItem(atPath: path)) != nil else { continue }
                removed += 1
            }
            return removed
        }
    }
}
