package org.godshell.toaster.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.godshell.toaster.hostcheck.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18 #10: doctor says who relays without logging in, and warns where loopback trust meets a local proxy. */
class RelayingTest {

    private static final String INSTALLED = """
            127.:allow,RELAYCLIENT="",SPPCONFFILE="control/smtpplugins-local"
            ::1:allow,RELAYCLIENT="",SPPCONFFILE="control/smtpplugins-local"
            :allow
            """;

    @TempDir
    Path control;

    @Test
    void withoutTcpSmtpNobodyRelaysWithoutLoggingIn() throws Exception {
        Finding finding = Relaying.check(control, false);
        assertEquals(Finding.Level.OK, finding.level());
        assertTrue(finding.message().contains("only clients that log in"), finding.message());
    }

    @Test
    void theInstallersRulesNameLoopbackAndTheWayToTakeItAway() throws Exception {
        Files.writeString(control.resolve("tcp.smtp"), INSTALLED);
        Files.writeString(control.resolve("listen-smtp"), "0.0.0.0:25\n");
        Finding finding = Relaying.check(control, false);
        assertEquals(Finding.Level.OK, finding.level(), finding.message());
        assertTrue(finding.message().contains("127.0.0.1 (" + control.resolve("tcp.smtp") + ":1), ::1 ("),
                finding.message());
        assertTrue(finding.message().contains("--no-loopback-relay"), finding.message());
    }

    @Test
    void loopbackListenersAndLoopbackRelayWarnUnlessTheProxyIsListedOrItIsTheDemo() throws Exception {
        Files.writeString(control.resolve("tcp.smtp"), INSTALLED);
        Files.writeString(control.resolve("listen-smtp"), "127.0.0.1:2525\n");
        Files.writeString(control.resolve("listen-submission"), "[::1]:2587\n");
        Finding behindProxy = Relaying.check(control, false);
        assertEquals(Finding.Level.WARN, behindProxy.level(), behindProxy.message());
        assertTrue(behindProxy.message().contains("control/proxyfrom"), behindProxy.message());
        assertEquals(Finding.Level.OK, Relaying.check(control, true).level(), "the demo listens on loopback by design");

        Files.writeString(control.resolve("proxyfrom"), "127.0.0.1\n");
        assertEquals(Finding.Level.OK, Relaying.check(control, false).level(), "the proxy's header is judged");

        Files.delete(control.resolve("proxyfrom"));
        Files.writeString(control.resolve("listen-smtps"), "0.0.0.0:465\n");
        assertEquals(Finding.Level.OK, Relaying.check(control, false).level(), "the internet reaches smtpd itself");
    }

    @Test
    void aCatchAllRuleWithRelayclientIsAnOpenRelay() throws Exception {
        Files.writeString(control.resolve("tcp.smtp"), "127.:allow,RELAYCLIENT=\"\"\n:allow,RELAYCLIENT=\"\"\n");
        Finding finding = Relaying.check(control, false);
        assertEquals(Finding.Level.FAIL, finding.level());
        assertTrue(finding.message().startsWith("open relay: " + control.resolve("tcp.smtp") + ":2 "),
                finding.message());
    }

    @Test
    void denyingEveryoneRelaysNobody() throws Exception {
        Files.writeString(control.resolve("tcp.smtp"), ":deny\n");
        assertEquals(Finding.Level.OK, Relaying.check(control, false).level());
    }
}
