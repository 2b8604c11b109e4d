/// Text helpers other engines need (the macro library decodes arguments written with entities).
public enum HTMLText {
    /// `a &lt; b &amp; c` → `a < b & c`, with the HTML5 rules for named and numeric references.
    public static func decodingCharacterReferences(_ text: String) -> String {
        text.contains("&") ? CharRef.decodeAll(text) : text
    }

}
