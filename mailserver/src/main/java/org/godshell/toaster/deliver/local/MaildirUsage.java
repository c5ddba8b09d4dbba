package org.godshell.toaster.deliver.local;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * How many bytes a Maildir holds, for the quota check: the messages in {@code new/} and {@code cur/} of the
 * Maildir and of each Maildir++ folder ({@code .name/}). A message's size is taken from the {@code ,S=} of its
 * name when present (Dovecot and this toaster write it), else from the file, so the count costs one directory
 * listing per folder and no reads. Symbolic links are neither followed nor counted.
 */
final class MaildirUsage {

    private MaildirUsage() {
    }

    static long of(Path maildir) throws IOException {
        long total = folder(maildir);
        if (!Files.isDirectory(maildir, LinkOption.NOFOLLOW_LINKS)) {
            return total;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(maildir, ".*")) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.equals(".") && !name.equals("..") && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    total += folder(entry);
                }
            }
        }
        return total;
    }

    private static long folder(Path dir) throws IOException {
        long total = 0;
        for (String sub : new String[] {"new", "cur"}) {
            Path messages = dir.resolve(sub);
            if (!Files.isDirectory(messages, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(messages)) {
                for (Path entry : entries) {
                    total += size(entry);
                }
            }
        }
        return total;
    }

    /** The {@code ,S=<size>} of a Maildir name (before any {@code :2,} flags), or the file's size. */
    static long size(Path message) throws IOException {
        String name = message.getFileName().toString();
        int s = name.indexOf(",S=");
        if (s >= 0) {
            int end = s + 3;
            while (end < name.length() && Character.isDigit(name.charAt(end)) && end - s < 21) {
                end++;
            }
            if (end > s + 3 && end - s < 21) {
                return Long.parseLong(name.substring(s + 3, end));
            }
        }
        BasicFileAttributes attributes = Files.readAttributes(message, BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        return attributes.isRegularFile() ? attributes.size() : 0;
    }
}
