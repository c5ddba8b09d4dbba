package org.godshell.toaster.tlsrpt.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * One domain's report ready to send: its header, its JSON and the gzip of it ({@code application/tlsrpt+gzip},
 * RFC 8460 §5.1, §6.4).
 */
public record ReportFile(ReportHeader header, String json, byte[] gzip) {

    /** Larger reports are not sent: a mailbox or endpoint may refuse them, and no real day comes near. */
    public static final int MAX_GZIP_BYTES = 1024 * 1024;

    public static final String MEDIA_TYPE = "application/tlsrpt+gzip";

    public static ReportFile of(ReportHeader header, List<PolicyTally> policies) {
        String json = ReportJson.write(header, policies);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(json.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory", e);
        }
        return new ReportFile(header, json, bytes.toByteArray());
    }

    public boolean tooLarge() {
        return gzip.length > MAX_GZIP_BYTES;
    }
}
