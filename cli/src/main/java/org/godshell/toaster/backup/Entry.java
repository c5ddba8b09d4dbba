package org.godshell.toaster.backup;

import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * One line of a manifest: a file, a directory or a symbolic link of the backed-up state, by its path in the
 * archive ({@link MemberName}). A file's content is a member of the archive {@code holder} names: this one for
 * a full backup, this one or an earlier one of the chain for an increment.
 */
public sealed interface Entry permits Entry.File, Entry.Directory, Entry.Link {

    /** The path, relative, {@code /} between names, as {@link MemberName#check} accepts it. */
    String path();

    /** Modification time, {@code seconds.nanoseconds} since the epoch. */
    String mtime();

    /**
     * A regular file.
     *
     * @param mode   POSIX permission bits, octal ({@code 600})
     * @param ctime  status change time when it was read, for change detection only (a restore cannot set it)
     * @param size   bytes
     * @param sha256 lower-case hex
     * @param holder file name of the archive holding the content, {@value #HERE} for the archive of the manifest
     */
    record File(String path, int mode, String mtime, String ctime, long size, String sha256, String holder)
            implements Entry {}

    /** A directory (created empty by a restore, then filled). */
    record Directory(String path, int mode, String mtime) implements Entry {}

    /** A symbolic link, {@code target} relative and inside the link's own area ({@link MemberName#checkLink}). */
    record Link(String path, String mtime, String target) implements Entry {}

    /** The holder of content in the manifest's own archive, whatever that archive's file is called. */
    String HERE = ".";

    /** {@code seconds.nanoseconds}: what {@link #mtime()} holds. */
    Pattern TIME = Pattern.compile("-?[0-9]{1,12}\\.[0-9]{9}");
    /** A SHA-256 as the manifest writes it. */
    Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** The manifest line, without its newline: fields separated by TAB, texts {@link Escape}d. */
    static String encode(Entry entry) {
        return switch (entry) {
            case File f -> String.join("\t", "F", Integer.toOctalString(f.mode()), f.mtime(), f.ctime(),
                    Long.toString(f.size()), f.sha256(), Escape.encode(f.holder()), Escape.encode(f.path()));
            case Directory d -> String.join("\t", "D", Integer.toOctalString(d.mode()), d.mtime(),
                    Escape.encode(d.path()));
            case Link l -> String.join("\t", "L", l.mtime(), Escape.encode(l.target()), Escape.encode(l.path()));
        };
    }

    /** One manifest line back, checked field by field; {@code IllegalArgumentException} says what is wrong. */
    static Entry parse(String line) {
        String[] f = line.split("\t", -1);
        Entry entry = switch (f[0]) {
            case "F" -> {
                fields(f, 8);
                long size = number(f[4], "size");
                if (!SHA256.matcher(f[5]).matches()) {
                    throw new IllegalArgumentException("bad SHA-256: " + Escape.encode(f[5]));
                }
                String holder = Escape.decode(f[6]);
                if (!holder.equals(HERE) && !ArchiveName.isArchive(holder)) {
                    throw new IllegalArgumentException("bad archive name: " + Escape.encode(holder));
                }
                yield new File(Escape.decode(f[7]), mode(f[1]), time(f[2]), time(f[3]), size, f[5], holder);
            }
            case "D" -> {
                fields(f, 4);
                yield new Directory(Escape.decode(f[3]), mode(f[1]), time(f[2]));
            }
            case "L" -> {
                fields(f, 4);
                yield new Link(Escape.decode(f[3]), time(f[1]), Escape.decode(f[2]));
            }
            default -> throw new IllegalArgumentException("unknown entry type: " + Escape.encode(f[0]));
        };
        MemberName.check(entry.path());
        if (entry instanceof Link link) {
            MemberName.checkLink(link.path(), link.target());
        }
        return entry;
    }

    private static void fields(String[] fields, int count) {
        if (fields.length != count) {
            throw new IllegalArgumentException(fields.length + " fields, " + count + " expected");
        }
    }

    private static int mode(String text) {
        if (!text.matches("[0-7]{1,4}")) {
            throw new IllegalArgumentException("bad mode: " + Escape.encode(text));
        }
        return Integer.parseInt(text, 8);
    }

    private static String time(String text) {
        if (!TIME.matcher(text).matches()) {
            throw new IllegalArgumentException("bad time: " + Escape.encode(text));
        }
        return text;
    }

    private static long number(String text, String what) {
        if (!text.matches("[0-9]{1,18}")) {
            throw new IllegalArgumentException("bad " + what + ": " + Escape.encode(text));
        }
        return Long.parseLong(text);
    }

    /** Hex of a digest, as the manifest writes it. */
    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
