import FolioMacros
import FolioWiki

/// Shows editors where macros failed: the stored HTML marks each failed call with
/// `<span class="macro-error" id="macro-error-N">`; for editors that span gets a visible style
/// and the error message as its tooltip.
enum MacroErrorDisplay {
    static func mark(_ html: String, errors: [MacroError]) -> String {
        var html = html
        for (index, error) in errors.enumerated() {
            let marker = "<span class=\"macro-error\" id=\"macro-error-\(index)\">"
            let shown = "<span class=\"macro-error macro-error-shown\" id=\"macro-error-\(index)\" title=\""
                + HTMLEscape.escape(error.message) + "\">"
            html = html.replacingOccurrences(of: marker, with: shown)
        }
        return html
    }
}
