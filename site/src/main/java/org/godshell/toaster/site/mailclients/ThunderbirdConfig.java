package org.godshell.toaster.site.mailclients;

import org.godshell.toaster.mailclients.ClientService;
import org.godshell.toaster.mailclients.ClientSettings;

/**
 * Thunderbird's autoconfig document, the clientConfig 1.1 format of Mozilla's ISPDB (also read by K-9 Mail /
 * Thunderbird for Android, Evolution, KMail and FairEmail), asked for at
 * {@code autoconfig.DOMAIN/mail/config-v1.1.xml} and {@code DOMAIN/.well-known/autoconfig/mail/config-v1.1.xml}.
 * One server element per service, preferred first: a client takes the first it can use. The user name is the
 * placeholder {@code %EMAILADDRESS%}, which the client fills in, so the document is the same for every address
 * of the domain.
 */
public final class ThunderbirdConfig {

    public static final String CONTENT_TYPE = "application/xml; charset=utf-8";

    private ThunderbirdConfig() {
    }

    /** The document for {@code domain} (lower case, checked). */
    public static String document(String domain, ClientSettings settings) {
        StringBuilder xml = new StringBuilder(Xml.DECLARATION);
        xml.append("<clientConfig version=\"1.1\">\n");
        xml.append("  <emailProvider id=\"").append(Xml.text(domain)).append("\">\n");
        xml.append(Xml.element("    ", "domain", domain));
        xml.append(Xml.element("    ", "displayName", domain + " mail"));
        xml.append(Xml.element("    ", "displayShortName", domain));
        for (ClientService service : settings.services()) {
            server(xml, service, settings.host());
        }
        xml.append("  </emailProvider>\n");
        xml.append("</clientConfig>\n");
        return xml.toString();
    }

    private static void server(StringBuilder xml, ClientService service, String host) {
        String element = service.incoming() ? "incomingServer" : "outgoingServer";
        String type = switch (service.protocol()) {
            case IMAP -> "imap";
            case POP3 -> "pop3";
            case SMTP -> "smtp";
        };
        // "SSL" is TLS from the first byte in this format's words; "plain" is never offered.
        String socket = switch (service.security()) {
            case TLS -> "SSL";
            case STARTTLS -> "STARTTLS";
        };
        xml.append("    <").append(element).append(" type=\"").append(type).append("\">\n");
        xml.append(Xml.element("      ", "hostname", host));
        xml.append(Xml.element("      ", "port", Integer.toString(service.port())));
        xml.append(Xml.element("      ", "socketType", socket));
        xml.append(Xml.element("      ", "username", "%EMAILADDRESS%"));
        // The password inside TLS: PLAIN or LOGIN, which every toaster service offers (no CRAM-MD5 by default).
        xml.append(Xml.element("      ", "authentication", "password-cleartext"));
        xml.append("    </").append(element).append(">\n");
    }
}
