package org.godshell.toaster.deliver.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.godshell.toaster.config.ControlFiles;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.config.Key;
import org.godshell.toaster.config.SmarthostAuth;
import org.godshell.toaster.config.SmtpRoutes;
import org.godshell.toaster.deliver.Diagnosis;
import org.godshell.toaster.deliver.Outcome;
import org.godshell.toaster.dns.FixtureDns;
import org.godshell.toaster.smtpc.ClientTimeouts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Delivery against scripted sinks on loopback, MX answers from a fixture DNS server on loopback. */
class RemoteDeliveryTest {

    static final byte[] MESSAGE = ("From: a@here.test\r\nSubject: hi\r\n\r\n.leading dot\r\n..two\r\nend\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    static final MessageSource SOURCE = () -> new ByteArrayInputStream(MESSAGE);

    FixtureDns dns;

    @BeforeEach
    void dns() throws Exception {
        dns = new FixtureDns();
        dns.mx("there.test.", "mx1.there.test.").a("mx1.there.test.", "127.0.0.1");
    }

    @AfterEach
    void stop() throws Exception {
        dns.close();
    }

    RemoteConfig config(int port) {
        return RemoteConfig.defaults(dns.dns(), "me.here.test").withMxPort(port);
    }

    static RemoteConfig fast(RemoteConfig c) {
        return new RemoteConfig(c.dns(), Duration.ofSeconds(2), c.routes(), c.auth(), c.helo(),
                ClientTimeouts.all(Duration.ofSeconds(2), Duration.ofSeconds(1)), c.startTls(), c.mxPort());
    }

    static Diagnosis why(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Deferred d -> d.why();
            case Outcome.Failed f -> f.why();
            case Outcome.Delivered d -> throw new AssertionError("delivered: " + d.detail());
        };
    }

    @Test
    void honoursEachRecipientsReplyInOnePipelinedTransaction() throws Exception {
        try (Sink sink = new Sink(Mta.plain().withRcpt(Map.of(
                "later@there.test", "451 4.2.1 mailbox busy",
                "gone@there.test", "550-5.1.1 no such user\r\n550 5.1.1 try another")))) {
            Map<String, Outcome> out = new RemoteDelivery(config(sink.port())).deliver("a@here.test", "there.test",
                    List.of("ok@there.test", "later@there.test", "gone@there.test", "ok2@There.Test"), SOURCE);
            assertEquals(List.of("ok@there.test", "later@there.test", "gone@there.test", "ok2@There.Test"),
                    List.copyOf(out.keySet()));
            assertInstanceOf(Outcome.Delivered.class, out.get("ok@there.test"));
            assertTrue(((Outcome.Delivered) out.get("ok2@There.Test")).detail().contains("250 2.0.0 ok queued as 1"));
            Outcome.Deferred later = assertInstanceOf(Outcome.Deferred.class, out.get("later@there.test"));
            assertEquals("4.2.1", later.why().status());
            assertEquals("mx1.there.test", later.why().remoteMta());
            assertEquals("451 4.2.1 mailbox busy", later.why().smtpReply());
            Outcome.Failed gone = assertInstanceOf(Outcome.Failed.class, out.get("gone@there.test"));
            assertEquals("5.1.1", gone.why().status());
            assertEquals("550 5.1.1 no such user try another", gone.why().smtpReply());
            assertArrayEquals(MESSAGE, sink.messages.get(0));
            assertEquals(List.of("EHLO me.here.test", "MAIL FROM:<a@here.test>", "RCPT TO:<ok@there.test>",
                    "RCPT TO:<later@there.test>", "RCPT TO:<gone@there.test>", "RCPT TO:<ok2@There.Test>", "DATA",
                    "QUIT"), sink.commands);
        }
    }

    @Test
    void statusIsDerivedFromTheBasicCodeWithoutEnhancedCodes() throws Exception {
        try (Sink sink = new Sink(Mta.plain().withRcpt(Map.of("t@there.test", "452 try later",
                "p@there.test", "553 nope")))) {
            Map<String, Outcome> out = new RemoteDelivery(config(sink.port())).deliver("", "there.test",
                    List.of("t@there.test", "p@there.test"), SOURCE);
            assertEquals("4.0.0", why(out.get("t@there.test")).status());
            assertEquals("5.0.0", why(out.get("p@there.test")).status());
            assertEquals("MAIL FROM:<>", sink.commands.get(1));
            assertFalse(sink.commands.contains("DATA"), "no DATA when no recipient was accepted");
        }
    }

