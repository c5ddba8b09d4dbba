package org.godshell.toaster.auth;

/**
 * MD5 (RFC 1321) with its chaining state in view, which {@link java.security.MessageDigest} hides: CRAM-MD5's
 * stored secret is HMAC-MD5's state after the first block of the inner and of the outer hash (RFC 2195 §2,
 * RFC 2104 §4), and a login resumes from it. Used for nothing else: MD5 is broken for collisions, and
 * HMAC-MD5 is here only because CRAM-MD5 clients need it.
 */
final class Md5Blocks {

    static final int BLOCK = 64;

    /** RFC 1321 §3.3: the initial A, B, C, D. */
    static final int[] INITIAL = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};

    private static final int[] SHIFTS = {7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21};

    /** RFC 1321 §3.4: T[i] = floor(2^32 × |sin(i)|), i = 1..64. */
    private static final int[] T = new int[64];

    static {
        for (int i = 0; i < 64; i++) {
            T[i] = (int) (long) Math.floor(Math.abs(Math.sin(i + 1)) * 4294967296.0);
        }
    }

    private Md5Blocks() {}

    /** RFC 1321 §3.4: processes one 64-byte block at {@code offset} into {@code state}. */
    static void compress(int[] state, byte[] data, int offset) {
        int[] x = new int[16];
        for (int i = 0; i < 16; i++) {
            int at = offset + 4 * i;
            x[i] = data[at] & 0xff | (data[at + 1] & 0xff) << 8 | (data[at + 2] & 0xff) << 16 | (data[at + 3] & 0xff) << 24;
        }
        int a = state[0];
        int b = state[1];
        int c = state[2];
        int d = state[3];
        for (int i = 0; i < 64; i++) {
            int round = i / 16;
            int f;
            int k;
            switch (round) {
                case 0 -> { f = b & c | ~b & d; k = i; }
                case 1 -> { f = d & b | ~d & c; k = (5 * i + 1) % 16; }
                case 2 -> { f = b ^ c ^ d; k = (3 * i + 5) % 16; }
                default -> { f = c ^ (b | ~d); k = 7 * i % 16; }
            }
            int sum = a + f + T[i] + x[k];
            a = d;
            d = c;
            c = b;
            b = b + Integer.rotateLeft(sum, SHIFTS[round * 4 + i % 4]);
        }
        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
    }

    /**
     * The digest of everything hashed so far ({@code done} bytes, a multiple of 64, already in {@code state})
     * followed by {@code data}; {@code state} is left changed.
     */
    static byte[] finish(int[] state, long done, byte[] data) {
        int whole = data.length / BLOCK * BLOCK;
        for (int offset = 0; offset < whole; offset += BLOCK) {
            compress(state, data, offset);
        }
        // RFC 1321 §3.1-3.2: a 1 bit, zeros to 56 mod 64, then the length in bits, little-endian.
        int rest = data.length - whole;
        byte[] tail = new byte[rest < 56 ? BLOCK : 2 * BLOCK];
        System.arraycopy(data, whole, tail, 0, rest);
        tail[rest] = (byte) 0x80;
        long bits = (done + data.length) * 8;
        for (int i = 0; i < 8; i++) {
            tail[tail.length - 8 + i] = (byte) (bits >>> 8 * i);
        }
        for (int offset = 0; offset < tail.length; offset += BLOCK) {
            compress(state, tail, offset);
        }
        return bytes(state);
    }

    /** The state as MD5 writes its digest: A, B, C, D, each little-endian. */
    static byte[] bytes(int[] state) {
        byte[] out = new byte[16];
        for (int i = 0; i < 16; i++) {
            out[i] = (byte) (state[i / 4] >>> 8 * (i % 4));
        }
        return out;
    }

    /** The inverse of {@link #bytes}, from 16 bytes at {@code offset}. */
    static int[] state(byte[] bytes, int offset) {
        int[] state = new int[4];
        for (int i = 0; i < 16; i++) {
            state[i / 4] |= (bytes[offset + i] & 0xff) << 8 * (i % 4);
        }
        return state;
    }
}
