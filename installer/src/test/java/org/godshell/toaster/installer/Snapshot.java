package org.godshell.toaster.installer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A tree as a map, relative name to "mode owner content-hash" (links as "-> target"), to compare before/after. */
public final class Snapshot {

    private Snapshot() {
    }

    public static Map<String, String> of(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.toList()) {
                String name = root.relativize(path).toString();
                if (Files.isSymbolicLink(path)) {
                    files.put(name, "-> " + Files.readSymbolicLink(path));
                    continue;
                }
                PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                String content = attributes.isDirectory() ? "dir" : hash(Files.readAllBytes(path));
                files.put(name, PosixFilePermissions.toString(attributes.permissions()) + " "
                        + attributes.owner().getName() + " " + content);
            }
        }
        return files;
    }

    private static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes))
                    .substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