    @Test
    void finalReplyAppliesToEveryAcceptedRecipient() throws Exception {
        try (Sink sink = new Sink(Mta.plain().withData("554 5.6.0 content refused")
                .withRcpt(Map.of("x@there.test", "550 5.1.1 unknown")))) {
            Map<String, Outcome> out = new RemoteDelivery(config(sink.port())).deliver("a@here.test", "there.test",
                    List.of("a@there.test", "b@there.test", "x@there.test"), SOURCE);
            assertEquals("5.6.0", why(out.get("a@there.test")).status());
            assertEquals("5.6.0", why(out.get("b@there.test")).status());
            assertEquals("5.1.1", why(out.get("x@there.test")).status());
        }
        try (Sink sink = new Sink(Mta.plain().withData("451 4.3.0 disk full"))) {
            Outcome out = new RemoteDelivery(config(sink.port())).deliver("a@here.test", "there.test",
                    List.of("a@there.test"), SOURCE).get("a@there.test");
            assertEquals("4.3.0", assertInstanceOf(Outcome.Deferred.class, out).why().status());
        }
    }

    @Test
    void withoutPipeliningEachRcptWaitsForItsReply() throws Exception {
        try (Sink sink = new Sink(Mta.plain().withExtensions("8BITMIME"))) {
            Map<String, Outcome> out = new RemoteDelivery(config(sink.port())).deliver("a@here.test", "there.test",
                    List.of("a@there.test", "b@there.test", "a@there.test"), SOURCE);
            assertEquals(2, out.size(), "a duplicate recipient is sent once");
            out.values().forEach(o -> assertInstanceOf(Outcome.Delivered.class, o));
            assertEquals(2, sink.commands.stream().filter(c -> c.startsWith("RCPT")).count());
        }
    }

    /** An 8-bit message whose client asked for SMTPUTF8, as the queue keeps it (issue 18 §2). */
    static final byte[] UTF8_MESSAGE = "From: josé@here.test\r\nSubject: café\r\n\r\nçà\r\n".getBytes(StandardCharsets.UTF_8);
    static final MessageSource UTF8_SOURCE = MessageSource.of(() -> new ByteArrayInputStream(UTF8_MESSAGE), true, true);

    @Test
    void smtputf8AndEightBitMimeAreAskedForWhenTheHostOffersThem() throws Exception {
        try (Sink sink = new Sink(Mta.plain().withExtensions("PIPELINING", "8BITMIME", "SMTPUTF8"))) {
            Map<String, Outcome> out = new RemoteDelivery(config(sink.port())).deliver("a@here.test", "there.test",
                    List.of("josé@there.test"), UTF8_SOURCE);
            assertInstanceOf(Outcome.Delivered.class, out.get("josé@there.test"));
            assertEquals(List.of("EHLO me.here.test", "MAIL FROM:<a@here.test> BODY=8BITMIME SMTPUTF8",
                    "RCPT TO:<josé@there.test>", "DATA", "QUIT"), sink.commands);
            assertArrayEquals(UTF8_MESSAGE, sink.messages.get(0));
        }
    }

    @Test
    void withoutSmtputf8AtTheHostNonAsciiRecipientsFailWith567AndTheOthersGetTheBodyAsItIs() throws Exception {
        try (Sink sink = new Sink(Mta.plain().withExtensions("PIPELINING"))) {
            Map<String, Outcome> out = new RemoteDelivery(config(sink.port())).deliver("a@here.test", "there.test",
                    List.of("josé@there.test", "bob@there.test"), UTF8_SOURCE);
            Outcome.Failed jose = assertInstanceOf(Outcome.Failed.class, out.get("josé@there.test"));
            assertEquals("5.6.7", jose.why().status());
            assertTrue(jose.why().text().contains("does not offer SMTPUTF8"), jose.why().text());
            assertInstanceOf(Outcome.Delivered.class, out.get("bob@there.test"));
            assertEquals(List.of("EHLO me.here.test", "MAIL FROM:<a@here.test>", "RCPT TO:<bob@there.test>", "DATA",
                    "QUIT"), sink.commands, "no SMTPUTF8, no BODY= the host does not know, no UTF-8 RCPT");
            assertArrayEquals(UTF8_MESSAGE, sink.messages.get(0), "8-bit bytes are sent unconverted (RFC 6152)");
        }
    }

