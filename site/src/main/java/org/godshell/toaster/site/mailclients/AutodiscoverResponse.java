package org.godshell.toaster.site.mailclients;

import org.godshell.toaster.mailclients.ClientService;
import org.godshell.toaster.mailclients.ClientService.Protocol;
import org.godshell.toaster.mailclients.ClientSettings;

/**
 * Outlook's Autodiscover answer in the plain-old-XML "outlook" response schema ([MS-OXDSCLI]): one
 * {@code Protocol} element per protocol (IMAP, SMTP, POP3), its preferred service, with the address as the login
 * name; and the error Exchange itself gives a request it cannot read (code 600), which is also what a browser
 * sees at the URL.
 */
public final class AutodiscoverResponse {

    public static final String CONTENT_TYPE = "text/xml; charset=utf-8";
    static final String RESPONSE_NAMESPACE = "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006";

    private AutodiscoverResponse() {
    }

    /** The settings for {@code address}; the same for every address of its domain but for the login name. */
    public static String settings(EmailAddress address, ClientSettings settings) {
        StringBuilder xml = new StringBuilder(Xml.DECLARATION);
        xml.append("<Autodiscover xmlns=\"").append(RESPONSE_NAMESPACE).append("\">\n");
        xml.append("  <Response xmlns=\"").append(AutodiscoverRequest.OUTLOOK_RESPONSE_SCHEMA).append("\">\n");
        xml.append("    <Account>\n");
        xml.append(Xml.element("      ", "AccountType", "email"));
        xml.append(Xml.element("      ", "Action", "settings"));
        for (Protocol protocol : new Protocol[] {Protocol.IMAP, Protocol.SMTP, Protocol.POP3}) {
            settings.first(protocol).ifPresent(service -> protocol(xml, service, settings.host(), address));
        }
        xml.append("    </Account>\n");
        xml.append("  </Response>\n");
        xml.append("</Autodiscover>\n");
        return xml.toString();
    }

    private static void protocol(StringBuilder xml, ClientService service, String host, EmailAddress address) {
        String indent = "        ";
        xml.append("      <Protocol>\n");
        xml.append(Xml.element(indent, "Type", service.protocol().name()));
        xml.append(Xml.element(indent, "Server", host));
        xml.append(Xml.element(indent, "Port", Integer.toString(service.port())));
        xml.append(Xml.element(indent, "LoginName", address.toString()));
        xml.append(Xml.element(indent, "DomainRequired", "off"));
        xml.append(Xml.element(indent, "SPA", "off"));
        xml.append(Xml.element(indent, "SSL", "on"));
        // Encryption overrides SSL: "SSL" is TLS on connect, "TLS" is STARTTLS.
        xml.append(Xml.element(indent, "Encryption", switch (service.security()) {
            case TLS -> "SSL";
            case STARTTLS -> "TLS";
        }));
        xml.append(Xml.element(indent, "AuthRequired", "on"));
        if (service.protocol() == Protocol.SMTP) {
            xml.append(Xml.element(indent, "UsePOPAuth", "off"));
            xml.append(Xml.element(indent, "SMTPLast", "off"));
        }
        xml.append("      </Protocol>\n");
    }

    /** Exchange's answer to a request it cannot read: error 600, "Invalid Request". */
    public static String invalidRequest() {
        return Xml.DECLARATION
                + "<Autodiscover xmlns=\"" + RESPONSE_NAMESPACE + "\">\n"
                + "  <Response>\n"
                + "    <Error>\n"
                + "      <ErrorCode>600</ErrorCode>\n"
                + "      <Message>Invalid Request</Message>\n"
                + "      <DebugData />\n"
                + "    </Error>\n"
                + "  </Response>\n"
                + "</Autodiscover>\n";
    }
}
