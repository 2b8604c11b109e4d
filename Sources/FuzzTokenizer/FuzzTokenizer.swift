// libFuzzer target for the HTML tokenizer and tree builder: parse → serialize → re-parse must
// never crash, and serializing is a fixed point after one round. Build with `scripts/fuzz`;
// a normal build makes a replayer: `FuzzTokenizer crash-file…`.
import FolioHTML

func fuzzTokenizer(_ bytes: UnsafeRawBufferPointer) {
    let text = String(decoding: bytes, as: UTF8.self)
    let once = HTMLSerializer.serialize(HTMLParser.parseFragment(text))
    let twice = HTMLSerializer.serialize(HTMLParser.parseFragment(once))
    let thrice = HTMLSerializer.serialize(HTMLParser.parseFragment(twice))
    precondition(twice == thrice, "serialization is not stable for input of \(bytes.count) bytes")
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTokenizerEntry(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    fuzzTokenizer(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
#else
import FuzzSupport

@main struct ReplayTokenizer {
    static func main() throws { try replay(CommandLine.arguments.dropFirst(), fuzzTokenizer) }
}
#endif

