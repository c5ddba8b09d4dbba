package org.godshell.toaster.supervise;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A daemon's log under {@code toaster start}: appended to {@code log/NAME.log}, and when a write would take it
 * past {@link #MAX_BYTES}, renamed to {@code NAME.log.1} (the older ones shift to {@code .2} ... {@value #KEEP},
 * the oldest is deleted) and started afresh, so a long-running container never fills its disk with logs: at
 * most {@code (KEEP + 1) x MAX_BYTES} per daemon. Nothing is lost at a rotation: the file is renamed, never
 * copied and truncated, and a write is never split between two files.
 *
 * <p>Under systemd the journal keeps the logs and rotates them; this class is not involved there.
 */
public final class RotatingLog extends OutputStream {

    /** 10 MiB per file. */
    public static final long MAX_BYTES = 10L << 20;
    /** Rotated files kept beside the current one. */
    public static final int KEEP = 5;

    private final Path file;
    private final long maxBytes;
    private final int keep;
    private FileChannel channel;

    public RotatingLog(Path file) throws IOException {
        this(file, MAX_BYTES, KEEP);
    }

    RotatingLog(Path file, long maxBytes, int keep) throws IOException {
        if (maxBytes < 1 || keep < 1) {
            throw new IllegalArgumentException("a log needs a size above 0 and at least one rotated file");
        }
        this.file = file;
        this.maxBytes = maxBytes;
        this.keep = keep;
        this.channel = open();
    }

    private FileChannel open() throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND,
                LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        if (channel.size() > 0 && channel.size() + length > maxBytes) {
            rotate();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** NAME.log.(keep-1) to NAME.log.keep and so on down, NAME.log to NAME.log.1, then a new NAME.log. */
    private void rotate() throws IOException {
        channel.close();
        Files.deleteIfExists(rotated(keep));
        for (int n = keep - 1; n >= 1; n--) {
            if (Files.exists(rotated(n), LinkOption.NOFOLLOW_LINKS)) {
                Files.move(rotated(n), rotated(n + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
        channel = open();
    }

    private Path rotated(int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }

    /**
     * In a daemon that {@code toaster start} started ({@link Supervisor#LOG_ENV} names its log): stdout and stderr
     * go to the rotating log. If it cannot be opened, they stay the file descriptors the supervisor gave, which
     * append to the same file without rotation, and the reason is the log's first line.
     */
    public static void takeOverStandardStreams() {
        String path = System.getenv(Supervisor.LOG_ENV);
        if (path == null || path.isBlank()) {
            return;
        }
        try {
            PrintStream log = new PrintStream(new RotatingLog(Path.of(path)), true, StandardCharsets.UTF_8);
            System.setOut(log);
            System.setErr(log);
        } catch (IOException | RuntimeException e) {
            System.err.println("toaster: the log " + path + " cannot be rotated (" + e.getMessage()
                    + "); it grows until the daemon restarts");
        }
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
