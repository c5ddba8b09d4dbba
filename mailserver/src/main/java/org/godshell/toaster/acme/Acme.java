package org.godshell.toaster.acme;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.io.AtomicFile;
import org.godshell.toaster.io.Handover;
import org.godshell.toaster.layout.Owners;
import org.shredzone.acme4j.Login;

/**
 * ACME for one install: {@link #orderNow} for {@code toaster cert acme} and the installer, {@link #renew} for
 * {@code toaster cert renew} and the daily check of {@code toaster wiki serve}, {@link #status} for {@code
 * toaster cert status}. Every attempt, good or bad, is recorded in {@code control/acme/state}; a failure leaves
 * the served certificate as it was.
 */
public final class Acme {

    /** The link {@code control/servercert.pem} holds once ACME issued, relative so the prefix can move. */
    static final Path LINK = Path.of("acme", "servercert.pem");

    private final AcmeFiles files;
    private final Handover handover;
    private final Clock clock;

    /**
     * @param control  the install's {@code control/} directory
     * @param handover how new files get their owner ({@code Owners::handOver} in a command run as root)
     */
    public Acme(Path control, Handover handover, Clock clock) {
        this.files = new AcmeFiles(control);
        this.handover = handover;
        this.clock = clock;
    }

    /**
     * For the install in {@code prefix}, writing as its layout says (run as root, files go to the daemons' user):
     * what a command or the installer uses, e.g. {@code Acme.forInstall(prefix).orderNow(new Acme.Setup(email,
     * CaDirectory.parse("letsencrypt"), Optional.empty()), AcmeNames.of(prefix).names(), false)}.
     */
    public static Acme forInstall(Path prefix) throws IOException {
        Owners owners = Owners.of(prefix);
        return new Acme(owners.prefix().resolve("control"), owners::handOver, Clock.systemUTC());
    }

    public AcmeFiles files() {
        return files;
    }

    /**
     * What the first order needs: the account's contact, the CA, for a private CA its HTTPS anchors, and how the
     * CA is to check the names.
     */
    public record Setup(String email, CaDirectory directory, Optional<Path> caCertificates,
                        ChallengeType challenge) {

        /** Answered over HTTP-01, the default. */
        public Setup(String email, CaDirectory directory, Optional<Path> caCertificates) {
            this(email, directory, caCertificates, ChallengeType.HTTP_01);
        }
    }

    /** The CA's terms of service URL, which a person must agree to before the first order. */
    public static Optional<URI> termsOfService(CaDirectory directory, Optional<Path> caCertificates)
            throws AcmeException {
        return AcmeClient.connect(directory, caCertificates).termsOfService();
    }

    /**
     * Writes the setup to {@code control/acme/} and orders a certificate for {@code names} now (the terms taken
     * as agreed); on success {@code control/servercert.pem} becomes a link to it, the file it replaces kept as
     * {@code servercert.pem.before-acme}.
     */
    public Outcome.Renewed orderNow(Setup setup, List<String> names, boolean newKey)
            throws AcmeException, InterruptedException {
        if (names.isEmpty()) {
            throw AcmeException.local("no name to order a certificate for");
        }
        try {
            if (!Files.isDirectory(files.dir())) {
                AtomicFile.createDirectory(files.dir(), AcmeFiles.DIRECTORY_MODE, handover);
            }
            AtomicFile.write(files.directoryUrl(), setup.directory() + "\n", AcmeFiles.MODE, handover);
            AtomicFile.write(files.email(), setup.email() + "\n", AcmeFiles.MODE, handover);
            AtomicFile.write(files.challengeType(), setup.challenge() + "\n", AcmeFiles.MODE, handover);
            if (setup.caCertificates().isPresent()) {
                AtomicFile.write(files.caCertificates(), Files.readAllBytes(setup.caCertificates().get()),
                        AcmeFiles.MODE, true, handover);
            }
        } catch (IOException e) {
            throw AcmeException.local("cannot write the ACME settings in " + files.dir() + ": " + e.getMessage());
        }
        Outcome.Renewed issued = recorded(() -> issue(setup, names, newKey, Optional.empty()));
        link();
        return issued;
    }

    /**
     * One renewal check: renews when due ({@link RenewalDecision}) and the back-off allows, or with {@code force}.
     * Never throws for the CA's or the network's failures: they are the outcome, and recorded.
     */
    public Outcome renew(boolean force, boolean newKey) throws InterruptedException {
        Setup setup;
        Optional<ServedCertificate> current;
        RenewalState state;
        try {
            if (!files.configured()) {
                return new Outcome.NotSetUp("not set up (no " + files.email() + "): run toaster cert acme");
            }
            setup = setup();
            current = ServedCertificate.read(files.certificate());
            state = StateFile.read(files.state());
        } catch (AcmeException e) {
            // A setting or the state file does not read: not the CA's fault, but no reason to ask every minute.
            return new Outcome.Failed(e, clock.instant().plus(Backoff.FIRST));
        }
        if (current.isEmpty()) {
            return new Outcome.NotSetUp("no certificate issued yet in " + files.certificate()
                    + ": run toaster cert acme");
        }
        X509Certificate certificate = current.get().certificate();
        Instant now = clock.instant();
        RenewalDecision.Verdict verdict = RenewalDecision.decide(certificate.getNotAfter().toInstant(), now,
                Optional.empty(), state, force);
        try {
            if (verdict instanceof RenewalDecision.Wait && state.nextTry().filter(now::isBefore).isEmpty()) {
                verdict = RenewalDecision.decide(certificate.getNotAfter().toInstant(), now, window(setup,
                        certificate), state, false);
            }
            if (verdict instanceof RenewalDecision.Wait wait) {
                StateFile.write(files.state(), state.checked(now), handover);
                return new Outcome.NotDue(wait.until(), wait.why());
            }
            return recorded(() -> issue(setup, current.get().names(), newKey, Optional.of(certificate)));
        } catch (AcmeException e) {
            return failure(e);
        }
    }

