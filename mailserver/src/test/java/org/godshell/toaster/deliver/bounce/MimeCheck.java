package org.godshell.toaster.deliver.bounce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the notices this package writes, written independently of it: it checks the line
 * discipline (CRLF only, 998 octets, 7-bit outside {@code To:}), splits the multipart/report by its boundary
 * (RFC 2046 §5.1.1), decodes quoted-printable parts and parses the delivery-status blocks (RFC 3464 §2.1).
 */
final class MimeCheck {

    /** A header field, unfolded. */
    record Field(String name, String value) {
    }

    record Part(List<Field> fields, byte[] body) {
        String header(String name) {
            return find(fields, name).orElseThrow(() -> new AssertionError("part has no " + name + ": " + fields));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A parsed notice: its header, its three parts, and the delivery-status blocks (per-message first). */
    record Dsn(List<Field> fields, List<Part> parts, List<List<Field>> status) {
        String header(String name) {
            return find(fields, name).orElseThrow(() -> new AssertionError("no header " + name + ": " + fields));
        }

        /** The value of {@code name} in per-recipient block {@code n} (0-based). */
        String recipientField(int n, String name) {
            return find(status.get(n + 1), name).orElseThrow(
                    () -> new AssertionError("recipient block " + n + " has no " + name + ": " + status));
        }

        Optional<String> optionalRecipientField(int n, String name) {
            return find(status.get(n + 1), name);
        }
    }

    private MimeCheck() {
    }

    static Dsn parse(byte[] message) {
        List<String> lines = lines(message);
        int blank = lines.indexOf("");
        assertTrue(blank > 0, "a header section ending in an empty line");
        List<Field> fields = fields(lines.subList(0, blank));
        for (String required : List.of("From", "To", "Subject", "Date", "Message-ID", "MIME-Version",
                "Content-Type", "Auto-Submitted")) {
            assertEquals(1, fields.stream().filter(f -> f.name().equalsIgnoreCase(required)).count(),
                    "exactly one " + required);
        }
        String type = find(fields, "Content-Type").orElseThrow();
        assertTrue(type.toLowerCase(Locale.ROOT).startsWith("multipart/report;"), type);
        assertTrue(type.contains("report-type=delivery-status"), type);
        Matcher m = Pattern.compile("boundary=\"([^\"]+)\"").matcher(type);
        assertTrue(m.find(), "a quoted boundary in " + type);
        String boundary = m.group(1);
        assertTrue(boundary.length() <= 70, "RFC 2046 §5.1.1: boundary at most 70 characters");

        List<List<String>> raw = new ArrayList<>();
        List<String> current = null;
        boolean closed = false;
        for (String line : lines.subList(blank + 1, lines.size())) {
            if (closed) {
                fail("text after the close delimiter: " + line);
            }
            if (line.equals("--" + boundary)) {
                current = new ArrayList<>();
                raw.add(current);
            } else if (line.equals("--" + boundary + "--")) {
                closed = true;
            } else if (line.startsWith("--" + boundary)) {
                fail("a line that starts like the boundary: " + line);
            } else if (current != null) {
                current.add(line);
            }
        }
        assertTrue(closed, "the close delimiter");
        List<Part> parts = new ArrayList<>();
        for (List<String> partLines : raw) {
            // The CRLF before a delimiter belongs to the delimiter (RFC 2046 §5.1.1).
            assertFalse(partLines.isEmpty(), "empty part");
            assertEquals("", partLines.get(partLines.size() - 1), "the CRLF before the delimiter");
            List<String> content = partLines.subList(0, partLines.size() - 1);
            int end = content.indexOf("");
            assertTrue(end >= 0, "part headers end in an empty line");
            List<Field> partFields = fields(content.subList(0, end));
            List<String> bodyLines = content.subList(end + 1, content.size());
            String encoding = find(partFields, "Content-Transfer-Encoding").orElse("7bit");
            byte[] body = switch (encoding.toLowerCase(Locale.ROOT)) {
                case "7bit" -> String.join("\r\n", bodyLines).concat(bodyLines.isEmpty() ? "" : "\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
                case "quoted-printable" -> decodeQuotedPrintable(bodyLines);
                default -> throw new AssertionError("unexpected encoding " + encoding);
            };
            parts.add(new Part(partFields, body));
        }
        assertEquals(3, parts.size(), "three parts");
        assertTrue(parts.get(0).header("Content-Type").startsWith("text/plain; charset="));
        assertEquals("message/delivery-status", parts.get(1).header("Content-Type"));
        assertTrue(find(parts.get(1).fields(), "Content-Transfer-Encoding").isEmpty(), "RFC 3464 §2.1: 7bit");
        assertEquals("text/rfc822-headers", parts.get(2).header("Content-Type"));
        return new Dsn(fields, parts, statusBlocks(lines(parts.get(1).body())));
    }

    /** Splits on CRLF, refusing bare CR, bare LF, NUL, 8-bit outside To: and lines over 998 octets. */
    static List<String> lines(byte[] message) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < message.length; i++) {
            byte b = message[i];
            assertTrue(b != 0, "NUL at " + i);
            if (b == '\r') {
                assertTrue(i + 1 < message.length && message[i + 1] == '\n', "bare CR at " + i);
            } else if (b == '\n') {
                assertTrue(i > 0 && message[i - 1] == '\r', "bare LF at " + i);
                String line = new String(message, start, i - 1 - start, StandardCharsets.UTF_8);
                assertTrue(i - 1 - start <= 998, () -> "line over 998 octets: " + line.substring(0, 60));
                if (!line.startsWith("To: ")) {
                    assertTrue(line.chars().allMatch(c -> c < 0x80), "8-bit outside To: " + line);
                }
                out.add(line);
                start = i + 1;
            }
        }
        assertEquals(message.length, start, "the last line ends in CRLF");
        return out;
    }

