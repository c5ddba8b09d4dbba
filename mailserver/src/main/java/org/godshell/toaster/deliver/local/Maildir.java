package org.godshell.toaster.deliver.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.godshell.toaster.io.AtomicFile;

/**
 * Writes one message into a Maildir the way the Maildir specification (cr.yp.to/proto/maildir.html) and
 * Maildir++ require, so that Dovecot, our POP3 server or any Maildir reader never sees half a message:
 * create {@code tmp/<unique>}, write, fsync, hard-link to {@code new/<unique>,S=<size>}, unlink the temp
 * name, fsync {@code new/}. Only after that does the caller record the recipient as delivered. The fsync of
 * {@code new/} is shared by the deliveries into the same directory waiting for it at once ({@link DirectorySyncs}):
 * each still returns only after an fsync that began after its own link.
 *
 * <p>A crash can leave a file in {@code tmp/} (readers never look there); {@link TmpSweep} removes such files
 * once they are 36 hours old.
 *
 * <p>Lines are stored with LF endings (the Maildir convention; the queue holds CRLF), after the
 * {@code Return-Path:} and {@code Delivered-To:} lines the caller gives.
 */
public final class Maildir {

    private static final AtomicLong DELIVERIES = new AtomicLong();
    private static final String DIR_MODE = "rwx------";
    private static final Set<StandardOpenOption> CREATE = Set.of(StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);

    private final String host = uniqueHost();
    private final TmpSweep sweep;
    private final DirectorySyncs newSyncs;

    /** A writer that sweeps old leftovers from {@code tmp/} by the system clock. */
    public Maildir() {
        this(Clock.systemUTC());
    }

    /** A writer whose {@code tmp/} sweeps ({@link TmpSweep}) go by {@code clock}. */
    public Maildir(Clock clock) {
        this(clock, AtomicFile::syncDirectory);
    }

    /** A writer whose fsyncs of {@code new/} go through {@code fsync}: for tests that watch or fail them. */
    Maildir(Clock clock, DirectorySyncs.Fsync fsync) {
        this.sweep = new TmpSweep(clock);
        this.newSyncs = new DirectorySyncs(fsync);
    }

    /**
     * Delivers into {@code maildir} (created with {@code tmp/ new/ cur/} when missing), or into its Maildir++
     * folder {@code .<folder>} when {@code folder} is not empty (which must exist already); returns the name
     * under {@code new/}.
     */
    public String deliver(Path maildir, String folder, String prepend, InputStream message) throws IOException {
        Path dir = folder.isEmpty() ? maildir : maildir.resolve("." + folder);
        ensureLayout(dir, folder.isEmpty());
        sweep.sweepIfDue(dir.resolve("tmp"));
        String unique = uniqueName();
        Path temp = dir.resolve("tmp").resolve(unique);
        long size;
        try (FileChannel channel = FileChannel.open(temp, CREATE, AtomicFile.permissions(dir, "rw-------"))) {
            OutputStream out = Channels.newOutputStream(channel);
            byte[] head = prepend.getBytes(StandardCharsets.UTF_8);
            out.write(head);
            size = head.length + copyWithLf(message, out);
            channel.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        String name = unique + ",S=" + size;
        try {
            Files.createLink(dir.resolve("new").resolve(name), temp);
        } finally {
            Files.deleteIfExists(temp);
        }
        newSyncs.sync(dir.resolve("new"));
        return name;
    }

    /** Copies {@code in} to {@code out} turning CRLF into LF; returns the bytes written. */
    static long copyWithLf(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        byte[] converted = new byte[buffer.length + 1];
        boolean pendingCr = false;
        long written = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            int length = 0;
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                if (pendingCr && b != '\n') {
                    converted[length++] = '\r';
                }
                pendingCr = b == '\r';
                if (!pendingCr) {
                    converted[length++] = b;
                }
            }
            out.write(converted, 0, length);
            written += length;
        }
        if (pendingCr) {
            out.write('\r');
            written++;
        }
        return written;
    }

    private static void ensureLayout(Path dir, boolean create) throws IOException {
        if (Files.isDirectory(dir.resolve("new")) && Files.isDirectory(dir.resolve("tmp"))) {
            return;
        }
        if (!create) {
            throw new IOException("Maildir folder " + dir + " is incomplete (tmp/ or new/ missing)");
        }
        createParents(dir.getParent());
        for (String sub : new String[] {"", "tmp", "new", "cur"}) {
            Path path = sub.isEmpty() ? dir : dir.resolve(sub);
            if (!Files.isDirectory(path)) {
                try {
                    AtomicFile.createDirectory(path, DIR_MODE);
                } catch (FileAlreadyExistsException e) {
                    if (!Files.isDirectory(path)) {
                        throw e;
                    }
                }
            }
        }
    }

    /**
     * The missing directories above a Maildir, owner-only: a user of a shared user database whose mail arrives
     * before anyone made its home on this host (the host that added it may be another), {@code DOMAIN/USER/}.
     */
    private static void createParents(Path dir) throws IOException {
        if (dir == null || Files.isDirectory(dir)) {
            return;
        }
        createParents(dir.getParent());
        try {
            AtomicFile.createDirectory(dir, DIR_MODE);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
    }

    /**
     * Makes {@code maildir} with {@code tmp/ new/ cur/} when it is missing, and the directories above it
     * owner-only: for a user of a shared user database who logs in before any mail made it on this host.
     */
    public static void ensure(Path maildir) throws IOException {
        ensureLayout(maildir, true);
    }

    /**
     * Makes the Maildir++ folder {@code .<folder>} of {@code maildir} when it is missing (and the Maildir with
     * it), with the empty {@code maildirfolder} file Maildir++ puts in every folder: for the folders the toaster
     * itself files into (Junk), which no user has to create first.
     */
    public void ensureFolder(Path maildir, String folder) throws IOException {
        ensureLayout(maildir, true);
        Path dir = maildir.resolve("." + folder);
        ensureLayout(dir, true);
        Path marker = dir.resolve("maildirfolder");
        if (!Files.exists(marker)) {
            AtomicFile.write(marker, "", "rw-------");
        }
    }

    /**
     * {@code <seconds>.M<microseconds>P<pid>Q<counter>.<host>}, Dovecot's form of the specification's unique
     * name: the counter makes it unique within this process, the pid between processes on one host.
     */
    private String uniqueName() {
        Instant now = Instant.now();
        return now.getEpochSecond() + ".M" + now.getNano() / 1000 + "P" + ProcessHandle.current().pid() + "Q" + DELIVERIES.incrementAndGet()
                + "." + host;
    }

    /** The host name with {@code /} and {@code :} escaped as the specification says (they are separators). */
    private static String uniqueHost() {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            name = "localhost";
        }
        StringBuilder out = new StringBuilder();
        name.chars().forEach(c -> {
            switch (c) {
                case '/' -> out.append("\\057");
                case ':' -> out.append("\\072");
                case ',' -> out.append("\\054");
                default -> out.append(c > 0x20 && c < 0x7f ? String.valueOf((char) c) : "_");
            }
        });
        return out.toString();
    }
}
