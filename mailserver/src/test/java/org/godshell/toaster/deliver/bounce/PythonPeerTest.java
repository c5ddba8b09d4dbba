package org.godshell.toaster.deliver.bounce;

import static org.godshell.toaster.deliver.bounce.Originals.NOW;
import static org.godshell.toaster.deliver.bounce.Originals.UNTIL;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.godshell.toaster.deliver.Diagnosis;
import org.godshell.toaster.queue.QueuedMessage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real peer reads our notices: Python's standard {@code email} package (the parser behind many mail tools)
 * must find no defect and read the same parts, status fields and decoded content as {@link MimeCheck}.
 * Skipped where {@code python3} is not installed (CI does not install it).
 */
class PythonPeerTest {

    @TempDir
    Path temp;

    @Test
    void pythonsEmailParserReadsWhatWeMeant() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(python), "python3 is not installed: peer check skipped");
        List<Path> files = new ArrayList<>();
        StringBuilder expected = new StringBuilder();
        for (byte[] notice : notices()) {
            Path file = temp.resolve("notice-" + files.size() + ".eml");
            Files.write(file, notice);
            files.add(file);
            expected.append(summary(file, MimeCheck.parse(notice)));
        }
        Path script = Path.of(PythonPeerTest.class.getResource("dsn_summary.py").toURI());
        List<String> command = new ArrayList<>(List.of(python.toString(), script.toString()));
        files.forEach(f -> command.add(f.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(true, process.waitFor(60, TimeUnit.SECONDS), "python3 finished");
        assertEquals(0, process.exitValue(), output);
        assertEquals(expected.toString(), output);
    }

    private List<byte[]> notices() throws IOException {
        List<byte[]> out = new ArrayList<>();
        Bounces bounces = Originals.bounces();
        List<String> bobCarol = List.of("bob@example.net", "carol@mail.example.org");
        QueuedMessage typical = Originals.message(temp, "alice@example.com", bobCarol, Originals.TYPICAL);
        out.add(bounces.failed(typical, Originals.twoFailures(), NOW).message().orElseThrow().content());
        out.add(bounces.delayed(typical, Map.of("bob@example.net", Diagnosis.local("4.4.1", "no answer")), NOW,
                UNTIL).message().orElseThrow().content());
        QueuedMessage nullSender = Originals.message(temp, "", bobCarol, Originals.TYPICAL);
        out.add(bounces.failed(nullSender, Originals.twoFailures(), NOW).message().orElseThrow().content());
        byte[] binary = "Subject: bin\r\nX-Eq: a=b =3D=\r\nX-B: \0\u0001\u00ff\rBcc: x\r\nX-Long: "
                .getBytes(StandardCharsets.ISO_8859_1);
        QueuedMessage hostile = Originals.message(temp, "alice@example.com", bobCarol,
                concat(binary, ("word ".repeat(400) + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII)));
        out.add(bounces.failed(hostile, Map.of("evil@example.net\r\nBcc: v@x", Diagnosis.remote("5.7.1",
                "refused\u0085Bcc: v@x", "mx.example.net", "550 " + "no ".repeat(300))), NOW).message()
                .orElseThrow().content());
        QueuedMessage utf8 = Originals.message(temp, "jöran@exämple.org", List.of("björk@例え.jp"),
                "Subject: Grüße\r\n\r\nbody\r\n");
        out.add(bounces.failed(utf8, Map.of("björk@例え.jp", Diagnosis.remote("5.1.1", "unbekannter Empfänger",
                "mx.例え.jp", "550 5.1.1 björk unknown")), NOW).message().orElseThrow().content());
        return out;
    }

    private static String summary(Path file, MimeCheck.Dsn dsn) throws NoSuchAlgorithmException {
        StringBuilder out = new StringBuilder();
        out.append("file ").append(file).append('\n');
        out.append("type multipart/report delivery-status\n");
        out.append("defects 0\n");
        for (MimeCheck.Part part : dsn.parts()) {
            out.append("part ").append(part.header("Content-Type").split(";")[0].toLowerCase(Locale.ROOT))
                    .append('\n');
        }
        for (List<MimeCheck.Field> block : dsn.status()) {
            for (MimeCheck.Field field : block) {
                out.append("status ").append(field.name()).append('=').append(field.value()).append('\n');
            }
            out.append("-\n");
        }
        out.append("text ").append(sha256(dsn.parts().get(0).text().replace("\r\n", "\n")
                .getBytes(StandardCharsets.UTF_8))).append('\n');
        String headers = new String(dsn.parts().get(2).body(), StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
        out.append("headers ").append(sha256(headers.getBytes(StandardCharsets.ISO_8859_1))).append('\n');
        out.append("to ").append(dsn.header("To")).append('\n');
        return out.toString();
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
