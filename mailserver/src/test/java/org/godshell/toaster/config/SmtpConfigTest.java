package org.godshell.toaster.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class SmtpConfigTest {

    /** Every file SmtpConfig reads. */
    static final List<String> FILES = List.of("me", "smtpgreeting", "rcpthosts", "morercpthosts", "databytes",
            "badmailfrom", "badrcptto", "timeoutsmtpd", "listen-smtp", "concurrencyincoming", "concurrencyperip",
            "maxrcpt", "tcp.smtp", "proxyfrom", "smtpauthmechs");

    @TempDir
    Path dir;

    private SmtpConfig load() throws ConfigException {
        return load(dir, "default.example");
    }

    /** The settings of {@code control}, with {@code me} standing for the host's name when the file is missing. */
    private static SmtpConfig load(Path control, String me) throws ConfigException {
        Controls files = Controls.once(control);
        return SmtpConfig.make(new Reads() {
            @Override
            public <T> T get(Key<T> key) throws ConfigException {
                Optional<T> value = file(key);
                return value.isPresent() ? value.get() : key == ControlFiles.ME ? key.parser().parse(path(key),
                        List.of(new ControlFile.Line(1, me))) : key.fallback().value(this);
            }

            @Override
            public <T> Optional<T> file(Key<T> key) throws ConfigException {
                return files.file(key);
            }

            @Override
            public String source(Key<?> key) {
                return files.source(key);
            }

            @Override
            public Path path(Key<?> key) {
                return files.path(key);
            }
        });
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), ControlFileTest.unescape(content));
    }

    private Map<String, SmtpConfig.Setting> described(SmtpConfig c) {
        return c.describe().stream().collect(Collectors.toMap(SmtpConfig.Setting::name, s -> s));
    }

    @Test
    void emptyDirectoryGivesEveryDefault() throws Exception {
        SmtpConfig c = load();
        assertEquals("default.example", c.me());
        assertEquals("default.example", c.greeting());
        assertEquals(Set.of(), c.rcpthosts());
        assertEquals(0, c.databytes());
        assertTrue(c.badmailfrom().isEmpty());
        assertTrue(c.badrcptto().isEmpty());
        assertEquals(Duration.ofSeconds(1200), c.timeoutSmtpd());
        assertEquals(List.of(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 25)), c.listenSmtp());
        assertEquals(10_000, c.maxConnections());
        assertEquals(100, c.maxConnectionsPerIp());
        assertEquals(1000, c.maxRecipients());
        assertTrue(c.rules().isEmpty());
        assertFalse(c.acceptsDomain("default.example"), "missing rcpthosts accepts nothing");
        assertEquals(c, SmtpConfig.defaults("default.example"));
        for (SmtpConfig.Setting s : c.describe()) {
            assertEquals("default", s.source(), s.name());
        }
        assertEquals(List.of("PLAIN", "LOGIN", "SCRAM-SHA-256"), c.authMechanisms(), "CRAM-MD5 is off by default");
        assertTrue(c.proxyFrom().isEmpty(), "missing proxyfrom believes no PROXY header");
        assertEquals(14, c.describe().size());
    }

    @Test
    void missingControlDirectoryGivesDefaults() throws Exception {
        assertEquals(SmtpConfig.defaults("x.example"), load(dir.resolve("nope"), "x.example"));
    }

    @Test
    void realDefaultHostNameIsPlausible() {
        assertTrue(Values.isHostName(Values.localHostName()));
    }

    @ParameterizedTest(name = "[{index}] {0} = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "me                  | 'mail.example.com\\n'           | mail.example.com",
        "me                  | 'mail.example.com  \\nignored'  | mail.example.com",
        "smtpgreeting        | 'mx.example.com welcome'        | mx.example.com welcome",
        "rcpthosts           | 'Example.COM\\n.Example.org.\\n'| '.example.org\\nexample.com'",
        "rcpthosts           | '# none\\n'                     | '(none: mail for every domain is refused)'",
        "morercpthosts       | 'b.example\\na.example'         | 'a.example\\nb.example'",
        "databytes           | '10485760\\n'                   | 10485760",
        "databytes           | '0'                             | 0 (no limit)",
        "databytes           | '9223372036854775807'           | 9223372036854775807",
        "badmailfrom         | 'Spam@Example.com\\n@bad.example'| '@bad.example\\nspam@example.com'",
        "badrcptto           | 'nobody@example.com'            | nobody@example.com",
        "timeoutsmtpd        | '60'                            | 60 seconds",
        "listen-smtp         | '127.0.0.1:2525\\n[::1]:25\\n[::]:587' | '127.0.0.1:2525\\n[::1]:25\\n[::]:587'",
        "listen-smtp         | '0.0.0.0:25'                    | 0.0.0.0:25",
        "listen-smtp         | '127.0.0.1:0'                   | 127.0.0.1:0",
        "concurrencyincoming | '200'                           | 200",
        "concurrencyperip    | '1'                             | 1",
        "maxrcpt             | '100'                           | 100",
        "tcp.smtp            | '127.:allow,RELAYCLIENT=\"\"\\n:allow' | '127.:allow,RELAYCLIENT=\"\"\\n:allow'",
        "tcp.smtp            | '# nothing\\n'                  | '(no rules: every client allowed, no variables)'",
        "smtpauthmechs       | 'PLAIN\\nLOGIN\\nSCRAM-SHA-256\\nCRAM-MD5\\n' | PLAIN LOGIN SCRAM-SHA-256 CRAM-MD5",
        "smtpauthmechs       | '# only these\\nscram-sha-256\\ncram-md5  \\r\\n' | SCRAM-SHA-256 CRAM-MD5",
    })
    void validValuesAreShownWithTheirFile(String name, String content, String shown) throws Exception {
        write(name, content);
        String setting = name.equals("morercpthosts") ? "rcpthosts" : name;
        SmtpConfig.Setting s = described(load()).get(setting);
        assertEquals(ControlFileTest.unescape(shown), s.value());
        assertEquals(dir.resolve(name).toString(), s.source());
    }

    @Test
    void typedValues() throws Exception {
        write("databytes", "1024");
        write("timeoutsmtpd", "30");
        write("listen-smtp", "[2001:db8::1]:2525");
        write("me", "mx.example.com");
        SmtpConfig c = load();
        assertEquals(1024, c.databytes());
        assertEquals(Duration.ofSeconds(30), c.timeoutSmtpd());
        assertEquals(new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 2525), c.listenSmtp().get(0));
        assertEquals("mx.example.com", c.greeting(), "greeting defaults to me");
    }

    @ParameterizedTest(name = "[{index}] {0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "databytes           | '12x'                      | 1 | \"12x\" is not a number of bytes; write a whole number such as 10485760 (0 = no limit)",
        "databytes           | '-1'                       | 1 | is negative",
        "databytes           | '99999999999999999999'     | 1 | is too large",
        "databytes           | ''                         | 1 | is empty",
        "databytes           | ' 12'                      | 1 | is not a number",
        "databytes           | '1e6'                      | 1 | is not a number",
        "timeoutsmtpd        | '0'                        | 1 | is too small (the smallest is 1)",
        "timeoutsmtpd        | 'abc'                      | 1 | is not a number of seconds",
        "timeoutsmtpd        | '3000000000'               | 1 | is too large",
        "concurrencyincoming | '0'                        | 1 | is too small",
        "concurrencyincoming | '-5'                       | 1 | is negative",
        "concurrencyincoming | '4x'                       | 1 | is not a number of connections",
        "concurrencyperip    | '99999999999999999999'     | 1 | is too large",
        "maxrcpt             | '0'                        | 1 | is too small",
        "maxrcpt             | '1,000'                    | 1 | is not a number of recipients",
        "me                  | 'mail example.com'         | 1 | is not a host name",
        "me                  | ''                         | 1 | is empty",
        "me                  | '-mail.example.com'        | 1 | is not a host name",
        "me                  | 'mail..example.com'        | 1 | is not a host name",
        "smtpgreeting        | ''                         | 1 | is empty",
        "smtpgreeting        | 'héllo'                    | 1 | not printable ASCII",
        "rcpthosts           | 'ok.example\\n\\nfoo bar'  | 3 | \"foo bar\" is not a domain",
        "rcpthosts           | 'user@example.com'         | 1 | is not a domain",
        "morercpthosts       | '.'                        | 1 | is not a domain",
        "badmailfrom         | 'example.com'              | 1 | is not an address",
        "badmailfrom         | '# x\\nspam@'              | 2 | is not an address",
        "badrcptto           | 'a b@example.com'          | 1 | is not an address",
        "listen-smtp         | '0.0.0.0'                  | 1 | has no port",
        "listen-smtp         | '0.0.0.0:025'              | 1 | is not a port",
        "listen-smtp         | '0.0.0.0:65536'            | 1 | is not a port",
        "listen-smtp         | '0.0.0.0:smtp'             | 1 | is not a port",
        "listen-smtp         | ':::25'                    | 1 | put an IPv6 address in brackets",
        "listen-smtp         | 'localhost:25'             | 1 | is not an IP address",
        "listen-smtp         | '[::1]:25\\n[::1]:25'      | 2 | is already on line 1",
        "tcp.smtp            | '127.:allow\\n1.2.3.4:permit' | 2 | unknown instruction",
        "smtpauthmechs       | 'PLAIN\\nDIGEST-MD5'        | 2 | \"DIGEST-MD5\" is not a mechanism this server has; write one of PLAIN, LOGIN, SCRAM-SHA-256, CRAM-MD5 per line",
        "smtpauthmechs       | 'PLAIN LOGIN'              | 1 | is not a mechanism this server has (one per line)",
        "smtpauthmechs       | 'SCRAM-SHA-256-PLUS'       | 1 | is not a mechanism this server has",
        "smtpauthmechs       | 'CRAM-MD5\\ncram-md5'       | 2 | CRAM-MD5 is listed twice",
        "smtpauthmechs       | 'PLAIN\\nLOGIN\\tCRAM-MD5'   | 2 | \"LOGIN\\x09CRAM-MD5\" is not a mechanism this server has (one per line)",
    })
    void malformedValuesNameFileAndLine(String name, String content, int line, String message) throws Exception {
        write(name, content);
        ConfigException e = assertThrows(ConfigException.class, this::load);
        assertEquals(dir.resolve(name), e.file());
        assertEquals(line, e.line());
        assertTrue(e.getMessage().startsWith(dir.resolve(name) + ":" + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void emptyMechanismFileIsAnError() throws Exception {
        write("smtpauthmechs", "# nothing offered?\n");
        ConfigException e = assertThrows(ConfigException.class, this::load);
        assertTrue(e.getMessage().startsWith(dir.resolve("smtpauthmechs") + ": lists no mechanism;"), e.getMessage());
        assertTrue(e.getMessage().contains("remove the file for the default (PLAIN LOGIN SCRAM-SHA-256)"), e.getMessage());
    }

    @Test
    void emptyListenFileIsAnError() throws Exception {
        write("listen-smtp", "# nothing\n");
        ConfigException e = assertThrows(ConfigException.class, this::load);
        assertTrue(e.getMessage().startsWith(dir.resolve("listen-smtp") + ": lists no address"), e.getMessage());
    }

    static Stream<Arguments> hostileFiles() {
        return FILES.stream().flatMap(f -> Stream.of(
                Arguments.of(f, "nul"), Arguments.of(f, "utf8"), Arguments.of(f, "directory"),
                Arguments.of(f, "huge")));
    }

    @ParameterizedTest(name = "[{index}] {0}: {1}")
    @MethodSource("hostileFiles")
    void hostileFilesAreRefusedNotDefaulted(String name, String kind) throws Exception {
        Path f = dir.resolve(name);
        String expectedStart = switch (kind) {
            case "nul" -> {
                Files.write(f, "# fine\n1\0\n".getBytes(StandardCharsets.UTF_8));
                yield f + ":2: contains a NUL byte";
            }
            case "utf8" -> {
                Files.write(f, new byte[] {'#', '\n', (byte) 0xff, (byte) 0xfe, '\n'});
                yield f + ":2: is not valid UTF-8";
            }
            case "directory" -> {
                Files.createDirectory(f);
                yield f + ": is a directory";
            }
            case "huge" -> {
                try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
                    raf.setLength(20L * 1024 * 1024);
                }
                yield f + ": is larger than 10 MB";
            }
            default -> throw new IllegalArgumentException(kind);
        };
        ConfigException e = assertThrows(ConfigException.class, this::load);
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "example.com           | true",
        "EXAMPLE.Com           | true",
        "example.com.          | true",
        "www.example.com       | false",
        "notexample.com        | false",
        "example.org           | false",
        "a.example.org         | true",
        "b.a.example.org       | true",
        "A.Example.ORG.        | true",
        "xexample.org          | false",
        "sub.example.net       | true",
        "example.net           | true",
        "localhost             | false",
        "''                    | false",
        ".                     | false",
        "[192.0.2.1]           | true",
    })
    void rcpthostsMatching(String domain, boolean accepted) throws Exception {
        write("rcpthosts", "example.com\n.example.org\n[192.0.2.1]\n");
        write("morercpthosts", "example.net\n.example.net\n");
        assertEquals(accepted, load().acceptsDomain(domain.equals("''") ? "" : domain), domain);
    }

    @Test
    void rcpthostsSourceNamesBothFiles() throws Exception {
        write("rcpthosts", "a.example");
        write("morercpthosts", "b.example");
        assertEquals(dir.resolve("rcpthosts") + " + " + dir.resolve("morercpthosts"),
                described(load()).get("rcpthosts").source());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "spam@example.com        | true",
        "SPAM@EXAMPLE.COM        | true",
        "other@example.com       | false",
        "anyone@bad.example      | true",
        "Anyone@BAD.Example      | true",
        "anyone@sub.bad.example  | false",
        "bad.example             | false",
        "x@y@bad.example         | true",
        "spam@example.com.evil   | false",
        "''                      | false",
    })
    void badAddressMatching(String address, boolean bad) throws Exception {
        write("badmailfrom", "spam@example.com\n@bad.example\n");
        write("badrcptto", "# same rules\nspam@example.com\n@BAD.example\n");
        SmtpConfig c = load();
        String a = address.equals("''") ? "" : address;
        assertEquals(bad, c.badmailfrom().matches(a), a);
        assertEquals(bad, c.badrcptto().matches(a), a);
    }

    @Test
    void renderAlignsColumnsAndShowsEveryValue() throws Exception {
        write("me", "mx.example.com");
        write("rcpthosts", "b.example\na.example\n");
        String table = SmtpConfig.render(load().describe());
        List<String> lines = table.lines().toList();
        assertEquals("SETTING", lines.get(0).substring(0, 7));
        int valueColumn = lines.get(0).indexOf("VALUE");
        String meLine = lines.stream().filter(l -> l.startsWith("me ")).findFirst().orElseThrow();
        assertEquals("mx.example.com", meLine.substring(valueColumn));
        assertTrue(meLine.contains(dir.resolve("me").toString()));
        int rcpt = lines.indexOf(lines.stream().filter(l -> l.startsWith("rcpthosts ")).findFirst().orElseThrow());
        assertEquals("a.example", lines.get(rcpt).substring(valueColumn));
        assertEquals(" ".repeat(valueColumn) + "b.example", lines.get(rcpt + 1));
        String greetingLine = lines.stream().filter(l -> l.startsWith("smtpgreeting ")).findFirst().orElseThrow();
        assertEquals("default", greetingLine.substring("SETTING".length() + 2 + 7, valueColumn).trim());
        assertTrue(lines.stream().allMatch(l -> l.equals(l.stripTrailing())));
        assertEquals(1 + 14 + 1, lines.size(), table); // header, 14 settings, second rcpthost
    }
}
