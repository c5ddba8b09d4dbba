package org.godshell.toaster.smtpc;

import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.godshell.toaster.smtp.Reply;

/**
 * What a server offered in its EHLO reply (RFC 5321 §4.1.1.1): one keyword per line after the first, with
 * parameters. A reply to HELO offers nothing. Keywords are case-insensitive; unknown ones are ignored.
 *
 * @param startTls    STARTTLS (RFC 3207)
 * @param pipelining  PIPELINING (RFC 2920)
 * @param size        the SIZE limit in octets (RFC 1870 §4), 0 for "no fixed limit"; empty when not offered
 * @param authMechanisms AUTH mechanisms (RFC 4954 §3), upper case
 * @param eightBitMime 8BITMIME (RFC 6152)
 * @param smtputf8    SMTPUTF8 (RFC 6531)
 */
public record Extensions(boolean startTls, boolean pipelining, OptionalLong size, Set<String> authMechanisms,
        boolean eightBitMime, boolean smtputf8) {

    public Extensions {
        authMechanisms = Set.copyOf(authMechanisms);
    }

    public static final Extensions NONE = new Extensions(false, false, OptionalLong.empty(), Set.of(), false,
            false);

    /** The keywords of an EHLO reply; a malformed SIZE parameter counts as "SIZE without a limit". */
    public static Extensions of(Reply ehlo) {
        boolean startTls = false;
        boolean pipelining = false;
        boolean eightBitMime = false;
        boolean smtputf8 = false;
        OptionalLong size = OptionalLong.empty();
        Set<String> auth = new TreeSet<>();
        List<String> lines = ehlo.lines();
        for (String line : lines.subList(1, lines.size())) {
            String[] words = line.strip().toUpperCase(Locale.ROOT).split(" +");
            switch (words[0]) {
                case "STARTTLS" -> startTls = true;
                case "PIPELINING" -> pipelining = true;
                case "8BITMIME" -> eightBitMime = true;
                case "SMTPUTF8" -> smtputf8 = true;
                case "SIZE" -> size = OptionalLong.of(words.length > 1 && words[1].matches("[0-9]{1,15}")
                        ? Long.parseLong(words[1]) : 0);
                case "AUTH" -> auth.addAll(List.of(words).subList(1, words.length));
                default -> { }
            }
        }
        return new Extensions(startTls, pipelining, size, auth, eightBitMime, smtputf8);
    }
}
