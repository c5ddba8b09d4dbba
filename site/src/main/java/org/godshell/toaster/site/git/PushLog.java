package org.godshell.toaster.site.git;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * {@code PREFIX/wiki/push.log}: one line per push, appended and fsynced, readable by the admin's group and not
 * by everyone (it names accounts and client addresses). Fields are {@code key=value}, separated by spaces;
 * values are ours or checked (account names were verified), and any byte outside printable ASCII is written as
 * {@code \xNN}, so a line cannot be forged by what a client sends.
 */
public final class PushLog {

    private final Path file;

    public PushLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public synchronized void append(String account, String client, String what) throws IOException {
        String line = Instant.now().truncatedTo(ChronoUnit.MILLIS) + " account=" + printable(account) + " client="
                + printable(client) + " " + printable(what) + "\n";
        if (!Files.exists(file)) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                        "rw-r-----")));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another process made it first: append to theirs
            }
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
            channel.force(false);
        }
    }

    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            out.append(c >= 0x20 && c < 0x7f && c != '\\' ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return out.toString();
    }
}
