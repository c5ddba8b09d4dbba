package org.godshell.toaster.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line each scan gets, and the findings of a report: complete ones only. */
class TestsslTest {

    @Test
    void aStarttlsPortIsScannedByNameAtLoopbackWithoutDns() {
        List<String> args = Testssl.arguments(new Testssl.Target("submission", 2587, "smtp"), Path.of("/t/s.json"));
        assertEquals(List.of("-n", "none", "--ip", "127.0.0.1"), args.subList(6, 10));
        assertEquals(List.of("--jsonfile", "/t/s.json", "-t", "smtp", "scan.test:2587"),
                args.subList(args.size() - 5, args.size()));
    }

    @Test
    void findingsKeepTheirOrderAndSeverity() {
        List<Testssl.Finding> findings = Testssl.findings("""
                [{"id":"TLS1","severity":"INFO","finding":"not offered"},
                 {"id":"scanTime","severity":"INFO","finding":"40"}]""");
        assertEquals(List.of(new Testssl.Finding("TLS1", "INFO", "not offered"),
                new Testssl.Finding("scanTime", "INFO", "40")), findings);
    }

    @Test
    void aReportCutShortOrWithoutItsFieldsIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> Testssl.findings("[{\"id\":\"TLS1\",\"severity\":\"INFO\",\"finding\":\"not offered\"}]"));
        assertThrows(IllegalArgumentException.class,
                () -> Testssl.findings("[{\"id\":\"scanTime\",\"finding\":\"40\"}]"));
        assertThrows(IllegalArgumentException.class, () -> Testssl.findings("[]"));
    }
}
