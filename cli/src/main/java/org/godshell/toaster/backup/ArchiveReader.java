package org.godshell.toaster.backup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Reads one archive from its gzip'd tar, trusting nothing: the info member first, then file members only (no
 * link, directory, device; no name {@link MemberName#check} refuses; no name twice; no more than the limits),
 * the manifest last and nothing after it, the gzip read to its end so its CRC is checked. Each member's bytes
 * are hashed on the way to the {@link Sink}; {@link Contents#problems} then lists every member that does not
 * match the manifest and every manifest file missing from the archive. A broken or hostile structure throws
 * {@link CorruptArchiveException} at once, naming the member it was in.
 */
final class ArchiveReader {

    /** Where a member's bytes go: null to only check them. Names are checked before the sink sees them. */
    @FunctionalInterface
    interface Sink {
        Sink DISCARD = name -> null;

        OutputStream open(String name) throws IOException;
    }

    /** A member as read: its size and SHA-256. */
    record Member(long size, String sha256) {}

    /** One archive's info, manifest (and its SHA-256), members and the problems found. */
    record Contents(ArchiveInfo info, Manifest manifest, String manifestSha256, Map<String, Member> members,
            List<String> problems) {}

    private ArchiveReader() {
    }

    /** Only the info member: what a chain needs to find the archive's base. */
    static ArchiveInfo info(InputStream gzip) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(gzip))) {
            return info(tar);
        } catch (CorruptArchiveException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new CorruptArchiveException("unreadable (not a backup, or broken): " + e.getMessage(), e);
        }
    }

    private static ArchiveInfo info(TarArchiveInputStream tar) throws IOException {
        TarArchiveEntry first = tar.getNextEntry();
        if (first == null || !first.getName().equals(MemberName.INFO) || !regular(first)
                || first.getSize() > ArchiveInfo.MAX_BYTES) {
            throw new CorruptArchiveException("the first member is not " + MemberName.INFO + ": not a toaster backup");
        }
        try {
            return ArchiveInfo.parse(tar.readNBytes(ArchiveInfo.MAX_BYTES + 1));
        } catch (IllegalArgumentException e) {
            throw new CorruptArchiveException("bad member " + MemberName.INFO + ": " + e.getMessage(), e);
        }
    }

    static Contents read(InputStream gzip, Limits limits, Sink sink) throws IOException {
        String in = MemberName.INFO;
        GzipCompressorInputStream unzipped = null;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(unzipped = new GzipCompressorInputStream(gzip))) {
            ArchiveInfo info = info(tar);
            Map<String, Member> members = new LinkedHashMap<>();
            byte[] manifestBytes = null;
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                in = printable(entry.getName());
                if (manifestBytes != null) {
                    throw new CorruptArchiveException("member " + in + " after the manifest");
                }
                if (!regular(entry)) {
                    throw new CorruptArchiveException("member " + in + " is not a plain file (link, directory or "
                            + "device): refused");
                }
                if (entry.getName().equals(MemberName.MANIFEST)) {
                    if (entry.getSize() > limits.maxManifestBytes()) {
                        throw new CorruptArchiveException("member " + in + " is over the manifest size limit");
                    }
                    manifestBytes = tar.readNBytes((int) entry.getSize());
                    continue;
                }
                name(entry.getName());
                if (members.containsKey(entry.getName()) || members.size() >= limits.maxEntries()) {
                    throw new CorruptArchiveException("member " + in + (members.containsKey(entry.getName())
                            ? " is in the archive twice" : ": more members than the limit"));
                }
                members.put(entry.getName(), copy(tar, sink.open(entry.getName())));
            }
            in = "the end of the archive";
            if (manifestBytes == null) {
                throw new CorruptArchiveException("no manifest: the archive is truncated");
            }
            unzipped.transferTo(OutputStream.nullOutputStream());      // the gzip trailer: its CRC and length
            gzip.transferTo(OutputStream.nullOutputStream());          // an OpenPGP message checks itself at its end
            Manifest manifest;
            try {
                manifest = Manifest.parse(manifestBytes, limits);
            } catch (IllegalArgumentException e) {
                throw new CorruptArchiveException("bad member " + MemberName.MANIFEST + ": " + e.getMessage(), e);
            }
            return new Contents(info, manifest, Manifest.sha256(manifestBytes), members, compare(manifest, members));
        } catch (CorruptArchiveException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new CorruptArchiveException("broken or truncated in member " + in + ": " + e.getMessage(), e);
        }
    }

    /** Every member against the manifest, and every file the manifest says is here against the members. */
    private static List<String> compare(Manifest manifest, Map<String, Member> members) {
        List<String> problems = new ArrayList<>();
        members.forEach((name, member) -> {
            if (!(manifest.entry(name).orElse(null) instanceof Entry.File file) || !file.holder().equals(Entry.HERE)) {
                problems.add("bad member " + printable(name) + ": not in the manifest");
            } else if (file.size() != member.size()) {
                problems.add("bad member " + printable(name) + ": " + member.size() + " bytes, the manifest says "
                        + file.size());
            } else if (!file.sha256().equals(member.sha256())) {
                problems.add("bad member " + printable(name) + ": checksum mismatch");
            }
        });
        for (Entry.File file : manifest.filesIn(Entry.HERE)) {
            if (!members.containsKey(file.path())) {
                problems.add("missing member " + printable(file.path()) + ": listed in the manifest, not in the archive");
            }
        }
        return problems;
    }

    private static Member copy(InputStream in, OutputStream sink) throws IOException {
        MessageDigest digest = Manifest.digest();
        byte[] buffer = new byte[1 << 16];
        long size = 0;
        try (OutputStream out = sink == null ? OutputStream.nullOutputStream() : sink) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
                out.write(buffer, 0, read);
                size += read;
            }
        }
        return new Member(size, Entry.hex(digest.digest()));
    }

    private static void name(String name) throws CorruptArchiveException {
        try {
            MemberName.check(name);
        } catch (IllegalArgumentException e) {
            throw new CorruptArchiveException("member " + printable(name) + " refused: " + e.getMessage(), e);
        }
    }

    private static boolean regular(TarArchiveEntry entry) {
        return entry.isFile() && !entry.isDirectory() && !entry.isSymbolicLink() && !entry.isLink()
                && !entry.isCharacterDevice() && !entry.isBlockDevice() && !entry.isFIFO() && !entry.isSparse();
    }

    static String printable(String name) {
        return Escape.encode(name.length() > 300 ? name.substring(0, 300) + "…" : name);
    }
}
