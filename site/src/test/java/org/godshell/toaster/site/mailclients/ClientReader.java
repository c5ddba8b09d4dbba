package org.godshell.toaster.site.mailclients;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * The documents read the way clients read them: a real namespace-aware XML parser (the plist's DOCTYPE is read
 * but its DTD never fetched, as Apple's parser does not either), then the elements and keys clients look at.
 */
public final class ClientReader {

    private ClientReader() {
    }

    public static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        var builder = factory.newDocumentBuilder();
        builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
        return builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** The child elements of {@code parent} with this local name, in order. */
    public static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && localName.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    /** The text of the one child element of {@code parent} named so; fails when there is not exactly one. */
    public static String text(Element parent, String localName) {
        List<Element> found = children(parent, localName);
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " <" + localName + "> in <" + parent.getLocalName() + ">");
        }
        return found.getFirst().getTextContent();
    }

    /**
     * A plist {@code <dict>} as a map, key to value: strings and integers as text, booleans as "true" or
     * "false", nested dicts as maps, arrays as lists. A key without a value, or a key twice, fails.
     */
    public static Map<String, Object> dict(Element dict) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Element> items = new ArrayList<>();
        for (Node child = dict.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                items.add(element);
            }
        }
        for (int i = 0; i < items.size(); i += 2) {
            Element key = items.get(i);
            if (!key.getTagName().equals("key") || i + 1 >= items.size()) {
                throw new AssertionError("a plist dict must alternate <key> and a value");
            }
            if (out.put(key.getTextContent(), value(items.get(i + 1))) != null) {
                throw new AssertionError("key twice: " + key.getTextContent());
            }
        }
        return out;
    }

    private static Object value(Element value) {
        return switch (value.getTagName()) {
            case "string", "integer" -> value.getTextContent();
            case "true", "false" -> value.getTagName();
            case "dict" -> dict(value);
            case "array" -> {
                List<Object> list = new ArrayList<>();
                for (Node child = value.getFirstChild(); child != null; child = child.getNextSibling()) {
                    if (child instanceof Element element) {
                        list.add(value(element));
                    }
                }
                yield list;
            }
            default -> throw new AssertionError("not a plist value: <" + value.getTagName() + ">");
        };
    }
}
