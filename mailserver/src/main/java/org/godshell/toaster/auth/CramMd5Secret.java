package org.godshell.toaster.auth;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * What a server keeps to check a CRAM-MD5 login (RFC 2195): HMAC-MD5's two intermediate states for one key,
 * the MD5 state after the outer pad block (key XOR opad) and after the inner one (key XOR ipad), 16 bytes
 * each, in that order: Dovecot's {@code {CRAM-MD5}} form (its {@code hmac_md5_get_cram_context}), written as
 * 64 hex digits. It is not the password, but it is as good as one: whoever reads it can log in with
 * CRAM-MD5 (not with PLAIN), so passwd files holding it must stay unreadable to others.
 */
public record CramMd5Secret(byte[] context) {

    static final int LENGTH = 32;

    private static final HexFormat HEX = HexFormat.of();

    public CramMd5Secret {
        if (context.length != LENGTH) {
            throw new IllegalArgumentException("a CRAM-MD5 context is " + LENGTH + " bytes");
        }
        context = context.clone();
    }

    @Override
    public byte[] context() {
        return context.clone();
    }

    /**
     * The secret for a password, prepared already (SASLprep) and given as its UTF-8 bytes: RFC 2104 §2's key,
     * MD5-hashed first when longer than a block, zero-padded, XORed with the pads, each pad block hashed once.
     */
    public static CramMd5Secret derive(byte[] password) {
        byte[] key = password.length > Md5Blocks.BLOCK ? Md5Blocks.finish(Md5Blocks.INITIAL.clone(), 0, password)
                : password;
        byte[] padded = Arrays.copyOf(key, Md5Blocks.BLOCK);
        byte[] block = new byte[Md5Blocks.BLOCK];
        byte[] context = new byte[LENGTH];
        try {
            for (int half = 0; half < 2; half++) {
                byte pad = half == 0 ? (byte) 0x5c : (byte) 0x36;            // outer first, as Dovecot stores it
                for (int i = 0; i < block.length; i++) {
                    block[i] = (byte) (padded[i] ^ pad);
                }
                int[] state = Md5Blocks.INITIAL.clone();
                Md5Blocks.compress(state, block, 0);
                System.arraycopy(Md5Blocks.bytes(state), 0, context, 16 * half, 16);
            }
            return new CramMd5Secret(context);
        } finally {
            Arrays.fill(padded, (byte) 0);
            Arrays.fill(block, (byte) 0);
            Arrays.fill(context, (byte) 0);
            if (key != password) {
                Arrays.fill(key, (byte) 0);
            }
        }
    }

    /** HMAC-MD5(key, message) resumed from the stored states: the digest a client computes (RFC 2195 §2). */
    public byte[] hmac(byte[] message) {
        byte[] inner = Md5Blocks.finish(Md5Blocks.state(context, 16), Md5Blocks.BLOCK, message);
        return Md5Blocks.finish(Md5Blocks.state(context, 0), Md5Blocks.BLOCK, inner);
    }

    /** Whether {@code password} (prepared, UTF-8) gives this secret; compared in constant time. */
    public boolean matches(byte[] password) {
        return MessageDigest.isEqual(derive(password).context, context);
    }

    /** Dovecot's {@code {CRAM-MD5}} field without the scheme: 64 lowercase hex digits. */
    public String dovecot() {
        return HEX.formatHex(context);
    }

    /** Parses {@link #dovecot} strictly: exactly 64 hex digits (either case), nothing else. */
    public static Optional<CramMd5Secret> parseDovecot(String field) {
        if (field.length() != 2 * LENGTH || !field.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 0x80)) {
            return Optional.empty();
        }
        return Optional.of(new CramMd5Secret(HEX.parseHex(field)));
    }

    /**
     * A secret for a user that has none (unknown, or stored in another scheme), derived from a server secret and
     * the name, so that checking a response costs what it costs for a real user. No password gives it: it is not
     * derived from one.
     */
    public static CramMd5Secret fake(byte[] secret, String user) {
        return new CramMd5Secret(ScramCredentials.hmac(secret, "cram-md5\0" + user));
    }
}
