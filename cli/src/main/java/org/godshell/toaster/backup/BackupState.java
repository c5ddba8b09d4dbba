package org.godshell.toaster.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.godshell.toaster.io.AtomicFile;
import org.godshell.toaster.io.Handover;

/**
 * What the next increment builds on, in {@code PREFIX/var/backup/} (0700, never in an archive): the last
 * archive's manifest ({@code last.manifest}) and {@code last} naming that archive, its directory, the manifest's
 * SHA-256 and how many increments follow the last full backup. Plain text on the host, unencrypted even when the
 * archives are encrypted, so increments need no secret key. Anything unreadable, inconsistent or naming an
 * archive no longer there (the last one, or one holding content it references) reads as no state: the next
 * backup is a full one.
 *
 * @param archive    the last archive's file name
 * @param directory  where it is
 * @param manifest   its manifest
 * @param manifestSha256 of the manifest's bytes
 * @param increments since the last full backup (0 after a full one)
 */
record BackupState(String archive, Path directory, Manifest manifest, String manifestSha256, int increments) {

    static Path dir(Path prefix) {
        return prefix.resolve(MemberName.STATE);
    }

    /** The state, when it is whole and its archive still exists. */
    static Optional<BackupState> read(Path prefix, Limits limits) {
        Path dir = dir(prefix);
        try {
            Path last = dir.resolve("last");
            if (!Files.isRegularFile(last, LinkOption.NOFOLLOW_LINKS) || Files.size(last) > 8192) {
                return Optional.empty();
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (String line : Files.readAllLines(last, StandardCharsets.UTF_8)) {
                int space = line.indexOf(' ');
                if (space > 0) {
                    values.putIfAbsent(line.substring(0, space), line.substring(space + 1));
                }
            }
            String archive = values.getOrDefault("archive", "");
            Path directory = Path.of(values.getOrDefault("directory", ""));
            String sha = values.getOrDefault("manifest-sha256", "");
            String increments = values.getOrDefault("increments", "");
            if (!ArchiveName.isArchive(archive) || !directory.isAbsolute() || !increments.matches("[0-9]{1,6}")
                    || !Files.isRegularFile(directory.resolve(archive))) {
                return Optional.empty();
            }
            byte[] bytes = Files.readAllBytes(dir.resolve("last.manifest"));
            if (!Manifest.sha256(bytes).equals(sha)) {
                return Optional.empty();
            }
            Manifest manifest = Manifest.parse(bytes, limits);
            boolean chainThere = manifest.entries().stream().filter(Entry.File.class::isInstance)
                    .map(entry -> ((Entry.File) entry).holder()).distinct()
                    .allMatch(holder -> holder.equals(Entry.HERE) || Files.isRegularFile(directory.resolve(holder)));
            return chainThere ? Optional.of(new BackupState(archive, directory, manifest, sha,
                    Integer.parseInt(increments))) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Records a finished backup: the manifest first, then {@code last} pointing at it. */
    static void write(Path prefix, String archive, Path directory, byte[] manifest, int increments,
            Handover handover) throws IOException {
        Path dir = ensureDir(prefix, handover);
        AtomicFile.write(dir.resolve("last.manifest"), manifest, "rw-------", true, handover);
        AtomicFile.write(dir.resolve("last"), "archive " + archive + "\ndirectory " + directory.toAbsolutePath()
                + "\nmanifest-sha256 " + Manifest.sha256(manifest) + "\nincrements " + increments + "\n",
                "rw-------", handover);
    }

    /** {@code var/backup/}, made 0700 and handed over (it lies in var/, the service's) when missing. */
    static Path ensureDir(Path prefix, Handover handover) throws IOException {
        Path dir = dir(prefix);
        if (!Files.isDirectory(dir)) {
            if (!Files.isDirectory(dir.getParent())) {
                AtomicFile.createDirectory(dir.getParent(), "rwx------", handover);
            }
            AtomicFile.createDirectory(dir, "rwx------", handover);
        }
        return dir;
    }
}
