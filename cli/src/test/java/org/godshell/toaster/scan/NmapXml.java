package org.godshell.toaster.scan;

import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * What nmap's {@code -oX} report says its scripts found: per port, each script's output and the values it gave
 * as {@code <elem key="...">} right under it (such as ssl-enum-ciphers' {@code least strength}). The parser
 * reads no external DTD or entity and stops at the JDK's entity expansion limit, so a hostile report can
 * neither read local files nor exhaust memory; a report that does not parse fails the test with the reason.
 */
final class NmapXml {

    static final int MAX_CHARS = 8 << 20;

    /** One script's result. */
    record Script(String output, Map<String, String> elements) {
    }

    private NmapXml() {
    }

    /** Port number to script id to result, for the ports of the report (one host: the toaster). */
    static Map<Integer, Map<String, Script>> scripts(String xml) {
        if (xml.length() > MAX_CHARS) {
            throw new IllegalArgumentException("over " + MAX_CHARS + " characters of XML");
        }
        Map<Integer, Map<String, Script>> ports = new LinkedHashMap<>();
        NodeList portNodes = parse(xml).getElementsByTagName("port");
        for (int i = 0; i < portNodes.getLength(); i++) {
            Element port = (Element) portNodes.item(i);
            int number;
            try {
                number = Integer.parseInt(port.getAttribute("portid"));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a port without a number: " + port.getAttribute("portid"), e);
            }
            Map<String, Script> scripts = ports.computeIfAbsent(number, n -> new LinkedHashMap<>());
            for (Element script : children(port, "script").values()) {
                Map<String, String> elements = new LinkedHashMap<>();
                children(script, "elem").forEach((key, elem) -> elements.put(key, elem.getTextContent()));
                if (scripts.put(script.getAttribute("id"), new Script(script.getAttribute("output"), elements))
                        != null) {
                    throw new IllegalArgumentException("two results of " + script.getAttribute("id") + " for port "
                            + number);
                }
            }
        }
        return ports;
    }

    /**
     * The direct children of {@code parent} named {@code tag}, by their id or key attribute (else their place);
     * two with one name make the report ambiguous, so it is refused.
     */
    private static Map<String, Element> children(Element parent, String tag) {
        Map<String, Element> found = new LinkedHashMap<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && element.getTagName().equals(tag)) {
                String name = element.hasAttribute("id") ? element.getAttribute("id") : element.getAttribute("key");
                if (found.put(name.isEmpty() ? "#" + found.size() : name, element) != null) {
                    throw new IllegalArgumentException("two <" + tag + "> named " + name + " in one <"
                            + parent.getTagName() + ">");
                }
            }
        }
        return found;
    }

    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setExpandEntityReferences(false);
            factory.setXIncludeAware(false);
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("not an nmap XML report: " + e.getMessage(), e);
        }
    }
}
