package org.godshell.toaster.backup.pgp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;

/**
 * The key rings in one key file, armored or binary, as {@code gpg --export} or {@code --export-secret-keys} writes
 * them (several keys, and several armored blocks one after the other, are fine).
 */
record KeyFile(Path path, List<PGPPublicKeyRing> publicRings, List<PGPSecretKeyRing> secretRings) {

    /** A key with its signatures is a few KiB; even one with many third-party signatures stays well below this. */
    static final int MAX_BYTES = 1 << 20;

    KeyFile {
        publicRings = List.copyOf(publicRings);
        secretRings = List.copyOf(secretRings);
    }

    static KeyFile read(Path path) throws IOException {
        byte[] bytes = readCapped(path);
        List<PGPPublicKeyRing> publicRings = new ArrayList<>();
        List<PGPSecretKeyRing> secretRings = new ArrayList<>();
        ByteArrayInputStream remaining = new ByteArrayInputStream(bytes);
        try {
            while (skipWhitespace(remaining)) {
                InputStream decoded = PGPUtil.getDecoderStream(remaining);
                BcPGPObjectFactory factory = new BcPGPObjectFactory(decoded);
                for (Object object = factory.nextObject(); object != null; object = factory.nextObject()) {
                    switch (object) {
                        case PGPPublicKeyRing ring -> publicRings.add(ring);
                        case PGPSecretKeyRing ring -> secretRings.add(ring);
                        default -> throw notAKey(path, "it holds " + PacketNames.of(object) + ", not a key");
                    }
                }
                if (decoded == remaining) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof KeyFileException known) {
                throw known;
            }
            throw notAKey(path, "it cannot be read as OpenPGP (" + e.getMessage() + ")");
        }
        if (publicRings.isEmpty() && secretRings.isEmpty()) {
            throw notAKey(path, "it holds no key");
        }
        return new KeyFile(path, publicRings, secretRings);
    }

    private static byte[] readCapped(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new KeyFileException(path + ": larger than 1 MiB, too large for a key file; export the key"
                        + " alone, e.g. gpg --export --export-options export-minimal KEYID > " + path.getFileName());
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw new KeyFileException(path + ": no such key file", e);
        } catch (KeyFileException e) {
            throw e;
        } catch (IOException e) {
            throw new KeyFileException(path + ": cannot read the key file: " + e.getMessage(), e);
        }
    }

    /** Skips the blank lines between armored blocks; false at the end of the file. */
    private static boolean skipWhitespace(ByteArrayInputStream in) {
        while (true) {
            in.mark(1);
            int next = in.read();
            if (next < 0) {
                return false;
            }
            if (!Character.isWhitespace(next)) {
                in.reset();
                return true;
            }
        }
    }

    private static KeyFileException notAKey(Path path, String why) {
        return new KeyFileException(path + ": not an OpenPGP key file: " + why
                + " (export one with gpg --export KEYID, or gpg --export-secret-keys KEYID)");
    }
}
