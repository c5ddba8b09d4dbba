package org.godshell.toaster.installer;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.godshell.toaster.hostcheck.DnsRecords;
import org.godshell.toaster.layout.Imap;
import org.godshell.toaster.installer.settings.Mode;
import org.godshell.toaster.installer.settings.Settings;
import org.godshell.toaster.installer.step.Commands;
import org.godshell.toaster.installer.step.StepContext;
import org.godshell.toaster.installer.step.StepException;
import org.godshell.toaster.mailclients.ClientSettings;

/**
 * The end of an install: what runs where, the admin mailbox, the DNS records (as {@code toaster dns} prints
 * them, DKIM keys included; {@code toaster doctor} checks them).
 */
final class Summary {

    private Summary() {
    }

    /**
     * @param how        whether it runs
     * @param dnsRecords the records to publish, from {@link #dnsRecords}; not printed for an unprivileged demo
     */
    static void print(PrintWriter out, Settings settings, String how, List<String> dnsRecords) {
        Path root = settings.prefix();
        out.println();
        out.println("The toaster for " + settings.domain() + " is installed in " + root + " (" + how + ").");
        for (Mode.Listener listener : settings.listeners()) {
            out.printf("  %-18s %-16s (%s)%n", service(listener.controlFile()), listener.line(),
                    daemon(listener.controlFile()));
        }
        out.println("  " + imap(settings));
        settings.wikiUrl().ifPresent(url -> out.println("  wiki URL           " + url + " once your web server "
                + "proxies it to " + Settings.WIKI_BEHIND_PROXY + " (wiki page Installation)"));
        settings.users().ifPresent(db -> out.println("  users              in the PostgreSQL database " + db.url()
                + " (control/userdb), shared with your other hosts"));
        out.println("  admin mailbox      " + settings.admin() + " (" + (settings.dovecot() ? "IMAPS, " : "")
                + "POP3S, or submission with AUTH after STARTTLS)");
        out.println("  wiki editors       " + settings.admin() + " may git push to /wiki.git (control/wikieditors)");
        out.println("  manage it          " + root.resolve("bin/toaster") + " --help   (domains, users, queue, plugins)");
        out.println("  check it later     " + root.resolve("bin/toaster") + " doctor   (DNS records again: "
                + root.resolve("bin/toaster") + " dns)");
        if (!settings.unprivileged()) {
            out.println();
            dnsRecords.forEach(out::println);
        }
        out.flush();
    }

    /**
     * The first domain's records as {@code toaster dns} prints them, which knows its DKIM keys (the installer
     * does not read keys); the installer's own lines when the command cannot run, with where to find the rest.
     */
    static List<String> dnsRecords(StepContext context) {
        String domain = context.settings().domain();
        try {
            Commands.Result result = context.commands().run(context.toaster("dns", "--domain", domain));
            if (result.ok()) {
                return result.out().lines().toList();
            }
        } catch (StepException e) {
            // the lines below say where the DKIM records are
        }
        List<String> lines = new ArrayList<>(List.of("DNS records to publish for " + domain + ":"));
        String host = context.settings().hostName();
        Map<String, Integer> ports = context.settings().listeners().stream()
                .collect(Collectors.toMap(Mode.Listener::controlFile, Mode.Listener::port, (a, b) -> a, HashMap::new));
        // Behind the admin's web server, wikiurl's https://HOST/ is where the documents are.
        context.settings().wikiUrl().ifPresent(url -> ports.put(ClientSettings.LISTEN_HTTPS, 443));
        ClientSettings clients = ClientSettings.of(host, ports,
                !context.settings().unprivileged() && context.settings().imap());
        DnsRecords.of(domain, host, Optional.of(clients)).forEach(line -> lines.add("  " + line));
        lines.add("  DKIM: " + context.root().resolve("bin/toaster") + " dkim show " + domain + " prints its records");
        return lines;
    }

    /** Where IMAP is, or why there is none: Dovecot's ports, the demo, or {@code --no-imap}. */
    static String imap(Settings settings) {
        if (settings.unprivileged()) {
            return "IMAP               none in the demo: Dovecot comes with a system install (wiki page IMAP)";
        }
        if (!settings.imap()) {
            return "IMAP               not set up (--no-imap; wiki page IMAP)";
        }
        return String.format("%-18s %-16s (Dovecot)%n  %-18s %-16s (Dovecot)", "IMAP (STARTTLS)", "0.0.0.0:"
                + Imap.IMAP_PORT, "IMAPS", "0.0.0.0:" + Imap.IMAPS_PORT);
    }

    private static String service(String controlFile) {
        return switch (controlFile) {
            case "listen-smtp" -> "SMTP (MX)";
            case "listen-submission" -> "submission";
            case "listen-smtps" -> "SMTPS";
            case "listen-pop3" -> "POP3 (STLS)";
            case "listen-pop3s" -> "POP3S";
            case "listen-http" -> "wiki (HTTP)";
            case "listen-https" -> "wiki (HTTPS)";
            default -> controlFile;
        };
    }

    private static String daemon(String controlFile) {
        return controlFile.contains("pop3") ? "pop3d" : controlFile.contains("http") ? "toaster wiki serve" : "smtpd";
    }
}