    /** What {@code toaster cert status} shows. */
    public Status status() throws AcmeException {
        return new Status(ServedCertificate.read(files.certificate()), StateFile.read(files.state()),
                AcmeFiles.setting(files.directoryUrl()), AcmeFiles.setting(files.challengeType()),
                Files.isSymbolicLink(files.served()));
    }

    /**
     * The certificate in {@code control/acme/}, the renewal state, the CA, the challenge renewals answer (none
     * written: http-01), whether the servers use it.
     */
    public record Status(Optional<ServedCertificate> certificate, RenewalState state, Optional<String> directory,
                         Optional<String> challenge, boolean linked) {}

    private Setup setup() throws AcmeException {
        CaDirectory directory;
        try {
            directory = AcmeFiles.setting(files.directoryUrl()).map(CaDirectory::parse)
                    .orElse(CaDirectory.LETSENCRYPT);
        } catch (IllegalArgumentException e) {
            throw AcmeException.local(files.directoryUrl() + ":1: " + e.getMessage());
        }
        ChallengeType challenge;
        try {
            // Absent in installs set up before TLS-ALPN-01 existed: they answered HTTP-01.
            challenge = AcmeFiles.setting(files.challengeType()).map(ChallengeType::parse)
                    .orElse(ChallengeType.HTTP_01);
        } catch (IllegalArgumentException e) {
            throw AcmeException.local(files.challengeType() + ":1: " + e.getMessage());
        }
        String email = AcmeFiles.setting(files.email()).orElseThrow(() -> AcmeException.local(files.email()
                + " is missing"));
        return new Setup(email, directory, Optional.of(files.caCertificates()).filter(Files::exists), challenge);
    }

    /**
     * The CA's suggested window, when it offers ARI and answers now. ARI only ever brings a renewal forward, so
     * a CA that cannot be asked leaves the 30-day rule alone: not a failure to back off from.
     */
    private Optional<RenewalDecision.Window> window(Setup setup, X509Certificate certificate) {
        try {
            AcmeClient client = AcmeClient.connect(setup.directory(), caFile(setup));
            Login login = client.login(Keys.account(files.accountKey(), handover), setup.email());
            return client.renewalWindow(login, certificate);
        } catch (AcmeException e) {
            return Optional.empty();
        }
    }

    private Optional<Path> caFile(Setup setup) {
        return setup.caCertificates().isPresent() ? Optional.of(files.caCertificates()) : Optional.empty();
    }

    private Outcome.Renewed issue(Setup setup, List<String> names, boolean newKey,
            Optional<X509Certificate> replaces) throws AcmeException, InterruptedException {
        KeyPair account = Keys.account(files.accountKey(), handover);
        KeyPair key = Keys.certificate(List.of(files.certificate(), files.served()), newKey);
        AcmeClient client = AcmeClient.connect(setup.directory(), caFile(setup));
        Login login = client.login(account, setup.email());
        List<X509Certificate> chain;
        try (Answers answers = switch (setup.challenge()) {
            case HTTP_01 -> new Http01Answers(files.challenges(), handover);
            case TLS_ALPN_01 -> new TlsAlpn01Answers(files.tlsAlpnChallenges(), handover);
        }) {
            chain = client.order(login, names, key, answers, replaces);
        }
        ServedCertificate issued = ServedCertificate.check(chain, key, names, clock.instant(), client.ca());
        try {
            AtomicFile.write(files.certificate(), Keys.pem(key, chain), AcmeFiles.MODE, handover);
        } catch (IOException e) {
            throw AcmeException.local("cannot write " + files.certificate() + ": " + e.getMessage());
        }
        return new Outcome.Renewed(names, issued.notAfter());
    }

    /** An attempt, its result written to the state file: success clears the back-off, failure extends it. */
    private Outcome.Renewed recorded(Attempt attempt) throws AcmeException, InterruptedException {
        OrderLock lock = OrderLock.take(files, handover);
        try {
            RenewalState state = StateFile.read(files.state());
            try {
                Outcome.Renewed renewed = attempt.run();
                StateFile.write(files.state(), state.succeeded(clock.instant()), handover);
                return renewed;
            } catch (AcmeException e) {
                Instant now = clock.instant();
                Instant next = Backoff.next(state.failures() + 1, now, e.retryAfter());
                StateFile.write(files.state(), state.failed(now, next, e.getMessage()), handover);
                throw e;
            }
        } finally {
            lock.close();
        }
    }

    private Outcome failure(AcmeException e) {
        try {
            return new Outcome.Failed(e, StateFile.read(files.state()).nextTry().orElse(clock.instant()));
        } catch (AcmeException unreadable) {
            return new Outcome.Failed(e, clock.instant());
        }
    }

    /** {@code control/servercert.pem} → {@code acme/servercert.pem}, in one rename; the old file kept. */
    private void link() throws AcmeException {
        Path served = files.served();
        try {
            if (Files.isSymbolicLink(served) && Files.readSymbolicLink(served).equals(LINK)) {
                return;
            }
            if (Files.exists(served, LinkOption.NOFOLLOW_LINKS)) {
                Files.copy(served, files.before(), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            }
            AtomicFile.symlink(served, LINK);
        } catch (IOException e) {
            throw AcmeException.local("the certificate is in " + files.certificate() + " but " + served
                    + " could not be made a link to it (" + e.getMessage() + "); as root: ln -sf "
                    + LINK + " " + served);
        }
    }

    @FunctionalInterface
    private interface Attempt {
        Outcome.Renewed run() throws AcmeException, InterruptedException;
    }
}
