package org.godshell.toaster.site.mailclients;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The body of an Autodiscover POST, {@code <Autodiscover><Request><EMailAddress>...}, read by the JDK's parser
 * hardened as OWASP's XXE sheet says: a DOCTYPE is an error (so no entity, internal or external, and no billion
 * laughs), no external DTD, schema or XInclude is ever fetched, and at most {@link #MAX_BYTES} are read at all
 * (the caller stops reading there). The names are matched by their local part, as Outlook, Thunderbird and the
 * Apple clients write different prefixes.
 */
public final class AutodiscoverRequest {

    /** A real request is some 350 bytes. */
    public static final int MAX_BYTES = 8 * 1024;
    public static final String OUTLOOK_RESPONSE_SCHEMA =
            "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a";
    /** Deep enough for the three levels of a request; a deeper document is refused before it costs anything. */
    static final int MAX_DEPTH = 16;

    /** What a body asks for. */
    public sealed interface Parsed {
    }

    /** The outlook settings of {@code address}: what this server answers. */
    public record Outlook(EmailAddress address) implements Parsed {
    }

    /** Another schema (ActiveSync's {@code mobilesync}, say), which this server does not serve. */
    public record OtherSchema(String schema) implements Parsed {
    }

    /** Not a request: why, in our words (the body is never echoed). */
    public record Refused(String reason) implements Parsed {
    }

    private AutodiscoverRequest() {
    }

    public static Parsed parse(byte[] body) {
        if (body.length > MAX_BYTES) {
            return new Refused("larger than " + MAX_BYTES + " bytes");
        }
        Document document;
        try {
            document = builder().parse(new ByteArrayInputStream(body));
        } catch (SAXException | IOException e) {
            return new Refused("not well-formed XML without a DOCTYPE");
        }
        Element root = document.getDocumentElement();
        if (!"Autodiscover".equals(root.getLocalName())) {
            return new Refused("the root element is not Autodiscover");
        }
        List<Element> requests = children(root, "Request");
        if (requests.size() != 1) {
            return new Refused("not exactly one Request element");
        }
        List<Element> addresses = children(requests.getFirst(), "EMailAddress");
        List<Element> schemas = children(requests.getFirst(), "AcceptableResponseSchema");
        if (addresses.size() != 1 || schemas.size() > 1) {
            return new Refused("not exactly one EMailAddress, or several AcceptableResponseSchema");
        }
        // A request that names no schema gets the outlook one, the only one served here.
        String schema = schemas.isEmpty() ? OUTLOOK_RESPONSE_SCHEMA : schemas.getFirst().getTextContent().strip();
        if (!schema.equals(OUTLOOK_RESPONSE_SCHEMA)) {
            return new OtherSchema(schema);
        }
        return EmailAddress.parse(addresses.getFirst().getTextContent().strip())
                .<Parsed>map(Outlook::new).orElseGet(() -> new Refused("EMailAddress is not a mail address"));
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && localName.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    /** A new parser each time: DocumentBuilder is not thread-safe, and a request is rare. */
    private static DocumentBuilder builder() throws SAXException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setAttribute("jdk.xml.maxElementDepth", Integer.toString(MAX_DEPTH));
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("no external entity is read");
            });
            builder.setErrorHandler(SILENT);
            return builder;
        } catch (ParserConfigurationException | IllegalArgumentException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a hardening feature", e);
        }
    }

    /** Errors end the parse; none is printed on stderr, as the JDK's default handler would. */
    private static final ErrorHandler SILENT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };
}
