package org.godshell.toaster.site.build;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.godshell.toaster.site.output.Templates;

/**
 * The fingerprint of everything a build's output depends on besides the commit's content: the generator's code
 * (its jar, or its class files when run from a build tree), the built-in templates and assets, the wiki's template
 * overrides, the site settings, the limits and the repository. An index with another fingerprint is not used.
 */
final class Fingerprint {

    private Fingerprint() {
    }

    static String of(BuildOptions options, Map<String, String> overrides) throws IOException {
        MessageDigest digest = digest();
        update(digest, IndexCodec.MAGIC);
        update(digest, options.repository().toAbsolutePath().normalize().toString());
        update(digest, options.site().toString());
        update(digest, options.limits().toString());
        new TreeMap<>(overrides).forEach((name, text) -> {
            update(digest, name);
            update(digest, text);
        });
        for (String name : Templates.NAMES) {
            digest.update(resource("templates/" + name));
        }
        for (String asset : Templates.ASSETS) {
            digest.update(resource("assets/" + asset));
        }
        code(digest);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void code(MessageDigest digest) throws IOException {
        CodeSource source = Fingerprint.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            throw new IOException("cannot tell which generator runs (no code source)");
        }
        Path location;
        try {
            location = Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("cannot tell which generator runs: " + source.getLocation(), e);
        }
        if (Files.isRegularFile(location)) {
            digest.update(Files.readAllBytes(location));
            return;
        }
        try (Stream<Path> files = Files.walk(location)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                update(digest, location.relativize(file).toString());
                digest.update(Files.readAllBytes(file));
            }
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = Fingerprint.class.getResourceAsStream("/org/godshell/toaster/site/" + name)) {
            if (in == null) {
                throw new IOException(name + " missing from the classpath");
            }
            return in.readAllBytes();
        }
    }

    private static void update(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
