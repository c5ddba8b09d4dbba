package org.godshell.toaster.installer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Builds tar.gz payloads in memory for tests, including ones no honest build would make. */
public final class TestArchive {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar;
    private boolean closed;

    public TestArchive() {
        try {
            tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes));
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A minimal valid distribution: VERSION and an executable bin/toaster. */
    public static TestArchive distribution(String version) {
        return new TestArchive()
                .directory("bin/", 0755)
                .file("bin/toaster", "#!/bin/sh\necho toaster " + version + "\n", 0755)
                .file("VERSION", version + "\n", 0644);
    }

    public TestArchive file(String name, String content, int mode) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setMode(mode);
        entry.setSize(data.length);
        return put(entry, data);
    }

    public TestArchive directory(String name, int mode) {
        TarArchiveEntry entry = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
        entry.setMode(mode);
        return put(entry, new byte[0]);
    }

    public TestArchive symlink(String name, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
        entry.setLinkName(target);
        return put(entry, new byte[0]);
    }

    public TestArchive special(String name, byte type) {
        TarArchiveEntry entry = new TarArchiveEntry(name, type, true);
        if (type == TarConstants.LF_LINK) {
            entry.setLinkName("VERSION");
        }
        return put(entry, new byte[0]);
    }

    private TestArchive put(TarArchiveEntry entry, byte[] data) {
        entry.setModTime(0);                                            // the same bytes on every run
        try {
            tar.putArchiveEntry(entry);
            tar.write(data);
            tar.closeArchiveEntry();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] bytes() {
        try {
            if (!closed) {
                tar.close();
                closed = true;
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The archive cut short, as an interrupted download leaves it. */
    public byte[] truncated(int keep) {
        return Arrays.copyOf(bytes(), keep);
    }

    /** The archive with one byte of the compressed stream flipped. */
    public byte[] flipped(int offsetFromEnd) {
        byte[] data = bytes();
        data[data.length - offsetFromEnd] ^= 0x5a;
        return data;
    }
}
