package org.godshell.toaster.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.godshell.toaster.smtp.DataReader;
import org.godshell.toaster.smtp.DataResult;
import org.godshell.toaster.smtp.DotEncoder;
import org.godshell.toaster.smtp.Replies;
import org.godshell.toaster.spp.BodyVerdict;
import org.godshell.toaster.spp.HookResult;
import org.godshell.toaster.spp.SppSession;

/**
 * The {@code --message} part of {@code toaster spp test}: a file made into the message the server would give
 * its {@code [body]} plugins, then the section run over it. The file goes the way a client's message goes:
 * sent as SMTP data (lines made to end in CRLF, dot-stuffed) and read back by the server's own DATA reader within
 * {@code databytes}, so what the server would refuse before any plugin (too big, NUL, an over-long line) is
 * refused here too. The earlier sections' {@code H} lines go first; the server's own Received field and its
 * checks (DKIM, SPF, DMARC, so the verdict variables) are not part of the test.
 */
final class SppTestMessage {

    private SppTestMessage() {
    }

    /** Why {@code file} cannot be the message: missing, not a regular file, unreadable. */
    static Optional<String> problem(Path file) {
        if (!Files.exists(file)) {
            return Optional.of(file + " does not exist");
        }
        if (!Files.isRegularFile(file)) {
            return Optional.of(file + " is not a regular file; give a message saved as a file (.eml)");
        }
        if (!Files.isReadable(file)) {
            return Optional.of(file + " cannot be read");
        }
        return Optional.empty();
    }

    /**
     * Prints the end of DATA, each plugin's output (through the session's log) and the outcome.
     *
     * @return true when the message would be queued (into the inbox or, after a {@code Q}, Junk)
     */
    static boolean run(PrintWriter out, SppSession spp, long databytes, Path file, List<String> recipients)
            throws IOException {
        long size = Files.size(file);
        out.println("end of DATA: " + file + ", " + size + " bytes");
        if (databytes > 0 && size > databytes) {
            out.println("  => refused by the server before any plugin: " + wire(Replies.TOO_BIG.toWire(true))
                    + " (control/databytes is " + databytes + ")");
            return false;
        }
        Path dir = Files.createTempDirectory("toaster-spp-test",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            Path copy = dir.resolve("message");
            Optional<String> refused = received(file, dir.resolve("data"), copy, spp.headers(), databytes);
            if (refused.isPresent()) {
                out.println("  => refused by the server before any plugin: " + refused.get());
                return false;
            }
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("r--------"));
            Map<String, String> message = new LinkedHashMap<>();
            message.put("SMTPMESSAGEFILE", copy.toString());
            message.put("SMTPMESSAGESIZE", Long.toString(Files.size(copy)));
            message.put("SMTPRCPTTOALL", String.join("\n", recipients));
            return verdict(out, spp.runBody(message));
        } finally {
            delete(dir);
        }
    }

    /** Writes the message as the server would store it to {@code copy}; the refusal when it would not. */
    private static Optional<String> received(Path file, Path data, Path copy, List<String> headers, long databytes)
            throws IOException {
        try (InputStream in = Files.newInputStream(file); OutputStream wire = Files.newOutputStream(data)) {
            DotEncoder encoder = new DotEncoder(wire);
            in.transferTo(encoder);
            encoder.finish();
        }
        DataResult result;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(data));
                OutputStream stored = Files.newOutputStream(copy)) {
            for (String header : headers) {
                stored.write((header + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            result = DataReader.read(in, stored, databytes);
        }
        return result.refusal().map(reply -> wire(reply.toWire(true)));
    }

    private static boolean verdict(PrintWriter out, BodyVerdict verdict) {
        verdict.headers().forEach(header -> out.println("  adds the header " + header));
        String queued = verdict.quarantine().map(note -> "accepted into the recipients' Junk folder (Q"
                + (note.isEmpty() ? "" : ": " + note) + ")").orElse("accepted");
        String text = switch (verdict.result()) {
            case HookResult.Proceed proceed -> queued;
            case HookResult.Refuse refuse -> "refused: " + wire(refuse.reply().toWire(true));
            case HookResult.Close close -> "refused and disconnected: " + wire(close.reply().toWire(true));
            case HookResult.Drop drop -> "disconnected without a reply";
        };
        out.println("  => " + text);
        return verdict.result() instanceof HookResult.Proceed;
    }

    private static String wire(String reply) {
        return reply.strip().replace("\r\n", " / ");
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
