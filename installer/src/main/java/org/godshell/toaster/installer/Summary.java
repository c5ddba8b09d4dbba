package org.godshell.toaster.installer;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.godshell.toaster.hostcheck.DnsRecords;
import org.godshell.toaster.installer.settings.Mode;
import org.godshell.toaster.installer.settings.Settings;

/**
 * The end of an install: what runs where, the admin mailbox, the DNS records ({@code toaster dns} prints them
 * again, {@code toaster doctor} checks them).
 */
final class Summary {

    private Summary() {
    }

    static void print(PrintWriter out, Settings settings, String how) {
        Path root = settings.prefix();
        out.println();
        out.println("The toaster for " + settings.domain() + " is installed in " + root + " (" + how + ").");
        for (Mode.Listener listener : settings.listeners()) {
            out.printf("  %-18s %-16s (%s)%n", service(listener.controlFile()), listener.line(),
                    daemon(listener.controlFile()));
        }
        settings.wikiUrl().ifPresent(url -> out.println("  wiki URL           " + url + " once your web server "
                + "proxies it to " + Settings.WIKI_BEHIND_PROXY + " (wiki page Installation)"));
        out.println("  admin mailbox      " + settings.admin() + " (POP3S, or submission with AUTH after STARTTLS)");
        out.println("  wiki editors       " + settings.admin() + " may git push to /wiki.git (control/wikieditors)");
        out.println("  manage it          " + root.resolve("bin/toaster") + " --help   (domains, users, queue, plugins)");
        out.println("  check it later     " + root.resolve("bin/toaster") + " doctor   (DNS records again: "
                + root.resolve("bin/toaster") + " dns)");
        if (!settings.unprivileged()) {
            out.println();
            out.println("DNS records to publish for " + settings.domain() + ":");
            DnsRecords.of(settings.domain(), settings.hostName()).forEach(line -> out.println("  " + line));
        }
        out.flush();
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
