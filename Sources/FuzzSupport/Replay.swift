import Foundation

/// Runs a fuzz target on each file named on the command line, to reproduce a crash with a
/// normal (non-fuzzer) build: `swift run FuzzSanitizer CRASH-FILE…`.
public func replay(_ paths: ArraySlice<String>, _ body: (UnsafeRawBufferPointer) -> Void) throws {
    for path in paths {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        data.withUnsafeBytes { body($0) }
        print("ok: \(path)")
    }
}
