package org.godshell.toaster.site.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Jetty takes each suite as a regular expression: only plain names get through, and something must be offered. */
class WikiTlsTest {

    @Test
    void plainSuiteNamesAreTakenInTheirOrder() throws Exception {
        WikiTls tls = new WikiTls(SSLContext.getDefault(), List.of("TLSv1.3"),
                List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256"));
        assertEquals(List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256"),
                List.of(tls.jettyFactory().getIncludeCipherSuites()));
    }

    @ParameterizedTest
    @ValueSource(strings = {".*", "TLS_.*_CBC_.*", "TLS_AES_128_GCM_SHA256|TLS_RSA_WITH_NULL_SHA", "", " ",
            "TLS_AES_128_GCM_SHA256\n", "(?i)tls_rsa_with_rc4_128_md5", "TLS_AES_128_GCM_SHA256\u0000"})
    void anythingButANameIsRefused(String suite) {
        assertThrows(IllegalArgumentException.class,
                () -> new WikiTls(SSLContext.getDefault(), List.of("TLSv1.3"), List.of(suite)));
    }

    @Test
    void noVersionOrNoSuiteIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new WikiTls(SSLContext.getDefault(), List.of(), List.of("TLS_AES_128_GCM_SHA256")));
        assertThrows(IllegalArgumentException.class,
                () -> new WikiTls(SSLContext.getDefault(), List.of("TLSv1.3"), List.of()));
    }

}
