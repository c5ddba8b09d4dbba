package org.godshell.toaster.site.mailclients;

import java.util.Map;
import org.godshell.toaster.mailclients.ClientSettings;

/** The settings of a system install on mail.example.org (the installer's standard ports). */
public final class Fixtures {

    public static final ClientSettings SYSTEM = ClientSettings.of("mail.example.org", Map.of(
            "listen-submission", 587, "listen-smtps", 465, "listen-pop3", 110, "listen-pop3s", 995,
            "listen-https", 443), true);
    /** The unprivileged demo: submission and POP3S on high ports, nothing else of the toaster's own. */
    public static final ClientSettings DEMO = ClientSettings.of("mail.example.org", Map.of(
            "listen-submission", 2587, "listen-pop3s", 2995), false);

    private Fixtures() {
    }
}
