package org.godshell.toaster.site.mailclients;

/**
 * Text written into the documents' XML: the five markup characters escaped (XML 1.0 §2.4), and any character
 * XML 1.0 cannot carry (§2.2: controls other than tab, line feed and carriage return) refused, since what comes
 * here was checked before and such a character means a bug.
 */
final class Xml {

    static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    private Xml() {
    }

    static String text(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xfffe || c == 0xffff) {
                        throw new IllegalArgumentException("a character XML cannot carry: U+"
                                + Integer.toHexString(c));
                    }
                    out.append(c);
                }
            }
        }
        return out.toString();
    }

    /** {@code <name>text</name>}, indented. */
    static String element(String indent, String name, String value) {
        return indent + "<" + name + ">" + text(value) + "</" + name + ">\n";
    }
}
