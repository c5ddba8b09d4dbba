package org.godshell.toaster.installer;

import java.nio.file.Path;
import org.godshell.toaster.installer.settings.Settings;
import picocli.CommandLine.Option;

/** The options of install, upgrade and plan. */
final class InstallOptions {

    @Option(names = "--prefix", paramLabel = "DIR", defaultValue = "/opt/toaster",
            description = "Where the toaster lives (default: ${DEFAULT-VALUE}). Created if missing; must be empty "
                    + "or hold a toaster already.")
    String prefix;

    @Option(names = "--hostname", paramLabel = "NAME",
            description = "This server's fully qualified name, e.g. mail.example.org (default: the system's name; "
                    + "localhost with --unprivileged). Goes into control/me, the certificate and the MX record.")
    String hostName;

    @Option(names = "--domain", paramLabel = "DOMAIN",
            description = "The first mail domain (default: the host name without its first part, e.g. example.org).")
    String domain;

    @Option(names = "--admin", paramLabel = "ADDRESS",
            description = "The first mailbox (default: postmaster@DOMAIN). Its password is asked on a terminal, "
                    + "else made up and printed once (or see --password-file).")
    String admin;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "The admin's password: read from FILE if it exists, else made up and written there "
                    + "(mode 0600) instead of being printed.")
    Path passwordFile;

    @Option(names = "--cert", paramLabel = "CHAIN.pem",
            description = "The TLS certificate chain (PEM), with --key. Default: a self-signed certificate for "
                    + "the host name, which you can replace later by running again with --cert and --key.")
    Path cert;

    @Option(names = "--key", paramLabel = "KEY.pem", description = "The private key of --cert (PEM).")
    Path key;

    @Option(names = "--acme", paramLabel = "EMAIL",
            description = "Get the certificate from an ACME CA (Let's Encrypt unless --acme-directory) for the host "
                    + "name, with EMAIL as the account's contact, once the wiki answers on port 80; the toaster then "
                    + "renews it. Needs --agree-tos, the host name's DNS pointing here and port 80 reachable by the "
                    + "CA. Until it is issued (or if the CA cannot be reached) the self-signed certificate serves.")
    String acme;

    @Option(names = "--acme-directory", paramLabel = "URL",
            description = "The ACME CA's directory: letsencrypt (default), letsencrypt-staging (for trying), or "
                    + "the https URL of any ACME server.")
    String acmeDirectory;

    @Option(names = "--acme-ca", paramLabel = "CA.pem",
            description = "Trust anchors (PEM) for the ACME server's own HTTPS, for a private CA.")
    Path acmeCa;

    @Option(names = "--acme-challenge", paramLabel = "TYPE",
            description = "How the CA checks the names are this host's: http-01 (default, the wiki on port 80) or "
                    + "tls-alpn-01 (the wiki's HTTPS on port 443, where port 80 is closed).")
    String acmeChallenge;

    @Option(names = "--agree-tos", description = "Agree to the ACME CA's terms of service (with --acme).")
    boolean agreeTos;

    @Option(names = "--unprivileged",
            description = "Demo mode: no root, no system user, no systemd; SMTP on 127.0.0.1:2525, submission "
                    + "2587, POP3S 2995; domain and host name localhost unless given.")
    boolean unprivileged;

    @Option(names = "--no-start", description = "Do not start (or restart) smtpd, pop3d and the wiki at the end.")
    boolean noStart;

    @Option(names = "--no-wiki-ports", negatable = true,
            description = "Leave ports 80 and 443 to the web server already there (nginx, Apache, certbot): the wiki "
                    + "listens on " + Settings.WIKI_BEHIND_PROXY + " for it to proxy, and control/wikiurl says "
                    + "https://HOSTNAME/. Kept by reruns and upgrades; --wiki-ports takes the ports back.")
    Boolean noWikiPorts;

    @Option(names = "--no-loopback-relay", negatable = true,
            description = "Programs on this host (127. and ::1) must log in to send to other domains, like everyone "
                    + "else; without it they may relay, as with Postfix's defaults. Kept by reruns and upgrades; "
                    + "--loopback-relay gives it back.")
    Boolean noLoopbackRelay;

    @Option(names = "--no-imap", negatable = true,
            description = "Leave IMAP alone: no Dovecot installed or configured (system mode sets up Dovecot's IMAP on "
                    + "143 and 993 over the toaster's users and Maildirs). Kept by reruns and upgrades; --imap sets "
                    + "it up again. The demo (--unprivileged) never has IMAP.")
    Boolean noImap;

    @Option(names = "--users", paramLabel = "URL",
            description = "Keep the users in a PostgreSQL database that several hosts share: "
                    + "postgresql://USER@HOST[:PORT]/DATABASE, with --users-password-file. Written to control/userdb; "
                    + "the first host adds the domain and the admin there, a host joining later leaves them as they "
                    + "are; Dovecot reads the same database. Kept by reruns and upgrades.")
    String users;

    @Option(names = "--users-password-file", paramLabel = "FILE",
            description = "The password of --users' role, alone on the file's first line (never on the command "
                    + "line); copied to control/userdbpassword (mode 0600).")
    Path usersPasswordFile;

    @Option(names = "--dry-run",
            description = "Print the preflight and every step with its state (ok / to do) and change nothing.")
    boolean dryRun;

    @Option(names = {"--yes", "-y"},
            description = "Ask nothing: take the defaults. Without a terminal the installer never asks anyway.")
    boolean yes;

    @Option(names = "--payload", paramLabel = "TAR.GZ",
            description = "Install this distribution tar.gz instead of the one inside the installer.")
    Path payload;
}
