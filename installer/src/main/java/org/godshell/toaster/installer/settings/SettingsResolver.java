package org.godshell.toaster.installer.settings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns the options as typed into {@link Settings}: a value given is checked; a value not given is guessed
 * (host name from the system, domain from the host name, admin = postmaster@domain) and, only when someone can
 * answer, offered as the default of a question.
 */
public final class SettingsResolver {

    /** Asks one question with a default; an empty answer takes the default. */
    @FunctionalInterface
    public interface Asker {
        String ask(String question, String defaultValue);
    }

    /** The options as typed; null where not given. */
    public record Given(Path prefix, String hostName, String domain, String admin, Path cert, Path key,
            Path passwordFile, boolean unprivileged, boolean start, Path java, Boolean wikiPorts,
            Boolean loopbackRelay, Boolean imap, AcmeSettings.Given acme, String users, Path usersPasswordFile) {

        /** Without {@code --users}: the users where the prefix has them. */
        public Given(Path prefix, String hostName, String domain, String admin, Path cert, Path key,
                Path passwordFile, boolean unprivileged, boolean start, Path java, Boolean wikiPorts,
                Boolean loopbackRelay, Boolean imap, AcmeSettings.Given acme) {
            this(prefix, hostName, domain, admin, cert, key, passwordFile, unprivileged, start, java, wikiPorts,
                    loopbackRelay, imap, acme, null, null);
        }
    }

    private final Supplier<String> systemHostName;
    private final Optional<Asker> asker;
    private final Map<String, String> installed;

    /**
     * @param systemHostName the host's own name, asked only when --hostname is missing
     * @param asker          empty when nobody may be asked (--yes, or no terminal)
     * @param installed      what the prefix's {@link InstallRecord} says: the defaults of a rerun or upgrade
     */
    public SettingsResolver(Supplier<String> systemHostName, Optional<Asker> asker, Map<String, String> installed) {
        this.systemHostName = systemHostName;
        this.asker = asker;
        this.installed = installed;
    }

    public Settings resolve(Given given) throws SettingsException {
        Mode mode = given.unprivileged() ? Mode.UNPRIVILEGED : InstallRecord.mode(installed).orElse(Mode.SYSTEM);
        String host = given.hostName() != null ? Names.hostName("--hostname", given.hostName())
                : Names.hostName("--hostname", ask("Host name of this mail server",
                        installed.getOrDefault("hostname", guessHost(mode))));
        String domain = given.domain() != null ? Names.hostName("--domain", given.domain())
                : Names.hostName("--domain", ask("Mail domain",
                        installed.getOrDefault("domain", Names.domainOfHost(host))));
        String admin = given.admin() != null ? Names.address("--admin", given.admin())
                : Names.address("--admin", ask("First mailbox (the admin's)",
                        installed.getOrDefault("admin", "postmaster@" + domain)));
        if (!Names.domainOf(admin).equals(domain)) {
            throw new SettingsException("--admin " + admin + " is not in the domain " + domain + "; give an address "
                    + "at " + domain + " (more domains are added later with toaster domain add)");
        }
        boolean wikiPorts = given.wikiPorts() != null ? given.wikiPorts()
                : !"no".equals(installed.get(InstallRecord.WIKI_PORTS));
        boolean loopbackRelay = given.loopbackRelay() != null ? given.loopbackRelay()
                : !"no".equals(installed.get(InstallRecord.LOOPBACK_RELAY));
        boolean imap = given.imap() != null ? given.imap() : !"no".equals(installed.get(InstallRecord.IMAP));
        Optional<Settings.KeyPair> certificate = keyPair(given.cert(), given.key());
        return new Settings(given.prefix(), host, domain, admin, certificate,
                Optional.ofNullable(given.passwordFile()), mode, given.start(), given.java(), wikiPorts,
                loopbackRelay, imap, AcmeSettings.of(given.acme(), certificate.isPresent(), given.start()),
                users(given));
    }

    /** {@code --users} checked; without it, what the prefix's control/userdb says, so a rerun keeps it. */
    private static Optional<UsersDatabase> users(Given given) throws SettingsException {
        if (given.users() == null) {
            if (given.usersPasswordFile() != null) {
                throw new SettingsException("--users-password-file goes with --users URL");
            }
            return UsersDatabase.installed(given.prefix());
        }
        return Optional.of(UsersDatabase.of(given.users(), given.usersPasswordFile()));
    }

    private String guessHost(Mode mode) {
        if (mode == Mode.UNPRIVILEGED) {
            return "localhost";                          // the demo talks to itself; no DNS name needed
        }
        try {
            return Names.hostName("the system host name", systemHostName.get());
        } catch (SettingsException e) {
            return "localhost";
        }
    }

    private String ask(String question, String defaultValue) {
        return asker.map(a -> a.ask(question, defaultValue)).filter(answer -> !answer.isBlank())
                .orElse(defaultValue);
    }

    private static Optional<Settings.KeyPair> keyPair(Path cert, Path key) throws SettingsException {
        if (cert == null && key == null) {
            return Optional.empty();
        }
        if (cert == null || key == null) {
            throw new SettingsException("--cert and --key go together: give the certificate chain and its private key,"
                    + " or neither for a self-signed certificate");
        }
        for (Path file : new Path[] {cert, key}) {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new SettingsException(file + " is not a readable file");
            }
        }
        return Optional.of(new Settings.KeyPair(cert.toAbsolutePath(), key.toAbsolutePath()));
    }
}
