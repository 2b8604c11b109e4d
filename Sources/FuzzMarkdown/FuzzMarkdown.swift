// libFuzzer target for the Markdown parser (CommonMark, GFM and MDN extensions) and the
// sanitizer after it. Build with `scripts/fuzz`; a normal build makes a replayer.
import FolioHTML
import FolioMarkdown

func fuzzMarkdown(_ bytes: UnsafeRawBufferPointer) {
    let text = String(decoding: bytes, as: UTF8.self)
    for options in [MarkdownOptions.commonMark, MarkdownOptions(gfm: true, mdn: true)] {
        let html = Markdown.html(text, options: options)
        _ = Sanitizer.sanitize(html)
    }
    _ = try? MarkdownDocument.split(text)
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkdownEntry(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    fuzzMarkdown(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
#else
import FuzzSupport

@main struct ReplayMarkdown {
    static func main() throws { try replay(CommandLine.arguments.dropFirst(), fuzzMarkdown) }
}
#endif

