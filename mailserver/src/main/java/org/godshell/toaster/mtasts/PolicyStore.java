package org.godshell.toaster.mtasts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.godshell.toaster.io.AtomicFile;

/**
 * The policy cache on disk (RFC 8461 §5.1): one file per domain in {@code var/mta-sts/}, named after the domain,
 * written atomically ({@link AtomicFile}) so a reader sees the old policy or the new one. A file:
 * <pre>
 * id 20160831085700Z
 * fetched 1700000000
 *
 * version: STSv1
 * mode: enforce
 * ...
 * </pre>
 * The policy lines are parsed again when read, so a damaged file is no policy, never a wrong one. Thread-safe:
 * each call reads or replaces whole files.
 */
public final class PolicyStore {

    private final Path directory;

    public PolicyStore(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /** The cached policy of {@code domain}, expired or not; empty when none or unreadable. */
    public Optional<Cached> load(String domain) {
        Optional<Path> file = file(domain);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            byte[] bytes = Files.readAllBytes(file.get());
            if (bytes.length > PolicyParser.MAX_BYTES + 200) {
                return Optional.empty();
            }
            lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            // Missing or unreadable: no cached policy; the next fetch writes a new one.
            return Optional.empty();
        }
        if (lines.size() < 3 || !lines.get(0).startsWith("id ") || !lines.get(1).matches("fetched [0-9]{1,12}")
                || !lines.get(2).isEmpty()) {
            return Optional.empty();
        }
        String id = lines.get(0).substring(3);
        Instant fetched = Instant.ofEpochSecond(Long.parseLong(lines.get(1).substring(8)));
        return switch (PolicyParser.parse(String.join("\n", lines.subList(3, lines.size())))) {
            case PolicyParser.Parsed.Valid v when StsRecord.parse("v=STSv1; id=" + id).isPresent() ->
                    Optional.of(new Cached(v.policy(), id, fetched));
            default -> Optional.empty();
        };
    }

    /** Keeps {@code cached} as the policy of {@code domain}, replacing the one before. */
    public void save(String domain, Cached cached) throws IOException {
        Optional<Path> file = file(domain);
        if (file.isEmpty()) {
            throw new IOException("not a domain to keep a policy for: " + domain);
        }
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        }
        String text = "id " + cached.id() + "\nfetched " + cached.fetched().getEpochSecond() + "\n\n"
                + String.join("\n", cached.policy().lines()) + "\n";
        AtomicFile.write(file.get(), text, "rw-------");
    }

    /** Only a valid host name becomes a file name: nothing from DNS can name another path. */
    private Optional<Path> file(String domain) {
        String name = domain.toLowerCase(Locale.ROOT);
        name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        return HostNames.valid(name) ? Optional.of(directory.resolve(name)) : Optional.empty();
    }
}