    static List<Field> fields(List<String> lines) {
        List<Field> out = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith(" ") || line.startsWith("\t")) {
                assertFalse(out.isEmpty(), "continuation line first: " + line);
                assertFalse(line.isBlank(), "an all-blank continuation line");
                Field last = out.remove(out.size() - 1);
                out.add(new Field(last.name(), last.value() + line));
            } else {
                int colon = line.indexOf(':');
                assertTrue(colon > 0, "a field name: " + line);
                String name = line.substring(0, colon);
                assertTrue(name.chars().allMatch(c -> c > 32 && c < 127), "field name " + name);
                out.add(new Field(name, line.substring(colon + 1)));
            }
        }
        return out.stream().map(f -> new Field(f.name(), f.value().strip())).toList();
    }

    private static List<List<Field>> statusBlocks(List<String> lines) {
        List<List<Field>> blocks = new ArrayList<>();
        List<String> block = new ArrayList<>();
        for (String line : lines) {
            if (line.isEmpty()) {
                blocks.add(fields(block));
                block = new ArrayList<>();
            } else {
                block.add(line);
            }
        }
        if (!block.isEmpty()) {
            blocks.add(fields(block));
        }
        assertTrue(blocks.size() >= 2, "per-message fields and at least one recipient block");
        return blocks;
    }

    static Optional<String> find(List<Field> fields, String name) {
        return fields.stream().filter(f -> f.name().equalsIgnoreCase(name)).map(Field::value).findFirst();
    }

    static byte[] decodeQuotedPrintable(List<String> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String line : lines) {
            assertTrue(line.length() <= 76, "RFC 2045 §6.7: encoded line over 76 characters");
            boolean soft = line.endsWith("=");
            String text = soft ? line.substring(0, line.length() - 1) : line;
            assertFalse(!soft && (text.endsWith(" ") || text.endsWith("\t")), "trailing blank not encoded");
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '=') {
                    out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                    i += 2;
                } else {
                    assertTrue(c >= 32 && c < 127 || c == '\t', "unencoded byte " + (int) c);
                    out.write(c);
                }
            }
            if (!soft) {
                out.write('\r');
                out.write('\n');
            }
        }
        return out.toByteArray();
    }
}
