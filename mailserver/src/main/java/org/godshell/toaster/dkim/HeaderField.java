package org.godshell.toaster.dkim;

/**
 * One header field as received: {@code raw} is every octet from the start of its name to the end of its last
 * continuation line, without that line's CRLF (folds inside stay as they are), as ISO-8859-1 text.
 *
 * @param name the field name as written, without the whitespace RFC 5322 §4.5.3 lets stand before the colon
 * @param raw  the whole field, which {@link Canonicalization} reads
 */
public record HeaderField(String name, String raw) {

    /** The field name in lower case, as header names compare (RFC 5322 §1.2.2, RFC 6376 §3.5 {@code h=}). */
    public String key() {
        return Text.lower(name);
    }

    /** Everything after the first colon: the value with its leading whitespace and folds. */
    public String value() {
        return raw.substring(raw.indexOf(':') + 1);
    }
}
