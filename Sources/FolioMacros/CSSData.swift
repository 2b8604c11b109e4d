/// MDN's CSS definitions (the `mdn-data` package's `css/*.json` and `l10n/css.json`), which an
/// operator imports with `folio import css-data`. `cssinfo` and `csssyntax` read them.
public final class CSSData: Sendable {
    public init() {}
}
