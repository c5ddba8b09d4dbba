package org.godshell.toaster.tlspublish;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.ControlFiles;
import org.godshell.toaster.config.Reads;
import org.godshell.toaster.config.StsMode;

/**
 * The toaster's MTA-STS policy (RFC 8461 §3.2), the same for each of its domains: the mode of {@code
 * control/mtastsmode}, the host name of {@code control/me} and the patterns of {@code control/mtastsmx} as its
 * MX, and the {@code max_age} of {@code control/mtastsmaxage}.
 *
 * @param mode   the mode; {@link StsMode#NONE} publishes nothing
 * @param mx     the MX host names or patterns, lower case, the host name first
 * @param maxAge seconds senders may keep the policy
 */
public record StsPolicy(StsMode mode, List<String> mx, long maxAge) {

    /** RFC 8461 §3.1: the id is 1 to 32 letters and digits; 32 hex digits are 128 bits of a SHA-256. */
    static final int ID_LENGTH = 32;

    public StsPolicy {
        mx = List.copyOf(mx);
        if (mx.isEmpty()) {
            throw new IllegalArgumentException("a policy names at least one MX");
        }
        if (maxAge < 0 || maxAge > 31_557_600) {
            throw new IllegalArgumentException("max_age out of range: " + maxAge);
        }
    }

    /** The policy of the control files {@code reads} sees. */
    public static StsPolicy read(Reads reads) throws ConfigException {
        List<String> mx = new ArrayList<>();
        mx.add(reads.get(ControlFiles.ME).toLowerCase(Locale.ROOT));
        reads.get(ControlFiles.MTASTSMX).stream().filter(p -> !mx.contains(p)).forEach(mx::add);
        return new StsPolicy(reads.get(ControlFiles.MTASTSMODE), mx, reads.get(ControlFiles.MTASTSMAXAGE));
    }

    /** Whether a policy is published at all. */
    public boolean published() {
        return mode != StsMode.NONE;
    }

    /** The policy file, lines ending in CRLF as RFC 8461 §3.2 writes them. */
    public String text() {
        StringBuilder text = new StringBuilder("version: STSv1\r\nmode: ").append(mode.word()).append("\r\n");
        mx.forEach(host -> text.append("mx: ").append(host).append("\r\n"));
        return text.append("max_age: ").append(maxAge).append("\r\n").toString();
    }

    /**
     * The id of the {@code _mta-sts} record: the first 32 hex digits of the SHA-256 of {@link #text}, so it
     * changes exactly when the policy does, and senders fetch the new one (RFC 8461 §3.1).
     */
    public String id() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text().getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(hash).substring(0, ID_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The value of the {@code _mta-sts.DOMAIN} TXT record (RFC 8461 §3.1). */
    public String txt() {
        return "v=STSv1; id=" + id();
    }
}
