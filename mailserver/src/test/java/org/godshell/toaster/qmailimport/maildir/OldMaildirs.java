package org.godshell.toaster.qmailimport.maildir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/** Old Maildirs as vpopmail and Courier-IMAP left them, built in a test's directory. */
final class OldMaildirs {

    static final Instant ARRIVED = Instant.parse("2019-03-04T05:06:07Z");

    private OldMaildirs() {
    }

    /** A Maildir (or folder) with {@code cur/ new/ tmp/}. */
    static Path maildir(Path dir) throws IOException {
        for (String sub : new String[] {"cur", "new", "tmp"}) {
            Files.createDirectories(dir.resolve(sub));
        }
        return dir;
    }

    /** A Maildir++ folder {@code .Name} of {@code maildir}, with its marker. */
    static Path folder(Path maildir, String dirName) throws IOException {
        Path folder = maildir(maildir.resolve(dirName));
        Files.createFile(folder.resolve("maildirfolder"));
        return folder;
    }

    /** A message file at {@code sub/name}, its modification time the arrival time qmail gave it. */
    static Path message(Path folder, String sub, String name) throws IOException {
        Path file = folder.resolve(sub).resolve(name);
        Files.writeString(file, "From: <old@example.com>\nSubject: " + name + "\n\nbody of " + name + "\n",
                StandardCharsets.US_ASCII);
        Files.setLastModifiedTime(file, FileTime.from(ARRIVED));
        return file;
    }

    static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** The user's home on the toaster's side, where {@code Maildir} is to go. */
    static Path home(Path temp) throws IOException {
        return Files.createDirectories(temp.resolve("toaster/domains/example.com/ann"));
    }
}
