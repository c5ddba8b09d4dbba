package org.godshell.toaster.pop3;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A scripted POP3 conversation, read from {@code src/test/resources/pop3-dialogues/NAME.txt}:
 *
 * <pre>
 * # a comment saying what the dialogue proves
 * % tls                                  connect to the TLS-on-connect port (default: the plain port)
 * + user ann secret                      a user ann@local.test with that password, and its Maildir
 * + mail ann new 1000.A.h = Subject: x\n\nbody\n    a message file (\n, \r, \t, \xHH escapes)
 * S: +OK .*                              a line the server must send (a Java regex, whole line)
 * C: USER ann@local.test                 a line the client sends, CRLF added
 * C~ NOOP\r\nSTAT\r\n                    raw bytes the client sends, escapes decoded, nothing added
 * = tls                                  the client starts TLS here (after STLS's +OK)
 * = closed                               the server must close the connection here
 * = drop                                 the client hangs up without QUIT; the server's session ends
 * = connect tls                          a new connection (to the TLS port with "tls")
 * = files ann cur 1000.A.h:2, 1001.B.h   the file names in that Maildir directory, sorted; "-" for none
 * </pre>
 */
record Pop3Script(String name, boolean tlsOnConnect, List<Step> steps) {

    sealed interface Step {
        record User(String local, String password) implements Step {}

        record Mail(String local, String dir, String file, String content) implements Step {}

        record Send(byte[] bytes) implements Step {}

        record Expect(String pattern) implements Step {}

        record StartTls() implements Step {}

        record Closed() implements Step {}

        record Drop() implements Step {}

        record Connect(boolean tls) implements Step {}

        record Files(String local, String dir, List<String> names) implements Step {}
    }

    static Pop3Script load(Path file) throws IOException {
        String name = file.getFileName().toString().replaceFirst("\\.txt$", "");
        boolean tls = false;
        List<Step> steps = new ArrayList<>();
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split(" +");
            if (line.equals("% tls")) {
                tls = true;
            } else if (line.startsWith("+ user ")) {
                steps.add(new Step.User(words[2], words[3]));
            } else if (line.startsWith("+ mail ")) {
                int eq = line.indexOf(" = ");
                steps.add(new Step.Mail(words[2], words[3], words[4], unescape(line.substring(eq + 3))));
            } else if (line.startsWith("S: ") || line.equals("S:")) {
                steps.add(new Step.Expect(line.length() > 3 ? line.substring(3) : ""));
            } else if (line.startsWith("C: ") || line.equals("C:")) {
                steps.add(new Step.Send(((line.length() > 3 ? line.substring(3) : "") + "\r\n")
                        .getBytes(StandardCharsets.UTF_8)));
            } else if (line.startsWith("C~ ")) {
                steps.add(new Step.Send(unescape(line.substring(3)).getBytes(StandardCharsets.ISO_8859_1)));
            } else if (line.equals("= tls")) {
                steps.add(new Step.StartTls());
            } else if (line.equals("= closed")) {
                steps.add(new Step.Closed());
            } else if (line.equals("= drop")) {
                steps.add(new Step.Drop());
            } else if (line.equals("= connect") || line.equals("= connect tls")) {
                steps.add(new Step.Connect(line.endsWith("tls")));
            } else if (line.startsWith("= files ")) {
                List<String> names = words[4].equals("-") ? List.of()
                        : List.of(words).subList(4, words.length);
                steps.add(new Step.Files(words[2], words[3], names));
            } else {
                throw new IllegalArgumentException(file + ":" + number + ": cannot read " + line);
            }
        }
        return new Pop3Script(name, tls, steps);
    }

    /** Decodes \r \n \t \\ and \xHH; the result's chars are bytes (ISO-8859-1). */
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
