package org.godshell.toaster.installer;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.godshell.toaster.installer.settings.Mode;
import org.godshell.toaster.installer.settings.Settings;

/** The end of an install, and part of {@code doctor}: what runs where, the admin mailbox, the DNS records. */
final class Summary {

    private Summary() {
    }

    static void print(PrintWriter out, Settings settings, String how) {
        Path root = settings.prefix();
        out.println();
        out.println("The toaster for " + settings.domain() + " is installed in " + root + " (" + how + ").");
        for (Mode.Listener listener : settings.mode().listeners()) {
            out.printf("  %-18s %-16s (%s)%n", service(listener.controlFile()), listener.line(),
                    daemon(listener.controlFile()));
        }
        out.println("  admin mailbox      " + settings.admin() + " (POP3S, or submission with AUTH after STARTTLS)");
        out.println("  wiki editors       " + settings.admin() + " may git push to /wiki.git (control/wikieditors)");
        out.println("  manage it          " + root.resolve("bin/toaster") + " --help   (domains, users, queue, plugins)");
        out.println("  check it later     java -jar toaster-installer.jar doctor --prefix " + root);
        if (!settings.unprivileged()) {
            out.println();
            out.println("DNS records to publish for " + settings.domain() + ":");
            dnsRecords(settings).forEach(line -> out.println("  " + line));
        }
        out.flush();
    }

    /** The records a receiver looks at before it trusts mail from this server (RFC 5321 §5, RFC 7208, RFC 7489). */
    static List<String> dnsRecords(Settings settings) {
        String domain = settings.domain();
        String host = settings.hostName();
        return List.of(
                String.format("%-28s MX   10 %s.", domain + ".", host),
                String.format("%-28s A    <this server's public IPv4 address> (and AAAA for IPv6)", host + "."),
                String.format("%-28s TXT  \"v=spf1 mx -all\"", domain + "."),
                String.format("%-28s TXT  \"v=DMARC1; p=quarantine; rua=mailto:postmaster@%s\"", "_dmarc." + domain + ".",
                        domain),
                "PTR: ask whoever gives you the address to name it " + host + " (reverse DNS); many receivers refuse"
                        + " mail from addresses without it");
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
