package org.godshell.toaster.deliver.remote;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.config.ControlFiles;
import org.godshell.toaster.config.SmarthostAuth;
import org.godshell.toaster.config.SmtpRoutes;
import org.godshell.toaster.deliver.Outcome;
import org.godshell.toaster.dns.FixtureDns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Mail for a domain of a shared user database whose mailbox host is another toaster goes to that host, whatever
 * the domain's MX says: the MX hosts may be this very host (issue 27). The clients keep the default timeouts: a
 * TLS handshake on a loaded machine must not turn into a deferral.
 */
class MailboxHostRelayTest {

    FixtureDns dns;

    @BeforeEach
    void dns() throws Exception {
        dns = new FixtureDns();
        // Asking for the domain's MX would defer the mail: only the mailbox host may be looked up.
        dns.servfail("shared.test.");
        dns.a("store-a.example.net.", "127.0.0.1");
    }

    @AfterEach
    void stop() throws Exception {
        dns.close();
    }

    @Test
    void goesToTheMailboxHostNotTheMx() throws Exception {
        try (Sink sink = new Sink(Mta.plain())) {
            RemoteConfig config = RemoteConfig.defaults(dns.dns(), "me.here.test").withMxPort(sink.port());
            Outcome out = new RemoteDelivery(config).deliver("a@here.test", "shared.test",
                    List.of("ann+lists@shared.test"), RemoteDeliveryTest.SOURCE, Optional.of("store-a.example.net"))
                    .get("ann+lists@shared.test");
            assertInstanceOf(Outcome.Delivered.class, out);
            assertTrue(sink.commands.contains("RCPT TO:<ann+lists@shared.test>"), sink.commands.toString());
        }
    }

    @Test
    void smtproutesAndSmarthostauthApplyToTheMailboxHostsName() throws Exception {
        String token = Base64.getEncoder().encodeToString("\0relay@example.net\0host secret"
                .getBytes(StandardCharsets.UTF_8));
        Mta peer = Mta.plain().withExtensions("STARTTLS", "AUTH PLAIN")
                .withAuth(line -> line.equals("AUTH PLAIN " + token) ? "235 2.7.0 ok" : "535 5.7.8 bad");
        try (Sink sink = new Sink(peer)) {
            RemoteConfig c = RemoteConfig.defaults(dns.dns(), "me.here.test");
            SmtpRoutes routes = RemoteDeliveryTest.read(ControlFiles.SMTPROUTES,
                    "store-a.example.net:[127.0.0.1]:" + sink.port() + "\n");
            SmarthostAuth auth = RemoteDeliveryTest.read(ControlFiles.SMARTHOSTAUTH,
                    "[127.0.0.1] relay@example.net host secret\n");
            RemoteConfig routed = new RemoteConfig(c.dns(), c.dnsTimeout(), routes, auth, c.helo(), c.timeouts(),
                    true, 25);
            Outcome out = new RemoteDelivery(routed).deliver("a@here.test", "shared.test", List.of("bob@shared.test"),
                    RemoteDeliveryTest.SOURCE, Optional.of("store-a.example.net")).get("bob@shared.test");
            assertInstanceOf(Outcome.Delivered.class, out);
            assertTrue(sink.commands.indexOf("STARTTLS") < sink.commands.indexOf("AUTH PLAIN " + token),
                    sink.commands.toString());
        }
    }

    @Test
    void aMailboxHostThatIsDownDefers() throws Exception {
        RemoteConfig config = RemoteConfig.defaults(dns.dns(), "me.here.test").withMxPort(1);
        Outcome out = new RemoteDelivery(config).deliver("a@here.test", "shared.test", List.of("ann@shared.test"),
                RemoteDeliveryTest.SOURCE, Optional.of("store-a.example.net")).get("ann@shared.test");
        assertInstanceOf(Outcome.Deferred.class, out);
    }
}
