package org.godshell.toaster.dkim;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A tag-list of RFC 6376 §3.2, the grammar of both the DKIM-Signature header field and the DNS key record:
 * {@code tag=value} pairs separated by {@code ;}, folding whitespace around the names, the {@code =} and the
 * values. Parsed strictly: a duplicate tag, a character outside {@code VALCHAR}, a CR or LF that is not part
 * of a fold, or an empty tag-spec makes the whole list invalid (§3.2: "the entire tag-list is invalid"), so
 * that no two readers of the same text can disagree on what it says.
 *
 * @param text the text parsed (for {@link Tag#start()} and {@link Tag#end()})
 * @param tags in the order written
 */
public record TagList(String text, List<Tag> tags) {

    /** More tags than any signature or key record has (13 defined for signatures); unknown ones are ignored. */
    static final int MAX_TAGS = 32;

    /**
     * One tag. {@code value} is trimmed of surrounding whitespace; {@code start} and {@code end} bound the raw
     * value in {@link #text()} with that whitespace, from just after the {@code =} to the {@code ;} or the end:
     * what §3.7 deletes from the {@code b=} tag before hashing.
     */
    public record Tag(String name, String value, int start, int end) {
    }

    public TagList {
        tags = List.copyOf(tags);
    }

    /** Parses {@code text}, refusing more than {@code maxLength} characters. */
    public static TagList parse(String text, int maxLength) throws DkimError {
        if (text.length() > maxLength) {
            throw DkimError.perm("tag-list of " + text.length() + " characters, over the " + maxLength + " accepted");
        }
        List<Tag> tags = new ArrayList<>();
        int i = 0;
        while (true) {
            i = skipFws(text, i);
            if (i == text.length() && !tags.isEmpty()) {
                break; // a final ';' is allowed (§3.2 "[";"]")
            }
            int nameStart = i;
            if (i == text.length() || !letter(text.charAt(i))) {
                throw DkimError.perm("expected a tag name at offset " + i + ": \""
                        + Text.printable(text.substring(i), 20) + "\"");
            }
            while (i < text.length() && (letter(text.charAt(i)) || digit(text.charAt(i)) || text.charAt(i) == '_')) {
                i++;
            }
            String name = text.substring(nameStart, i);
            i = skipFws(text, i);
            if (i == text.length() || text.charAt(i) != '=') {
                throw DkimError.perm("tag \"" + Text.printable(name, 20) + "\" has no '='");
            }
            int start = ++i;
            int valueStart = -1;
            int valueEnd = start;
            while (i < text.length() && text.charAt(i) != ';') {
                char c = text.charAt(i);
                if (c > 0x20 && c < 0x7f) {
                    valueStart = valueStart < 0 ? i : valueStart;
                    valueEnd = ++i;
                } else if (Text.wsp(c)) {
                    i++;
                } else if (c == '\r' && fold(text, i)) {
                    i += 3;
                } else {
                    throw DkimError.perm("tag " + name + "= holds the octet " + Text.printable(String.valueOf(c), 4)
                            + " at offset " + i + ", which a tag value cannot (RFC 6376 §3.2 VALCHAR)");
                }
            }
            String value = valueStart < 0 ? "" : text.substring(valueStart, valueEnd);
            for (Tag earlier : tags) {
                if (earlier.name().equals(name)) {
                    throw DkimError.perm("tag " + name + "= appears twice (RFC 6376 §3.2)");
                }
            }
            if (tags.size() == MAX_TAGS) {
                throw DkimError.perm("more than " + MAX_TAGS + " tags");
            }
            tags.add(new Tag(name, value, start, i));
            if (i == text.length()) {
                break;
            }
            i++; // the ';'
        }
        return new TagList(text, tags);
    }

    /** The value of tag {@code name} (names are case-sensitive, §3.2). */
    public Optional<String> get(String name) {
        return find(name).map(Tag::value);
    }

    Optional<Tag> find(String name) {
        return tags.stream().filter(tag -> tag.name().equals(name)).findFirst();
    }

    String required(String name, String what) throws DkimError {
        return get(name).orElseThrow(() -> DkimError.perm(what + " has no " + name + "= tag"));
    }

    /** Skips {@code FWS}: whitespace, and CRLF only when whitespace follows it (a fold, RFC 5322 §3.2.2). */
    private static int skipFws(String text, int i) throws DkimError {
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Text.wsp(c)) {
                i++;
            } else if (c == '\r' && fold(text, i)) {
                i += 3;
            } else if (c == '\r' || c == '\n') {
                throw DkimError.perm("a CR or LF at offset " + i + " that does not fold the line");
            } else {
                break;
            }
        }
        return i;
    }

    private static boolean fold(String text, int i) {
        return i + 2 < text.length() && text.charAt(i + 1) == '\n' && Text.wsp(text.charAt(i + 2));
    }

    private static boolean letter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }
}