    /**
     * The Remote delivery page's claim: an 8-bit body goes to a host without 8BITMIME as it is, without
     * {@code BODY=}, neither converted nor refused (qmail's way, not RFC 6152 §3's).
     */
    @Test
    void anEightBitBodyGoesUnconvertedToAHostWithout8BitMime() throws Exception {
        byte[] message = "Subject: x\r\n\r\nçà\r\n".getBytes(StandardCharsets.UTF_8);
        try (Sink sink = new Sink(Mta.plain().withExtensions("PIPELINING"))) {
            Outcome out = new RemoteDelivery(config(sink.port())).deliver("a@here.test", "there.test",
                    List.of("b@there.test"), MessageSource.of(() -> new ByteArrayInputStream(message), true, false))
                    .get("b@there.test");
            assertInstanceOf(Outcome.Delivered.class, out);
            assertEquals(List.of("EHLO me.here.test", "MAIL FROM:<a@here.test>", "RCPT TO:<b@there.test>", "DATA",
                    "QUIT"), sink.commands);
            assertArrayEquals(message, sink.messages.get(0));
        }
    }

    @Test
    void withoutSmtputf8AtTheHostANonAsciiSenderFailsEveryRecipient() throws Exception {
        try (Sink sink = new Sink(Mta.plain())) {
            Map<String, Outcome> out = new RemoteDelivery(config(sink.port())).deliver("josé@here.test", "there.test",
                    List.of("a@there.test", "b@there.test"), UTF8_SOURCE);
            out.values().forEach(o -> assertEquals("5.6.7", assertInstanceOf(Outcome.Failed.class, o).why().status()));
            assertEquals(List.of("EHLO me.here.test", "QUIT"), sink.commands);
        }
    }

    @Test
    void mailFromRefusalsDecideForAll() throws Exception {
        try (Sink sink = new Sink(Mta.plain().withMail("553 5.7.1 sender refused"))) {
            Map<String, Outcome> out = new RemoteDelivery(config(sink.port())).deliver("a@here.test", "there.test",
                    List.of("a@there.test", "b@there.test"), SOURCE);
            out.values().forEach(o -> assertEquals("5.7.1", assertInstanceOf(Outcome.Failed.class, o).why().status()));
        }
        try (Sink sink = new Sink(Mta.plain().withMail("451 4.7.1 greylisted"))) {
            Outcome out = new RemoteDelivery(config(sink.port())).deliver("a@here.test", "there.test",
                    List.of("a@there.test"), SOURCE).get("a@there.test");
            assertEquals("4.7.1", assertInstanceOf(Outcome.Deferred.class, out).why().status());
        }
    }

    @Test
    void ehloRefusedFallsBackToHelo() throws Exception {
        Sink.Behaviour old = c -> {
            c.reply("220 old.test SMTP");
            String command;
            while ((command = c.command()) != null) {
                if (command.startsWith("EHLO")) {
                    c.reply("500 5.5.1 what?");
                } else if (command.equals("DATA")) {
                    c.reply("354 go");
                    c.data();
                    c.reply("250 ok");
                } else if (command.equals("QUIT")) {
                    c.reply("221 bye");
                    return;
                } else {
                    c.reply("250 ok");
                }
            }
        };
        try (Sink sink = new Sink(old)) {
            Outcome out = new RemoteDelivery(config(sink.port())).deliver("a@here.test", "there.test",
                    List.of("a@there.test"), SOURCE).get("a@there.test");
            assertInstanceOf(Outcome.Delivered.class, out);
            assertEquals("HELO me.here.test", sink.commands.get(1));
            assertEquals("MAIL FROM:<a@here.test>", sink.commands.get(2), "no SIZE parameter without SIZE");
        }
    }

    @Test
    void sizeOverTheServersLimitFailsWithoutSending() throws Exception {
        try (Sink sink = new Sink(Mta.plain().withExtensions("SIZE 10"))) {
            Outcome out = new RemoteDelivery(config(sink.port())).deliver("a@here.test", "there.test",
                    List.of("a@there.test"), SOURCE).get("a@there.test");
            assertEquals("5.3.4", assertInstanceOf(Outcome.Failed.class, out).why().status());
            assertTrue(sink.commands.stream().noneMatch(c -> c.startsWith("MAIL")));
        }
        try (Sink sink = new Sink(Mta.plain().withExtensions("SIZE 1000000"))) {
            new RemoteDelivery(config(sink.port())).deliver("a@here.test", "there.test", List.of("a@there.test"),
                    SOURCE);
            assertEquals("MAIL FROM:<a@here.test> SIZE=" + MESSAGE.length, sink.commands.get(1));
        }
    }

