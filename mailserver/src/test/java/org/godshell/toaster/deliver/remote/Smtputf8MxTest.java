package org.godshell.toaster.deliver.remote;

import static org.godshell.toaster.deliver.remote.RemoteDeliveryTest.UTF8_MESSAGE;
import static org.godshell.toaster.deliver.remote.RemoteDeliveryTest.UTF8_SOURCE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.godshell.toaster.deliver.Outcome;
import org.godshell.toaster.dns.FixtureDns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A host without SMTPUTF8 is a problem of that host, not of the message (issue 18 §2): the recipients that need
 * SMTPUTF8 go on to the next MX, and fail with 5.6.7 only when no MX that answered offers it. Two real loopback
 * servers on one port, at 127.0.0.1 and 127.0.0.2, are the domain's MX hosts.
 */
class Smtputf8MxTest {

    private static final Mta WITHOUT_SMTPUTF8 = Mta.plain();
    private static final Mta WITH_SMTPUTF8 = Mta.plain().withExtensions("PIPELINING", "8BITMIME", "SMTPUTF8");

    private FixtureDns dns;

    @BeforeEach
    void twoMxHosts() throws Exception {
        dns = new FixtureDns();
        dns.mx("multi.test.", 10, "mx1.multi.test.").mx("multi.test.", 20, "mx2.multi.test.")
                .a("mx1.multi.test.", "127.0.0.1").a("mx2.multi.test.", "127.0.0.2");
    }

    @AfterEach
    void stop() throws Exception {
        dns.close();
    }

    private Map<String, Outcome> deliver(int port, String sender, List<String> recipients) {
        return new RemoteDelivery(RemoteConfig.defaults(dns.dns(), "me.here.test").withMxPort(port))
                .deliver(sender, "multi.test", recipients, UTF8_SOURCE);
    }

    private static Sink second(Sink first, Mta behaviour) throws Exception {
        return new Sink(InetAddress.getByName("127.0.0.2"), first.port(), behaviour);
    }

    private static String host(Outcome outcome) {
        return assertInstanceOf(Outcome.Delivered.class, outcome, outcome.toString()).detail().split(" ")[0];
    }

    @Test
    void theFirstMxTakesTheAsciiRecipientsAndTheNextOneWithSmtputf8TheOthers() throws Exception {
        try (Sink mx1 = new Sink(WITHOUT_SMTPUTF8); Sink mx2 = second(mx1, WITH_SMTPUTF8)) {
            Map<String, Outcome> out = deliver(mx1.port(), "a@here.test",
                    List.of("josé@multi.test", "bob@multi.test"));
            assertEquals(List.of("josé@multi.test", "bob@multi.test"), List.copyOf(out.keySet()));
            assertEquals("mx1.multi.test", host(out.get("bob@multi.test")));
            assertEquals("mx2.multi.test", host(out.get("josé@multi.test")));
            assertEquals(List.of("EHLO me.here.test", "MAIL FROM:<a@here.test> BODY=8BITMIME",
                    "RCPT TO:<bob@multi.test>", "DATA", "QUIT"), mx1.commands);
            assertEquals(List.of("EHLO me.here.test", "MAIL FROM:<a@here.test> BODY=8BITMIME SMTPUTF8",
                    "RCPT TO:<josé@multi.test>", "DATA", "QUIT"), mx2.commands);
            assertArrayEquals(UTF8_MESSAGE, mx2.messages.get(0));
        }
    }

    @Test
    void aNonAsciiSenderSkipsTheMxWithoutSmtputf8Entirely() throws Exception {
        try (Sink mx1 = new Sink(WITHOUT_SMTPUTF8); Sink mx2 = second(mx1, WITH_SMTPUTF8)) {
            Map<String, Outcome> out = deliver(mx1.port(), "josé@here.test",
                    List.of("a@multi.test", "b@multi.test"));
            out.values().forEach(o -> assertEquals("mx2.multi.test", host(o)));
            assertEquals(List.of("EHLO me.here.test", "QUIT"), mx1.commands, "nothing is sent that mx1 cannot take");
        }
    }

    @Test
    void whenNoMxOffersSmtputf8TheRecipientFailsWith567AfterAllWereTried() throws Exception {
        try (Sink mx1 = new Sink(WITHOUT_SMTPUTF8); Sink mx2 = second(mx1, WITHOUT_SMTPUTF8)) {
            Map<String, Outcome> out = deliver(mx1.port(), "a@here.test",
                    List.of("josé@multi.test", "bob@multi.test"));
            Outcome.Failed jose = assertInstanceOf(Outcome.Failed.class, out.get("josé@multi.test"));
            assertEquals("5.6.7", jose.why().status());
            assertEquals("mx2.multi.test", jose.why().remoteMta(), "the last host that could not take it");
            assertTrue(jose.why().text().contains("does not offer SMTPUTF8"), jose.why().text());
            assertEquals("mx1.multi.test", host(out.get("bob@multi.test")));
            assertEquals(List.of("EHLO me.here.test", "QUIT"), mx2.commands);
        }
    }

    /** An MX that cannot be reached says nothing about SMTPUTF8: the one that answered decides. */
    @Test
    void anUnreachableNextMxLeavesTheAnswerOfTheOneThatWasReached() throws Exception {
        try (Sink mx1 = new Sink(WITHOUT_SMTPUTF8)) {
            Outcome out = deliver(mx1.port(), "a@here.test", List.of("josé@multi.test")).get("josé@multi.test");
            Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, out);
            assertEquals("5.6.7", failed.why().status());
            assertEquals("mx1.multi.test", failed.why().remoteMta());
        }
    }

    /** A host that offers SMTPUTF8 and fails for now may take the message later: wait for it, don't bounce. */
    @Test
    void anMxWithSmtputf8ThatFailsForNowDefersTheRecipient() throws Exception {
        try (Sink mx1 = new Sink(WITHOUT_SMTPUTF8);
             Sink mx2 = second(mx1, WITH_SMTPUTF8.withMail("451 4.3.2 try again later"))) {
            Outcome out = deliver(mx1.port(), "a@here.test", List.of("josé@multi.test")).get("josé@multi.test");
            Outcome.Deferred deferred = assertInstanceOf(Outcome.Deferred.class, out);
            assertEquals("4.3.2", deferred.why().status());
            assertEquals("mx2.multi.test", deferred.why().remoteMta());
            assertEquals(1, mx1.connections.get());
        }
    }
}
