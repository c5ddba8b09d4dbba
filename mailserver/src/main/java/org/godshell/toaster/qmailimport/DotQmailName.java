package org.godshell.toaster.qmailimport;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What address a vpopmail domain's {@code .qmail-EXT} file answers for. qmail-local looks the file up after
 * turning each {@code .} of the address extension into {@code :} and lowercasing it, so {@code .qmail-jane:doe}
 * handles {@code jane.doe@} and {@code .qmail-foo-bar} handles {@code foo-bar@}. Sources: dot-qmail(5),
 * "EXTENSION ADDRESSES"; the qmail FAQ, cr.yp.to/qmail/faq/incominguser.html#alias-dots: "for security reasons"
 * qmail-local "interprets a colon (:) in the alias filename as if it were a dot", and capital letters in a file
 * name match only capitals. {@code .qmail-default} answers for every address without a file of its own, and
 * {@code .qmail-foo-default} for every {@code foo-anything}.
 */
public sealed interface DotQmailName {

    /** The toaster's alias names: the same characters its aliases file accepts. */
    Pattern LOCAL_PART = Pattern.compile("[a-z0-9_+-][a-z0-9._+-]{0,63}");

    /** {@code .qmail-EXT}: the one local part it answers for. */
    record LocalPart(String localPart) implements DotQmailName {
    }

    /** {@code .qmail-default}: the domain's catch-all. */
    record CatchAll() implements DotQmailName {
    }

    /** A file the import leaves alone, with why. */
    record NotImported(String reason) implements DotQmailName {
    }

    /** The meaning of a file name in a vpopmail domain directory. */
    static DotQmailName of(String fileName) {
        String prefix = ".qmail-";
        if (!fileName.startsWith(prefix) || fileName.length() == prefix.length()) {
            return new NotImported("not a .qmail-EXT file name");
        }
        String ext = fileName.substring(prefix.length());
        if (ext.equals("default")) {
            return new CatchAll();
        }
        if (ext.endsWith("-default")) {
            return new NotImported("answers for every " + printable(ext.substring(0, ext.length() - 7))
                    + "ANYTHING address; the toaster has no prefix wildcards (add aliases one by one)");
        }
        if (ext.contains(".")) {
            return new NotImported("qmail never reads a .qmail file with a dot in its extension (a dot in the"
                    + " address is a colon in the file name), so this file delivered nothing");
        }
        if (!ext.equals(ext.toLowerCase(Locale.ROOT))) {
            return new NotImported("capital letters in a .qmail file name match only capitals, and vpopmail"
                    + " lowercases addresses, so this file delivered nothing");
        }
        String localPart = ext.replace(':', '.');
        if (!LOCAL_PART.matcher(localPart).matches() || localPart.contains("..") || localPart.endsWith(".")) {
            return new NotImported("the address " + printable(localPart) + " is not one the toaster's aliases"
                    + " accept (a-z 0-9 . _ + -, at most 64)");
        }
        return new LocalPart(localPart);
    }

    /** Text safe to put in a report: printable ASCII only, at most 80 characters. */
    static String printable(String text) {
        String cut = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return cut.replaceAll("[^\\x21-\\x7e]", "?");
    }
}
