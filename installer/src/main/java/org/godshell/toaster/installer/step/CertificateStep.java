package org.godshell.toaster.installer.step;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import org.godshell.toaster.installer.settings.Settings;
import org.godshell.toaster.io.AtomicFile;

/**
 * {@code control/servercert.pem} (mode 0600), as qmail keeps it: the admin's key and chain from --cert/--key, or
 * a self-signed certificate for the host name made by {@code toaster cert selfsigned}. An existing file is kept
 * unless --cert/--key name another one.
 */
final class CertificateStep implements Step {

    static final long MAX_PEM_BYTES = 1 << 20;
    static final String ACME_LINK = "acme/servercert.pem";

    private final StepContext context;

    CertificateStep(StepContext context) {
        this.context = context;
    }

    private Path file() {
        return context.root().resolve("control/servercert.pem");
    }

    @Override
    public String name() {
        return "certificate";
    }

    @Override
    public String describe() {
        return context.settings().certificate()
                .map(pair -> "certificate from " + pair.chain() + " and key " + pair.key() + " in control/servercert.pem")
                .orElse("certificate in control/servercert.pem (self-signed for " + context.settings().hostName()
                        + " unless one is there)");
    }

    @Override
    public boolean isDone() throws IOException, StepException {
        Optional<Settings.KeyPair> given = context.settings().certificate();
        if (given.isEmpty() && acmeIssued()) {
            return true;
        }
        if (!Files.isRegularFile(file(), LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        return given.isEmpty() || Files.readString(file(), StandardCharsets.US_ASCII).equals(combined(given.get()));
    }

    /**
     * {@code toaster cert acme} made servercert.pem the link {@value #ACME_LINK} to the certificate it keeps
     * renewed: that is the certificate, unless --cert and --key name another one.
     */
    private boolean acmeIssued() throws IOException {
        return Files.isSymbolicLink(file()) && Files.readSymbolicLink(file()).toString().equals(ACME_LINK)
                && Files.isRegularFile(file().resolveSibling(ACME_LINK), LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public void apply() throws IOException, StepException {
        Optional<Settings.KeyPair> given = context.settings().certificate();
        if (given.isEmpty()) {
            context.commands().require(context.toaster("cert", "selfsigned", "--host", context.settings().hostName()),
                    Optional.empty());
            context.out().println("         self-signed: clients will warn until you install a CA's certificate:"
                    + " rerun with --cert CHAIN.pem --key KEY.pem (wiki page TLS)");
        } else {
            AtomicFile.write(file(), combined(given.get()), "rw-------");
        }
        context.changes().restartAll();
    }

    /** The key, then the chain: one PEM file. Both are checked to be PEM of the right kind first. */
    static String combined(Settings.KeyPair pair) throws IOException, StepException {
        String key = pem(pair.key(), "PRIVATE KEY", "--key");
        String chain = pem(pair.chain(), "CERTIFICATE", "--cert");
        return key + (key.endsWith("\n") ? "" : "\n") + chain + (chain.endsWith("\n") ? "" : "\n");
    }

    private static String pem(Path file, String kind, String option) throws IOException, StepException {
        if (Files.size(file) > MAX_PEM_BYTES) {
            throw new StepException(option + " " + file + " is larger than 1 MB: not a PEM file");
        }
        String text = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
        if (!text.matches("(?s).*-----BEGIN [A-Z ]*" + kind + "-----.*") || text.indexOf('\0') >= 0) {
            throw new StepException(option + " " + file + " holds no PEM \"" + kind + "\" block (-----BEGIN ... "
                    + kind + "-----); give the PEM file");
        }
        return text;
    }
}
