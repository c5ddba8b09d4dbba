/**
 * Writing JSON text by hand where a library would be a dependency for a few strings: the TLS reports
 * (RFC 8460) and the daemons' JSON log lines.
 *
 * <p>What this package must never do: write a string a JSON parser would read differently from the Java
 * string it was given (short of a lone surrogate, which no JSON text can carry and becomes U+FFFD), or write
 * anything but ASCII.
 */
package org.godshell.toaster.json;
