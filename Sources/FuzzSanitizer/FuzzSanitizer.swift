// libFuzzer target for the sanitizer and post-processor: output must be stable under a second
// sanitize pass and never contain script or event-handler vectors. Build with `scripts/fuzz`;
// a normal build makes a replayer: `FuzzSanitizer crash-file…`.
import FolioHTML

func fuzzSanitizer(_ bytes: UnsafeRawBufferPointer) {
    FuzzEntry.tokenizeAndSanitize(bytes)
    let text = String(decoding: bytes, as: UTF8.self)
    let clean = Sanitizer.sanitize(text)
    precondition(Sanitizer.sanitize(clean) == clean, "sanitize is not idempotent")
    let lowered = clean.lowercased()
    precondition(!lowered.contains("<script"), "script survived")
    precondition(!lowered.contains("javascript:"), "javascript: URL survived")
    _ = PostProcessor.process(clean, options: PostProcessOptions(existingPaths: []))
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSanitizerEntry(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    fuzzSanitizer(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
#else
@main struct ReplaySanitizer {
    static func main() throws { try replay(CommandLine.arguments.dropFirst(), fuzzSanitizer) }
}
#endif

#if !FUZZING
import Foundation

/// Runs the target on each file named on the command line (to reproduce a crash).
func replay(_ paths: ArraySlice<String>, _ body: (UnsafeRawBufferPointer) -> Void) throws {
    for path in paths {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        data.withUnsafeBytes { body($0) }
        print("ok: \(path)")
    }
}
#endif
