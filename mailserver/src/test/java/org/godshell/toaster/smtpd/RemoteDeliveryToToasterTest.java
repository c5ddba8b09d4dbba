package org.godshell.toaster.smtpd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.godshell.toaster.deliver.Outcome;
import org.godshell.toaster.deliver.remote.MessageSource;
import org.godshell.toaster.deliver.remote.RemoteConfig;
import org.godshell.toaster.deliver.remote.RemoteDelivery;
import org.godshell.toaster.dns.FixtureDns;
import org.godshell.toaster.queue.Envelope;
import org.godshell.toaster.queue.QueueId;
import org.godshell.toaster.queue.QueuedMessage;
import org.godshell.toaster.tls.SelfSigned;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Remote delivery to a second toaster: the client against our own SMTP server, MX from fixture DNS. */
class RemoteDeliveryToToasterTest {

    @TempDir
    Path root;

    @Test
    void deliversOverStartTlsIntoTheOtherToastersQueue() throws Exception {
        byte[] message = ("From: a@here.test\r\nTo: u@local.test\r\nSubject: remote\r\n\r\n.dot line\r\n"
                + "..\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII);
        Map<String, String> control = TestServer.defaults();
        control.put("servercert.pem", SelfSigned.create("mx.test"));
        try (TestServer server = new TestServer(root, control); FixtureDns dns = new FixtureDns()) {
            dns.mx("local.test.", "mx.local.test.").a("mx.local.test.", "127.0.0.1");
            RemoteDelivery delivery = new RemoteDelivery(RemoteConfig.defaults(dns.dns(), "sender.test")
                    .withMxPort(server.address().getPort()));
            Map<String, Outcome> out = delivery.deliver("a@here.test", "local.test",
                    List.of("u@local.test", "v@local.test"), () -> new ByteArrayInputStream(message));
            for (Outcome outcome : out.values()) {
                Outcome.Delivered delivered = assertInstanceOf(Outcome.Delivered.class, outcome);
                assertTrue(delivered.detail().contains(" qp "), delivered.detail());
                assertTrue(delivered.detail().contains("TLSv1."), delivered.detail());
            }
            List<QueueId> ids = server.queue.list();
            assertEquals(1, ids.size());
            QueuedMessage queued = server.queue.read(ids.get(0));
            assertEquals("a@here.test", queued.envelope().sender());
            try (InputStream in = queued.openMessage()) {
                String stored = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                assertTrue(stored.endsWith(new String(message, StandardCharsets.US_ASCII)), stored);
            }
        }
    }

    /** A relay chain keeps SMTPUTF8 and BODY=8BITMIME: the second toaster queues both (issue 18 §2). */
    @Test
    void smtputf8AndEightBitMimeSurviveTheHopIntoTheOtherToastersQueue() throws Exception {
        byte[] message = "From: josé@here.test\r\nSubject: café\r\n\r\nçà\r\n".getBytes(StandardCharsets.UTF_8);
        try (TestServer server = new TestServer(root, TestServer.defaults()); FixtureDns dns = new FixtureDns()) {
            dns.mx("local.test.", "mx.local.test.").a("mx.local.test.", "127.0.0.1");
            RemoteDelivery delivery = new RemoteDelivery(RemoteConfig.defaults(dns.dns(), "sender.test")
                    .withMxPort(server.address().getPort()));
            Outcome out = delivery.deliver("josé@here.test", "local.test", List.of("u@local.test"),
                    MessageSource.of(() -> new ByteArrayInputStream(message), true, true)).get("u@local.test");
            assertInstanceOf(Outcome.Delivered.class, out);
            Envelope queued = server.queue.read(server.queue.list().get(0)).envelope();
            assertEquals("josé@here.test", queued.sender());
            assertTrue(queued.smtputf8() && queued.eightBitMime(), queued.toString());
        }
    }

    @Test
    void theOtherToastersRefusalsComeBackPerRecipient() throws Exception {
        try (TestServer server = new TestServer(root, TestServer.defaults()); FixtureDns dns = new FixtureDns()) {
            dns.a("mx.other.test.", "127.0.0.1").mx("other.test.", "mx.other.test.");
            RemoteDelivery delivery = new RemoteDelivery(RemoteConfig.defaults(dns.dns(), "sender.test")
                    .withMxPort(server.address().getPort()));
            Outcome out = delivery.deliver("a@here.test", "other.test", List.of("u@other.test"),
                    () -> new ByteArrayInputStream("\r\n".getBytes(StandardCharsets.US_ASCII))).get("u@other.test");
            Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, out);
            assertEquals("5.7.1", failed.why().status());
            assertTrue(failed.why().smtpReply().contains("rcpthosts"), failed.why().smtpReply());
        }
    }
}