    @Test
    void startTlsWheneverOffered() throws Exception {
        try (Sink sink = new Sink(Mta.plain().withExtensions("PIPELINING", "STARTTLS"))) {
            Outcome out = new RemoteDelivery(config(sink.port())).deliver("a@here.test", "there.test",
                    List.of("a@there.test"), SOURCE).get("a@there.test");
            assertTrue(((Outcome.Delivered) out).detail().contains("TLSv1."), out.toString());
            assertEquals(List.of("EHLO me.here.test", "STARTTLS", "EHLO me.here.test"), sink.commands.subList(0, 3));
            assertArrayEquals(MESSAGE, sink.messages.get(0));
        }
    }

    @Test
    void failedHandshakeIsRetriedOnceInPlainText() throws Exception {
        int[] count = {0};
        Sink.Behaviour script = c -> {
            synchronized (count) {
                count[0]++;
            }
            if (count[0] == 1) {
                c.reply("220 sink.test ESMTP");
                c.command();
                c.reply("250-sink.test", "250 STARTTLS");
                c.command();
                c.reply("220 go ahead");
                c.raw("this is not a TLS server hello\r\n");
                c.socket.close();
            } else {
                Mta.plain().withExtensions("STARTTLS").serve(c);
            }
        };
        try (Sink sink = new Sink(script)) {
            Outcome out = new RemoteDelivery(config(sink.port())).deliver("a@here.test", "there.test",
                    List.of("a@there.test"), SOURCE).get("a@there.test");
            assertTrue(((Outcome.Delivered) out).detail().endsWith("(no TLS)"), out.toString());
            assertEquals(2, sink.connections.get());
            assertEquals(1, sink.commands.stream().filter("STARTTLS"::equals).count());
        }
    }

    @Test
    void triesTheNextMxWhenOneIsDownOrRefuses() throws Exception {
        try (Sink good = new Sink(Mta.plain())) {
            try (Sink busy = new Sink(InetAddress.getByName("127.0.0.3"), good.port(),
                    Mta.plain().withGreeting("421 4.3.2 too busy"))) {
                dns.mx("multi.test.", 10, "down.multi.test.").mx("multi.test.", 20, "busy.multi.test.")
                        .mx("multi.test.", 30, "good.multi.test.")
                        .a("down.multi.test.", "127.0.0.2").a("busy.multi.test.", "127.0.0.3")
                        .a("good.multi.test.", "127.0.0.1");
                Outcome out = new RemoteDelivery(config(good.port())).deliver("a@here.test", "multi.test",
                        List.of("a@multi.test"), SOURCE).get("a@multi.test");
                assertTrue(((Outcome.Delivered) out).detail().startsWith("good.multi.test [127.0.0.1]"), out.toString());
                assertEquals(1, busy.connections.get());
            }
        }
    }

    @Test
    void allHostsDownIsDeferred() throws Exception {
        dns.mx("down.test.", "a.down.test.").a("a.down.test.", "127.0.0.2");
        try (Sink sink = new Sink(Mta.plain())) {
            Outcome out = new RemoteDelivery(fast(config(sink.port()))).deliver("a@here.test", "down.test",
                    List.of("a@down.test"), SOURCE).get("a@down.test");
            Diagnosis why = assertInstanceOf(Outcome.Deferred.class, out).why();
            assertEquals("4.4.1", why.status());
            assertEquals("a.down.test", why.remoteMta());
        }
    }

