package org.godshell.toaster.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.godshell.toaster.io.AtomicFile;
import org.godshell.toaster.io.Handover;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Once ACME issued, control/servercert.pem is a link to acme/servercert.pem, and a renewal replaces that target
 * by rename: the servers follow the link and serve the new certificate from the next handshake.
 */
class TlsSourceLinkTest {

    @TempDir
    Path dir;

    @Test
    void aLinkedCertificateIsFollowedAndItsAtomicReplacementNoticed() throws Exception {
        Path control = Files.createDirectories(dir.resolve("control"));
        Path target = Files.createDirectories(control.resolve("acme")).resolve("servercert.pem");
        SelfSigned.write(target, SelfSigned.create("mail.example.test"), Handover.KEEP);
        Files.createSymbolicLink(control.resolve("servercert.pem"), Path.of("acme/servercert.pem"));
        TlsSource source = TlsSource.watch(control, line -> { }).orElseThrow();
        X509Certificate first = served(source);
        assertEquals(ServerCertificate.read(target).chain().getFirst(), first);

        AtomicFile.write(target, SelfSigned.create("mail.example.test"), "rw-------");
        X509Certificate renewed = served(source);
        assertNotEquals(first, renewed);
        assertEquals(ServerCertificate.read(target).chain().getFirst(), renewed);
    }

    private static X509Certificate served(TlsSource source) {
        return source.current().keys().getCertificateChain(SniKeyManager.DEFAULT)[0];
    }
}
