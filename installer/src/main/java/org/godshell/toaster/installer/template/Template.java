package org.godshell.toaster.installer.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One template: {@code ${name}} is replaced by the value of {@code name}; {@code $$} is a literal {@code $}.
 * Every other {@code $} is copied as it is, so shell lines and PEM text need no escaping.
 *
 * <p>Chosen over Freemarker: the installer's templates are a dozen short files without conditions or loops, and a
 * strict twenty-line substitution keeps the installer jar free of a template engine it would use 1% of.
 */
public final class Template {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\$|\\$\\{([a-zA-Z][a-zA-Z0-9]*)}");

    private final String name;
    private final String text;

    public Template(String name, String text) {
        this.name = name;
        this.text = text;
    }

    /** The template {@code /templates/NAME} of the installer jar. */
    public static Template resource(String name) {
        try (InputStream in = Template.class.getResourceAsStream("/templates/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the installer jar has no template " + name);
            }
            return new Template(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text with every placeholder replaced; a missing value or a value with a line break is refused. */
    public String render(Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 64);
        while (matcher.find()) {
            String key = matcher.group(1);
            String value;
            if (key == null) {
                value = "$";
            } else {
                value = values.get(key);
                if (value == null) {
                    throw new IllegalArgumentException("template " + name + " needs a value for ${" + key + "}");
                }
                if (value.chars().anyMatch(c -> c == '\n' || c == '\r' || c == 0)) {
                    throw new IllegalArgumentException("template " + name + ": the value of ${" + key
                            + "} has a line break or NUL");
                }
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
