package org.godshell.toaster.smtpd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scripted SMTP conversation, read from {@code src/test/resources/dialogues/NAME.txt}:
 *
 * <pre>
 * # a comment saying what the dialogue proves
 * ! rcpthosts = local.test\nother.test      control file and content (\n, \r, \t, \xHH escapes)
 * @ plugins/p1 = printf 'E550 no\n'        an executable file under the prefix (#!/bin/sh added unless given)
 * @@ plugins/rbl                            a shipped file, copied from src/dist/ to the same place
 * + domains/d.test/passwd = ann@d.test:::   a plain file under the prefix (escapes as for !), e.g. the user store
 * S: 220 .*                                 a line the server must send (a Java regex, whole line)
 * C: EHLO x.test                            a line the client sends, CRLF added
 * C~ DATA\r\nbare\n.\r\n                    raw bytes the client sends, escapes decoded, nothing added
 * = closed                                  the server must close the connection here
 * = queue 1                                 the queue must hold this many messages
 * = golden                                  the last queued message must equal NAME.golden (Received masked)
 * = rcpt a@x.test b@x.test                  the last queued message's envelope recipients
 * = folder JUNK                             the last queued message's folder (INBOX or JUNK)
 * = log spp .* skipped                      a line of the server's log must contain a match of this regex
 * </pre>
 */
record Dialogue(String name, Map<String, String> control, Map<String, String> programs, Map<String, String> files,
        List<Step> steps) {

    sealed interface Step {
        record Send(byte[] bytes) implements Step {}

        record Expect(String pattern) implements Step {}

        record Closed() implements Step {}

        record QueueCount(int count) implements Step {}

        record Golden() implements Step {}

        record Recipients(List<String> addresses) implements Step {}

        record InFolder(String folder) implements Step {}

        record Logged(String pattern) implements Step {}
    }

    static Dialogue load(Path file) throws IOException {
        String name = file.getFileName().toString().replaceFirst("\\.txt$", "");
        Map<String, String> control = new LinkedHashMap<>(TestServer.defaults());
        Map<String, String> programs = new LinkedHashMap<>();
        Map<String, String> files = new LinkedHashMap<>();
        List<Step> steps = new ArrayList<>();
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("! ")) {
                int eq = line.indexOf(" = ");
                control.put(line.substring(2, eq).strip(), unescape(line.substring(eq + 3)));
            } else if (line.startsWith("+ ")) {
                int eq = line.indexOf(" = ");
                files.put(line.substring(2, eq).strip(), unescape(line.substring(eq + 3)));
            } else if (line.startsWith("@@ ")) {
                String shipped = line.substring(3).strip();
                programs.put(shipped, Files.readString(Path.of("src/dist").resolve(shipped), StandardCharsets.UTF_8));
            } else if (line.startsWith("@ ")) {
                int eq = line.indexOf(" = ");
                String body = unescape(line.substring(eq + 3));
                programs.put(line.substring(2, eq).strip(), body.startsWith("#!") ? body : "#!/bin/sh\n" + body + "\n");
            } else if (line.startsWith("S: ") || line.equals("S:")) {
                steps.add(new Step.Expect(line.length() > 3 ? line.substring(3) : ""));
            } else if (line.startsWith("C: ") || line.equals("C:")) {
                steps.add(new Step.Send(((line.length() > 3 ? line.substring(3) : "") + "\r\n")
                        .getBytes(StandardCharsets.UTF_8)));
            } else if (line.startsWith("C~ ")) {
                steps.add(new Step.Send(unescape(line.substring(3)).getBytes(StandardCharsets.ISO_8859_1)));
            } else if (line.equals("= closed")) {
                steps.add(new Step.Closed());
            } else if (line.startsWith("= queue ")) {
                steps.add(new Step.QueueCount(Integer.parseInt(line.substring(8).strip())));
            } else if (line.equals("= golden")) {
                steps.add(new Step.Golden());
            } else if (line.startsWith("= rcpt ")) {
                steps.add(new Step.Recipients(List.of(line.substring(7).strip().split("\\s+"))));
            } else if (line.startsWith("= folder ")) {
                steps.add(new Step.InFolder(line.substring(9).strip()));
            } else if (line.startsWith("= log ")) {
                steps.add(new Step.Logged(line.substring(6).strip()));
            } else {
                throw new IllegalArgumentException(file + ":" + number + ": cannot read " + line);
            }
        }
        return new Dialogue(name, control, programs, files, steps);
    }

    /** Decodes \r \n \t \\ and \xHH; the result's chars are bytes (ISO-8859-1) for C~ lines. */
    static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 == text.length()) {
                out.append(c);
                continue;
            }
            char next = text.charAt(++i);
            switch (next) {
                case 'r' -> out.append('\r');
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'x' -> {
                    out.append((char) Integer.parseInt(text.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> out.append(next);
            }
        }
        return out.toString();
    }
}
