package org.godshell.toaster.site.build;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Map;
import java.util.stream.Stream;
import org.godshell.toaster.site.key.KeyWriter;
import org.godshell.toaster.site.output.Assets;
import org.godshell.toaster.site.output.Templates;

/**
 * The fingerprint of everything a build's output depends on besides the commit's content: the generator's code
 * (its jar, or its class files when run from a build tree), the built-in templates and assets, the wiki's template
 * overrides, the site settings, the limits and the repository. An index with another fingerprint is not used.
 * Settings and limits are written field by field ({@link KeyWriter}), so a setting added later is in it too.
 */
final class Fingerprint {

    private Fingerprint() {
    }

    static String of(BuildOptions options, Map<String, String> overrides) throws IOException {
        KeyWriter key = new KeyWriter().string(IndexCodec.MAGIC)
                .string(options.repository().toAbsolutePath().normalize().toString())
                .value(options.site()).value(options.limits()).value(overrides);
        for (String name : Templates.NAMES) {
            key.bytes(resource("templates/" + name));
        }
        for (String asset : Templates.ASSETS) {
            key.bytes(Assets.bytes(asset));
        }
        code(key);
        return key.sha256();
    }

    private static void code(KeyWriter key) throws IOException {
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
            key.bytes(Files.readAllBytes(location));
            return;
        }
        try (Stream<Path> files = Files.walk(location)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                key.string(location.relativize(file).toString()).bytes(Files.readAllBytes(file));
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
}
