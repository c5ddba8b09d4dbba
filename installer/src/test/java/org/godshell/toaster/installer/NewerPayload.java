package org.godshell.toaster.installer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * A "newer release" for upgrade tests: the installer jar's real payload with another VERSION and lines appended
 * to some files, everything else byte for byte the same.
 */
final class NewerPayload {

    private NewerPayload() {
    }

    static void write(Path installerJar, String version, Map<String, String> appended, Path target) throws IOException {
        try (ZipFile jar = new ZipFile(installerJar.toFile())) {
            ZipEntry payload = jar.getEntry("payload/toaster.tar.gz");
            try (InputStream raw = jar.getInputStream(payload);
                    TarArchiveInputStream in = new TarArchiveInputStream(new GzipCompressorInputStream(raw));
                    OutputStream file = Files.newOutputStream(target);
                    TarArchiveOutputStream out = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
                out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                // Read everything first: changing an entry's size while its stream is open misaligns the reader.
                List<TarArchiveEntry> entries = new ArrayList<>();
                List<byte[]> contents = new ArrayList<>();
                TarArchiveEntry entry;
                while ((entry = in.getNextEntry()) != null) {
                    entries.add(entry);
                    contents.add(entryBytes(in));
                }
                for (int i = 0; i < entries.size(); i++) {
                    entry = entries.get(i);
                    byte[] data = contents.get(i);
                    String name = entry.getName();
                    if (name.equals("VERSION")) {
                        data = (version + "\n").getBytes(StandardCharsets.UTF_8);
                    } else if (appended.containsKey(name)) {
                        ByteArrayOutputStream longer = new ByteArrayOutputStream();
                        longer.write(data);
                        longer.write(appended.get(name).getBytes(StandardCharsets.UTF_8));
                        data = longer.toByteArray();
                    }
                    if (entry.isFile()) {
                        entry.setSize(data.length);
                    }
                    out.putArchiveEntry(entry);
                    out.write(data);
                    out.closeArchiveEntry();
                }
            }
        }
    }

    /** The current entry's bytes. */
    private static byte[] entryBytes(TarArchiveInputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer, 0, buffer.length)) > 0; ) {
            bytes.write(buffer, 0, n);
        }
        return bytes.toByteArray();
    }
}