    @Test
    void smtproutesRelayWithAuthOnlyOverTls() throws Exception {
        String token = java.util.Base64.getEncoder().encodeToString("\0me@here.test\0pass word"
                .getBytes(StandardCharsets.UTF_8));
        Mta smarthost = Mta.plain().withExtensions("STARTTLS", "AUTH LOGIN PLAIN")
                .withAuth(line -> line.equals("AUTH PLAIN " + token) ? "235 2.7.0 ok" : "535 5.7.8 bad");
        try (Sink sink = new Sink(smarthost)) {
            RemoteConfig c = config(25);
            SmtpRoutes routes = routes(":[127.0.0.1]:" + sink.port());
            SmarthostAuth auth = auth("[127.0.0.1] me@here.test pass word");
            RemoteConfig withAuth = new RemoteConfig(c.dns(), c.dnsTimeout(), routes, auth, c.helo(), c.timeouts(),
                    true, 25);
            Outcome out = new RemoteDelivery(withAuth).deliver("a@here.test", "far.example", List.of("x@far.example"),
                    SOURCE).get("x@far.example");
            assertInstanceOf(Outcome.Delivered.class, out);
            assertTrue(sink.commands.indexOf("STARTTLS") < sink.commands.indexOf("AUTH PLAIN " + token));

            SmarthostAuth wrong = auth("[127.0.0.1] me@here.test bad");
            Outcome refused = new RemoteDelivery(new RemoteConfig(c.dns(), c.dnsTimeout(), routes, wrong, c.helo(),
                    c.timeouts(), true, 25)).deliver("a@here.test", "far.example", List.of("x@far.example"), SOURCE)
                    .get("x@far.example");
            assertEquals("4.7.8", assertInstanceOf(Outcome.Deferred.class, refused).why().status());
        }
        try (Sink plain = new Sink(Mta.plain().withExtensions("AUTH PLAIN"))) {
            RemoteConfig c = config(25);
            RemoteConfig noTls = new RemoteConfig(c.dns(), c.dnsTimeout(), routes(":[127.0.0.1]:" + plain.port()),
                    auth("[127.0.0.1] me@here.test secret"), c.helo(), c.timeouts(), true, 25);
            Outcome out = new RemoteDelivery(noTls).deliver("a@here.test", "far.example", List.of("x@far.example"),
                    SOURCE).get("x@far.example");
            Diagnosis why = assertInstanceOf(Outcome.Deferred.class, out).why();
            assertTrue(why.text().contains("refusing to send the smarthost password in plain text"), why.text());
            assertTrue(plain.commands.stream().noneMatch(cmd -> cmd.startsWith("AUTH")), plain.commands.toString());
        }
    }

    /** Issue 18 #8: {@code domain:127.0.0.1:port} connects to that address; DNS, which knows no such name, is not asked. */
    @Test
    void smtproutesBareIpv4IsTheAddress() throws Exception {
        try (Sink sink = new Sink(Mta.plain())) {
            RemoteConfig c = config(25);
            RemoteConfig routed = new RemoteConfig(c.dns(), c.dnsTimeout(), routes("far.example:127.0.0.1:"
                    + sink.port()), c.auth(), c.helo(), c.timeouts(), true, 25);
            Outcome out = new RemoteDelivery(routed).deliver("a@here.test", "far.example", List.of("x@far.example"),
                    SOURCE).get("x@far.example");
            assertInstanceOf(Outcome.Delivered.class, out);
        }
    }

    @Test
    void unreadableMessageIsNeverEndedWithADot() throws Exception {
        MessageSource failing = () -> new java.io.InputStream() {
            int sent;

            @Override
            public int read() throws java.io.IOException {
                if (sent++ < 100) {
                    return 'x';
                }
                throw new java.io.IOException("disk error");
            }
        };
        try (Sink sink = new Sink(Mta.plain())) {
            Outcome out = new RemoteDelivery(config(sink.port())).deliver("a@here.test", "there.test",
                    List.of("a@there.test"), failing).get("a@there.test");
            Diagnosis why = assertInstanceOf(Outcome.Deferred.class, out).why();
            assertEquals("4.3.0", why.status());
            Thread.sleep(200);
            assertTrue(sink.messages.isEmpty(), "the sink never saw the end of data");
        }
    }

    private SmtpRoutes routes(String text) throws Exception {
        return read(ControlFiles.SMTPROUTES, text);
    }

    private SmarthostAuth auth(String text) throws Exception {
        return read(ControlFiles.SMARTHOSTAUTH, text);
    }

    /** The value of a control file with this text, read as smtpd reads it (mode 0600, as smarthostauth wants). */
    static <T> T read(Key<T> key, String text) throws Exception {
        Path dir = Files.createTempDirectory("control");
        Path file = dir.resolve(key.name());
        try {
            Files.writeString(file, text);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return Controls.once(dir).get(key);
        } finally {
            Files.delete(file);
            Files.delete(dir);
        }
    }
}
