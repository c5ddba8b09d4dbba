package org.godshell.toaster.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The toaster's version, read from {@code version.properties}, which the build fills in from the POM so that
 * there is one source of truth for it.
 */
public final class ToasterVersion implements IVersionProvider {

    private static final String RESOURCE = "version.properties";

    /** The version this build was made from, such as {@code 0.1.0}. */
    public static String current() {
        try (InputStream in = ToasterVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the toaster jar; rebuild it");
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "").strip();
            if (version.isEmpty() || version.startsWith("${")) {
                throw new IllegalStateException(RESOURCE + " holds no version; rebuild the toaster with Maven");
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The first line is what scripts compare; the second tells an admin which Java the launcher picked. */
    @Override
    public String[] getVersion() {
        return new String[] {
            "toaster " + current(),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ") at "
                + System.getProperty("java.home", "an unknown place"),
        };
    }
}
