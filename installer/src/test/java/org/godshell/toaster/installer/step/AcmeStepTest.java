package org.godshell.toaster.installer.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.installer.settings.AcmeSettings;
import org.godshell.toaster.installer.settings.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The step runs the installed {@code bin/toaster cert acme}; here a script stands in for the program. */
class AcmeStepTest {

    private static final AcmeSettings ACME = new AcmeSettings("admin@example.org", AcmeSettings.LETS_ENCRYPT_STAGING,
            Optional.of(Path.of("/etc/toaster-ca.pem")), AcmeSettings.TLS_ALPN_01);

    private static StepContext context(Path root, String script, StringWriter out) throws Exception {
        StepContext context = Contexts.of(root, Mode.UNPRIVILEGED, Optional.empty(), out);
        Path bin = Files.createDirectories(root.resolve("bin"));
        Files.writeString(bin.resolve("toaster"), "#!/bin/sh\n" + script);
        Files.setPosixFilePermissions(bin.resolve("toaster"), PosixFilePermissions.fromString("rwx------"));
        return context;
    }

    @Test
    void ordersWithTheGivenAccountDirectoryAndTrust(@TempDir Path root) throws Exception {
        StringWriter out = new StringWriter();
        StepContext context = context(root, """
                echo "$@" > "$(dirname "$0")/../argv"
                mkdir -p "$(dirname "$0")/../control/acme"
                echo key-and-chain > "$(dirname "$0")/../control/acme/servercert.pem"
                echo "acme: issued for mail.example.org"
                """, out);
        AcmeStep step = new AcmeStep(context, ACME);
        assertFalse(step.isDone());
        step.apply();
        assertTrue(step.isDone());
        assertEquals("cert acme --email admin@example.org --agree-tos --directory "
                + AcmeSettings.LETS_ENCRYPT_STAGING + " --challenge tls-alpn-01 --ca-cert /etc/toaster-ca.pem",
                Files.readString(root.resolve("argv")).strip());
        assertTrue(out.toString().contains("acme: issued for mail.example.org"), out.toString());
    }

    @Test
    void aCaThatRefusesLeavesTheSelfSignedCertificateAndSaysHowToRetry(@TempDir Path root) throws Exception {
        StringWriter out = new StringWriter();
        StepContext context = context(root, """
                echo "toaster cert acme: mail.example.org: the CA could not fetch the challenge: connection refused" >&2
                exit 1
                """, out);
        AcmeStep step = new AcmeStep(context, ACME);
        step.apply();
        assertFalse(step.isDone());
        String said = out.toString();
        assertTrue(said.contains("self-signed one keeps serving"), said);
        assertTrue(said.contains("connection refused"), said);
        assertTrue(said.contains(String.join(" ", step.argv())), said);
    }

    @Test
    void aProgramThatSucceedsWithoutACertificateIsNotTakenForDone(@TempDir Path root) throws Exception {
        StringWriter out = new StringWriter();
        AcmeStep step = new AcmeStep(context(root, "echo done\n", out), ACME);
        step.apply();
        assertFalse(step.isDone());
        assertTrue(out.toString().contains("no certificate from the CA yet"), out.toString());
    }

    @Test
    void aLinkWhereTheCertificateBelongsIsNotACertificate(@TempDir Path root) throws Exception {
        StepContext context = context(root, "exit 0\n", new StringWriter());
        Files.createDirectories(root.resolve("control/acme"));
        Files.createSymbolicLink(root.resolve("control/acme/servercert.pem"), Path.of("/etc/passwd"));
        assertFalse(new AcmeStep(context, ACME).isDone());
    }

    @Test
    void theStepComesLastInThePlan(@TempDir Path root) throws Exception {
        StepContext context = context(root, "exit 0\n", new StringWriter());
        List<Step> steps = InstallSteps.of(context, () -> { throw new AssertionError("no payload read"); }, true);
        assertFalse(steps.stream().anyMatch(AcmeStep.class::isInstance), "no --acme, no step");
    }
}
