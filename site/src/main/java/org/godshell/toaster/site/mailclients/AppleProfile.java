package org.godshell.toaster.site.mailclients;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.godshell.toaster.mailclients.ClientService;
import org.godshell.toaster.mailclients.ClientService.Protocol;
import org.godshell.toaster.mailclients.ClientSettings;

/**
 * An Apple configuration profile (a property list) that adds a mail account to Mail on iOS, iPadOS and macOS:
 * one {@code com.apple.mail.managed} payload with the preferred IMAP (POP3 where there is no IMAP) and SMTP
 * services, no password (the device
 * asks for it when the profile is installed). The profile is not signed, so the device shows it as unverified.
 * Its identifiers and UUIDs are derived from the address, so downloading it again replaces the account rather
 * than adding a second one.
 */
public final class AppleProfile {

    public static final String CONTENT_TYPE = "application/x-apple-aspen-config";

    private AppleProfile() {
    }

    /**
     * The profile for {@code address}: an IMAP account, or a POP3 one where the toaster has no IMAP (the demo,
     * {@code --no-imap}); empty when it offers no way to send mail (no submission port) or to read it.
     */
    public static Optional<String> document(EmailAddress address, ClientSettings settings) {
        Optional<ClientService> imap = settings.first(Protocol.IMAP);
        Optional<ClientService> incoming = imap.or(() -> settings.first(Protocol.POP3));
        Optional<ClientService> smtp = settings.first(Protocol.SMTP);
        if (incoming.isEmpty() || smtp.isEmpty()) {
            return Optional.empty();
        }
        String domain = address.domain();
        String identifier = reversed(domain) + ".mail." + uuid(address, "profile");
        String login = address.toString();
        StringBuilder plist = new StringBuilder(Xml.DECLARATION);
        plist.append("<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
                + "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n");
        plist.append("<plist version=\"1.0\">\n<dict>\n");
        plist.append("  <key>PayloadContent</key>\n  <array>\n    <dict>\n");
        String in = "      ";
        string(plist, in, "EmailAccountDescription", domain);
        string(plist, in, "EmailAccountType", imap.isPresent() ? "EmailTypeIMAP" : "EmailTypePOP");
        string(plist, in, "EmailAddress", login);
        string(plist, in, "IncomingMailServerAuthentication", "EmailAuthPassword");
        string(plist, in, "IncomingMailServerHostName", settings.host());
        integer(plist, in, "IncomingMailServerPortNumber", incoming.get().port());
        bool(plist, in, "IncomingMailServerUseSSL", true);
        string(plist, in, "IncomingMailServerUsername", login);
        string(plist, in, "OutgoingMailServerAuthentication", "EmailAuthPassword");
        string(plist, in, "OutgoingMailServerHostName", settings.host());
        integer(plist, in, "OutgoingMailServerPortNumber", smtp.get().port());
        // "SSL" here is TLS either way: on connect at 465, after STARTTLS at 587.
        bool(plist, in, "OutgoingMailServerUseSSL", true);
        string(plist, in, "OutgoingMailServerUsername", login);
        bool(plist, in, "OutgoingPasswordSameAsIncomingPassword", true);
        string(plist, in, "PayloadDescription", "The mail account " + login + " at " + settings.host());
        string(plist, in, "PayloadDisplayName", login);
        string(plist, in, "PayloadIdentifier", identifier + ".account");
        string(plist, in, "PayloadType", "com.apple.mail.managed");
        string(plist, in, "PayloadUUID", uuid(address, "account"));
        integer(plist, in, "PayloadVersion", 1);
        plist.append("    </dict>\n  </array>\n");
        string(plist, "  ", "PayloadDescription", "Sets up Mail for " + login + ". It holds no password: Mail asks "
                + "for it.");
        string(plist, "  ", "PayloadDisplayName", domain + " mail");
        string(plist, "  ", "PayloadIdentifier", identifier);
        string(plist, "  ", "PayloadOrganization", domain);
        bool(plist, "  ", "PayloadRemovalDisallowed", false);
        string(plist, "  ", "PayloadType", "Configuration");
        string(plist, "  ", "PayloadUUID", uuid(address, "profile"));
        integer(plist, "  ", "PayloadVersion", 1);
        plist.append("</dict>\n</plist>\n");
        return Optional.of(plist.toString());
    }

    /** The file name a browser saves it under: the domain, checked, so nothing of the request reaches a header. */
    public static String fileName(EmailAddress address) {
        return address.domain() + ".mobileconfig";
    }

    /** A name-based UUID (RFC 9562 §5.3) of the address, in any case, and the payload's role. */
    static String uuid(EmailAddress address, String role) {
        String name = "godshell-toaster mobileconfig " + role + " " + address.toString().toLowerCase(Locale.ROOT);
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString().toUpperCase(Locale.ROOT);
    }

    /** {@code example.org} as {@code org.example}, the reverse-DNS style of payload identifiers. */
    static String reversed(String domain) {
        String[] labels = domain.split("\\.");
        StringBuilder out = new StringBuilder();
        for (int i = labels.length - 1; i >= 0; i--) {
            out.append(labels[i]).append(i > 0 ? "." : "");
        }
        return out.toString();
    }

    private static void string(StringBuilder plist, String indent, String key, String value) {
        plist.append(indent).append("<key>").append(key).append("</key>\n");
        plist.append(Xml.element(indent, "string", value));
    }

    private static void integer(StringBuilder plist, String indent, String key, int value) {
        plist.append(indent).append("<key>").append(key).append("</key>\n");
        plist.append(Xml.element(indent, "integer", Integer.toString(value)));
    }

    private static void bool(StringBuilder plist, String indent, String key, boolean value) {
        plist.append(indent).append("<key>").append(key).append("</key>\n");
        plist.append(indent).append(value ? "<true/>" : "<false/>").append('\n');
    }
}
