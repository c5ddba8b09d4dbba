package org.godshell.toaster.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.godshell.toaster.authres.DeliveredFields;
import org.godshell.toaster.dns.DkimZone;
import org.godshell.toaster.dns.FixtureDns;
import org.godshell.toaster.installer.MailClient.Tls;

/**
 * Issue 19's flows end to end on the systemd host: the installed toaster (system mode, its DKIM keys made by the
 * installer for the first domain) signs what its admin submits on 587 and delivers it to a second toaster,
 * installed beside it with {@code --unprivileged --no-loopback-relay} (so the first one's mail comes from
 * outside), which verifies the signatures, SPF and DMARC and says so in its Authentication-Results. A forgery of
 * the first domain, sent straight to the second, meets the domain's {@code p=reject}.
 *
 * <p>The container shares this machine's network: every DNS question of the second toaster goes to a fixture
 * DNS on loopback in this JVM, which publishes what the first one's admin would (the DKIM records its
 * {@code toaster dns} prints, SPF for 127.0.0.1, DMARC {@code p=reject}). The first toaster needs no DNS: a
 * line in its {@code control/smtproutes} names the second.
 */
final class SignedMailFlow {

    private static final String RECEIVER = "/root/receiver";
    private static final String RECIPIENT = "postmaster@receiver.test";
    private static final String INBOX = RECEIVER + "/domains/receiver.test/postmaster/Maildir/new";
    private static final String ROUTES = "/opt/toaster/control/smtproutes";
    private static final Pattern LISTENING = Pattern.compile("smtpd: listening on 127\\.0\\.0\\.1:(\\d+) as ");

    private final ContainerShell container;

    private SignedMailFlow(ContainerShell container) {
        this.container = container;
    }

    /** Sends as {@code admin} (with {@code password}) of example.test and checks what the second toaster made of it. */
    static void run(ContainerShell container, String admin, String password) throws Exception {
        try (FixtureDns dns = new FixtureDns().txt("example.test.", "v=spf1 ip4:127.0.0.1 -all")
                .txt("_dmarc.example.test.", "v=DMARC1; p=reject")) {
            new SignedMailFlow(container).run(dns, admin, password);
        }
    }

    private void run(FixtureDns dns, String admin, String password) throws Exception {
        List<DkimZone.Key> published = DkimZone.publishDkim(dns,
                container.sh("/opt/toaster/bin/toaster dns --domain example.test"));
        assertEquals(2, published.size(), "the installer made an RSA and an Ed25519 key for the first domain");
        int port = startReceiver(dns.address().getPort());
        try {
            container.sh("echo 'receiver.test:[127.0.0.1]:" + port + "' > /tmp/routes && install -m 640 -g toaster "
                    + "/tmp/routes " + ROUTES);
            String subject = "signed-" + System.nanoTime();
            MailClient.send(587, Tls.STARTTLS, admin, password, admin, RECIPIENT, subject);
            String message = awaitMessage(subject);
            List<String> results = DeliveredFields.results(message, "mx.receiver.test");
            assertEquals("pass", DeliveredFields.result(results, "spf"), message);
            assertEquals("pass", DeliveredFields.result(results, "dmarc"), message);
            assertEquals(published.size(), DeliveredFields.values(message, "DKIM-Signature").size(), message);
            for (DkimZone.Key key : published) {
                assertTrue(results.stream().anyMatch(part -> part.startsWith("dkim=pass ")
                        && part.contains(" header.d=example.test") && part.contains(" header.s=" + key.selector())),
                        "a DKIM pass for " + key.selector() + " in " + results);
            }

            String refused = MailClient.sendAs(port, "x@elsewhere.test", "boss@example.test", RECIPIENT,
                    "forged-" + System.nanoTime(), "550");
            assertTrue(refused.startsWith("550 5.7.1 "), refused);
        } finally {
            container.sh("rm -f " + ROUTES + "; pkill -f '[t]oaster.home=" + RECEIVER + "' || true");
        }
    }

    /**
     * Installs the second toaster, points its DNS at {@code dnsPort} and starts its smtpd (delivery included) on a
     * port the system picks; returns that port.
     */
    private int startReceiver(int dnsPort) throws Exception {
        container.sh("java -jar /root/toaster-installer.jar install --unprivileged --prefix " + RECEIVER
                + " --hostname mx.receiver.test --domain receiver.test --no-loopback-relay --no-start --yes "
                + "--password-file /root/receiver.password >/root/receiver-install.log");
        container.sh("cd " + RECEIVER + " && echo 127.0.0.1:0 > control/listen-smtp"
                + " && echo 127.0.0.1:0 > control/listen-submission"
                + " && echo 127.0.0.1:" + dnsPort + " > control/dnsservers"
                + " && (setsid bin/toaster smtpd >/root/receiver-smtpd.log 2>&1 </dev/null &)");
        int[] port = {0};
        await("the second toaster's smtpd listening", () -> {
            Matcher listening = LISTENING.matcher(container.sh("cat /root/receiver-smtpd.log"));
            if (!listening.find()) {
                return false;
            }
            port[0] = Integer.parseInt(listening.group(1));
            return true;
        });
        return port[0];
    }

    private String awaitMessage(String subject) throws Exception {
        String grep = "grep -rl " + subject + " " + INBOX + " || true";
        await(subject + " delivered to the second toaster", () -> !container.sh(grep).isEmpty());
        return container.sh("cat \"$(" + grep + ")\"");
    }

    private void await(String what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.met()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not " + what + " within 60 s; the first toaster's queue:\n"
                        + container.sh("/opt/toaster/bin/toaster queue list") + "\nthe second toaster's log:\n"
                        + container.sh("tail -30 /root/receiver-smtpd.log"));
            }
            Thread.sleep(250);
        }
    }

    @FunctionalInterface
    private interface Condition {
        boolean met() throws Exception;
    }
}
