package org.godshell.toaster.backup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Hand-made archives, well-formed or hostile, for the reader's tests. */
final class Forge {

    /** One tar member: a name, its bytes, its tar type flag. */
    record Member(String name, byte[] content, byte type) {
        static Member file(String name, String content) {
            return new Member(name, content.getBytes(StandardCharsets.UTF_8), TarConstants.LF_NORMAL);
        }
    }

    private final List<Member> members = new ArrayList<>();
    private final StringBuilder manifest = new StringBuilder();

    /** Starts with a well-formed info member of a full backup. */
    static Forge full() {
        Forge forge = new Forge();
        forge.members.add(new Member(MemberName.INFO, new ArchiveInfo(true, Instant.EPOCH, "mx.example",
                java.util.Optional.empty(), 0).encode(), TarConstants.LF_NORMAL));
        return forge;
    }

    Forge member(Member member) {
        members.add(member);
        return this;
    }

    /** A file member and its manifest line (with its directory, when it is one of the areas). */
    Forge file(String path, String content) {
        members.add(Member.file(path, content));
        return line("F\t600\t1.000000000\t1.000000000\t" + content.getBytes(StandardCharsets.UTF_8).length + "\t"
                + sha256(content) + "\t.\t" + path);
    }

    Forge line(String line) {
        manifest.append(line).append('\n');
        return this;
    }

    byte[] build() throws IOException {
        return gzip(tar(true));
    }

    /** The tar bytes, with the manifest last when {@code withManifest}. */
    byte[] tar(boolean withManifest) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            List<Member> all = new ArrayList<>(members);
            if (withManifest) {
                all.add(new Member(MemberName.MANIFEST, manifest.toString().getBytes(StandardCharsets.UTF_8),
                        TarConstants.LF_NORMAL));
            }
            for (Member member : all) {
                TarArchiveEntry entry = new TarArchiveEntry(member.name(), member.type(), true);
                if (member.type() == TarConstants.LF_SYMLINK || member.type() == TarConstants.LF_LINK) {
                    entry.setLinkName("/etc/passwd");
                } else if (member.type() == TarConstants.LF_NORMAL) {
                    entry.setSize(member.content().length);
                }
                tar.putArchiveEntry(entry);
                if (member.type() == TarConstants.LF_NORMAL) {
                    tar.write(member.content());
                }
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(bytes)) {
            gzip.write(raw);
        }
        return bytes.toByteArray();
    }

    static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
