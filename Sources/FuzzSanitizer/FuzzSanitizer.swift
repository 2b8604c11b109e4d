// libFuzzer target for the sanitizer and post-processor: output must be stable under a second
// sanitize pass and never contain script, event-handler or script-URL vectors (FuzzEntry.check). Build with `scripts/fuzz`;
// a normal build makes a replayer: `FuzzSanitizer crash-file…`.
import FolioHTML

func fuzzSanitizer(_ bytes: UnsafeRawBufferPointer) {
    FuzzEntry.tokenizeAndSanitize(bytes)
    let text = String(decoding: bytes, as: UTF8.self)
    let clean = Sanitizer.sanitize(text)
    precondition(Sanitizer.sanitize(clean) == clean, "sanitize is not idempotent")
    // Text may say "javascript:" (escaped text is harmless); URLs in attributes are checked by
    // FuzzEntry.check above. A tag can only appear unescaped if the serializer let it through.
    precondition(!clean.lowercased().contains("<script"), "script survived")
    _ = PostProcessor.process(clean, options: PostProcessOptions(existingPaths: []))
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSanitizerEntry(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    fuzzSanitizer(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
#else
import FuzzSupport

@main struct ReplaySanitizer {
    static func main() throws { try replay(CommandLine.arguments.dropFirst(), fuzzSanitizer) }
}
#endif

