package org.godshell.toaster.smtp;

/**
 * Walks one Path = "<" [ A-d-l ":" ] Mailbox ">" (RFC 5321 §4.1.2) through a command argument. Every refusal is
 * the same reply (bad sender or bad recipient syntax), with the detail for the log.
 */
final class PathCursor {

    private final String s;
    private final Reply bad;
    int pos;

    PathCursor(String s, int pos, Reply bad) {
        this.s = s;
        this.pos = pos;
        this.bad = bad;
    }

    /** Reads the path at the cursor and leaves the cursor after its '>'. */
    Mailbox path(boolean postmasterAllowed) throws PathException {
        int start = pos;
        expect('<');
        boolean routed = peek() == '@';
        if (routed) {
            skipSourceRoute();
        }
        String local = localPart();
        Mailbox mailbox;
        if (peek() == '>' && postmasterAllowed && !routed && local.equalsIgnoreCase("postmaster")) {
            mailbox = new Mailbox("postmaster", "");
        } else {
            expect('@');
            mailbox = new Mailbox(local, domain());
        }
        expect('>');
        if (AddressSyntax.octets(s.substring(start, pos)) > PathParser.MAX_PATH) {
            throw fail("path longer than " + PathParser.MAX_PATH + " octets");
        }
        PathParser.afterPath(s, pos, bad);
        return mailbox;
    }

    /** A-d-l = At-domain *( "," At-domain ), then ":"; RFC 5321 Appendix C: accepted, then ignored. */
    private void skipSourceRoute() throws PathException {
        do {
            expect('@');
            int from = pos;
            while (pos < s.length() && AddressSyntax.isDomainChar(s.codePointAt(pos))) {
                pos += Character.charCount(s.codePointAt(pos));
            }
            if (!AddressSyntax.isDomain(s.substring(from, pos))) {
                throw fail("bad domain in source route");
            }
        } while (accept(','));
        expect(':');
    }

    /** Local-part = Dot-string / Quoted-string; returns it unquoted. */
    private String localPart() throws PathException {
        int from = pos;
        String local;
        if (accept('"')) {
            StringBuilder sb = new StringBuilder();
            while (!accept('"')) {
                int c = next("unbalanced quote");
                if (c == '\\') {
                    // quoted-pairSMTP = %d92 %d32-126
                    c = next("unbalanced quote");
                    if (c < 32 || c > 126) {
                        throw fail("bad quoted-pair");
                    }
                } else if (!AddressSyntax.isQtext(c)) {
                    throw fail("bad character in quoted local part");
                }
                sb.appendCodePoint(c);
            }
            local = sb.toString();
        } else {
            while (pos < s.length() && (s.charAt(pos) == '.' || AddressSyntax.isAtext(s.codePointAt(pos)))) {
                pos += Character.charCount(s.codePointAt(pos));
            }
            local = s.substring(from, pos);
            if (!AddressSyntax.isDotString(local)) {
                throw fail(local.isEmpty() ? "empty local part" : "bad dot-string");
            }
        }
        if (local.isEmpty()) {
            throw fail("empty local part");
        }
        if (AddressSyntax.octets(s.substring(from, pos)) > AddressSyntax.MAX_LOCAL) {
            throw fail("local part longer than " + AddressSyntax.MAX_LOCAL + " octets");
        }
        return local;
    }

    /** Domain or address-literal, as given. */
    private String domain() throws PathException {
        int from = pos;
        if (peek() == '[') {
            int close = s.indexOf(']', pos);
            if (close < 0) {
                throw fail("unbalanced '['");
            }
            pos = close + 1;
            String literal = s.substring(from, pos);
            if (!AddressSyntax.isAddressLiteral(literal)) {
                throw fail("bad address literal");
            }
            return literal;
        }
        while (pos < s.length() && AddressSyntax.isDomainChar(s.codePointAt(pos))) {
            pos += Character.charCount(s.codePointAt(pos));
        }
        String domain = s.substring(from, pos);
        if (!AddressSyntax.isDomain(domain)) {
            throw fail(domain.isEmpty() ? "empty domain" : "bad domain");
        }
        return domain;
    }

    private int peek() {
        return pos < s.length() ? s.codePointAt(pos) : -1;
    }

    private int next(String atEnd) throws PathException {
        if (pos >= s.length()) {
            throw fail(atEnd);
        }
        int c = s.codePointAt(pos);
        pos += Character.charCount(c);
        return c;
    }

    private boolean accept(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) throws PathException {
        if (!accept(c)) {
            throw fail("expected '" + c + "' at " + pos);
        }
    }

    private PathException fail(String detail) {
        return new PathException(bad, detail);
    }
}
