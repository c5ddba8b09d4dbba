package org.godshell.toaster.installer.prefix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.godshell.toaster.io.AtomicFile;

/**
 * {@code PREFIX/.toaster-manifest}: the SHA-256 of every configuration file as the last install delivered it,
 * one {@code hash path} line each. It tells a file the admin edited (its hash differs) from one still as
 * shipped, which an upgrade may simply replace, as dpkg does with its conffiles.
 */
final class Manifest {

    static final String FILE = ".toaster-manifest";

    private final Map<String, String> hashes = new TreeMap<>();

    /** The manifest of {@code prefix}; empty when there is none (a first install, or one from before it). */
    static Manifest read(Path prefix) throws IOException {
        Manifest manifest = new Manifest();
        Path file = prefix.resolve(FILE);
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int space = line.indexOf(' ');
                if (space == 64) {
                    manifest.hashes.put(line.substring(space + 1), line.substring(0, space));
                }
            }
        }
        return manifest;
    }

    Optional<String> hash(String path) {
        return Optional.ofNullable(hashes.get(path));
    }

    void record(String path, String hash) {
        hashes.put(path, hash);
    }

    void forget(String path) {
        hashes.remove(path);
    }

    /** Written beside the prefix's files and renamed into place, so a reader never sees half of it. */
    void write(Path prefix) throws IOException {
        StringBuilder text = new StringBuilder();
        hashes.forEach((path, hash) -> text.append(hash).append(' ').append(path).append('\n'));
        AtomicFile.write(prefix.resolve(FILE), text.toString(), "rw-r--r--");
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException("this Java has no SHA-256", e));
        }
    }
}
