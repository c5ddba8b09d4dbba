package org.godshell.toaster.deliver.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.godshell.toaster.deliver.Diagnosis;
import org.godshell.toaster.deliver.Outcome;
import org.godshell.toaster.dns.FixtureDns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Servers that answer badly, slowly or not at all: every case ends in a Deferred with a clear text, quickly. */
class HostileServerTest {

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

    private Diagnosis deferred(Sink.Behaviour behaviour, MessageSource message) throws Exception {
        try (Sink sink = new Sink(behaviour)) {
            RemoteConfig config = RemoteDeliveryTest.fast(RemoteConfig.defaults(dns.dns(), "me.here.test")
                    .withMxPort(sink.port()));
            Outcome out = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> new RemoteDelivery(config)
                    .deliver("a@here.test", "there.test", List.of("a@there.test"), message).get("a@there.test"));
            return assertInstanceOf(Outcome.Deferred.class, out).why();
        }
    }

    static Stream<Arguments> badGreetings() {
        return Stream.of(
                Arguments.of("bare LF", "220 hi\n", "bare LF"),
                Arguments.of("CR without LF", "220 hi\rx\r\n", "CR without LF"),
                Arguments.of("no code", "hello there\r\n", "does not start with a code"),
                Arguments.of("code 199", "199 hi\r\n", "does not start with a code"),
                Arguments.of("code 600", "600 hi\r\n", "does not start with a code"),
                Arguments.of("bad separator", "220*hi\r\n", "neither space nor hyphen"),
                Arguments.of("code changes", "220-hi\r\n250 there\r\n", "changes its code"),
                Arguments.of("NUL", "220 h\0i\r\n", "NUL"),
                Arguments.of("long line", "220 " + "x".repeat(5000) + "\r\n", "longer than 1000"),
                Arguments.of("endless reply", "220-x\r\n".repeat(500), "more than 100 lines"),
                Arguments.of("closed mid-line", "220 hel", "middle of a reply line"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badGreetings")
    void malformedRepliesAreDeferredWithTheReason(String name, String raw, String reason) throws Exception {
        Diagnosis why = deferred(c -> {
            c.raw(raw);
            c.socket.shutdownOutput();
            Thread.sleep(3000);
        }, RemoteDeliveryTest.SOURCE);
        assertTrue(why.text().contains(reason), why.text());
        assertTrue(why.status().startsWith("4."), why.status());
        assertEquals("mx1.there.test", why.remoteMta());
    }

    @Test
    void silentServerTimesOut() throws Exception {
        Diagnosis why = deferred(c -> Thread.sleep(10_000), RemoteDeliveryTest.SOURCE);
        assertEquals("4.4.2", why.status());
        assertTrue(why.text().contains("timeout"), why.text());
    }

    @Test
    void drippingServerHitsTheWholeReplyDeadline() throws Exception {
        Diagnosis why = deferred(c -> {
            c.raw("220-");
            for (int i = 0; i < 100; i++) {
                c.raw("x");
                Thread.sleep(100);
            }
        }, RemoteDeliveryTest.SOURCE);
        assertTrue(why.text().contains("timeout") && why.text().contains("greeting"), why.text());
    }

    @Test
    void disconnectAfterRcptDefers() throws Exception {
        Diagnosis why = deferred(c -> {
            c.reply("220 hi");
            c.command();
            c.reply("250 hi");
            c.command();
            c.reply("250 ok");
            c.command();
            c.socket.close();
        }, RemoteDeliveryTest.SOURCE);
        assertEquals("4.4.2", why.status());
        assertTrue(why.text().contains("RCPT TO:<a@there.test>"), why.text());
    }

    @Test
    void noReplyAfterTheDotMayMeanADuplicate() throws Exception {
        Diagnosis why = deferred(c -> {
            c.reply("220 hi");
            c.command();
            c.reply("250 hi");
            c.command();
            c.reply("250 ok");
            c.command();
            c.reply("250 ok");
            c.command();
            c.reply("354 go");
            c.data();
            c.socket.close();
        }, RemoteDeliveryTest.SOURCE);
        assertEquals("4.4.2", why.status());
        assertTrue(why.text().contains("may arrive twice"), why.text());
    }

    @Test
    void serverThatStopsReadingDataIsCutOff() throws Exception {
        MessageSource huge = () -> new InputStream() {
            long left = 64L * 1024 * 1024;

            @Override
            public int read() {
                return left-- > 0 ? 'x' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                for (int i = 0; i < n; i++) {
                    b[off + i] = (byte) (i % 80 == 79 ? '\n' : 'x');
                }
                left -= n;
                return n;
            }
        };
        Diagnosis why = deferred(c -> {
            c.reply("220 hi");
            c.command();
            c.reply("250 hi");
            c.command();
            c.reply("250 ok");
            c.command();
            c.reply("250 ok");
            c.command();
            c.reply("354 go");
            Thread.sleep(15_000);
        }, huge);
        assertTrue(why.text().contains("message data"), why.text());
    }

    @Test
    void greetingRefusalIsDeferredNotFailed() throws Exception {
        Diagnosis why = deferred(c -> c.reply("554 5.7.1 go away"), RemoteDeliveryTest.SOURCE);
        assertEquals("4.7.1", why.status());
        assertEquals("554 5.7.1 go away", why.smtpReply());
    }
}
