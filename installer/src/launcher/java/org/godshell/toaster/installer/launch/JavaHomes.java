package org.godshell.toaster.installer.launch;

import java.io.BufferedReader;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;

/**
 * Java installations under a directory such as {@code /usr/lib/jvm}, told apart by their {@code release} file
 * ({@code JAVA_VERSION="21.0.2"}, JEP 220), as {@code bin/toaster}'s {@code toaster-java.sh} reads it: no JVM is
 * started to ask.
 */
final class JavaHomes {

    /** A release file is a few hundred bytes; more is not one. */
    private static final int MAX_RELEASE_BYTES = 64 * 1024;

    private JavaHomes() {
    }

    /** The feature version of a version string: 8 for {@code 1.8.0_392}, 21 for {@code 21.0.2}; 0 if none. */
    static int feature(String version) {
        if (version == null) {
            return 0;
        }
        String rest = version.startsWith("1.") ? version.substring(2) : version;
        int end = 0;
        while (end < rest.length() && end < 4 && Character.isDigit(rest.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(rest.substring(0, end));
    }

    /** The home under {@code parent} with the highest feature version of at least {@code minimum}; else null. */
    static File newest(File parent, int minimum) {
        File[] homes = parent.listFiles();
        File best = null;
        int bestFeature = minimum - 1;
        if (homes == null) {
            return null;
        }
        for (File home : homes) {
            int feature = feature(releaseVersion(new File(home, "release")));
            if (feature > bestFeature && new File(new File(home, "bin"), "java").canExecute()) {
                best = home;
                bestFeature = feature;
            }
        }
        return best;
    }

    /** {@code JAVA_VERSION} of a release file; null when it is missing, unreadable, too big or says nothing. */
    static String releaseVersion(File release) {
        if (!release.isFile() || release.length() > MAX_RELEASE_BYTES) {
            return null;
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new FileInputStream(release), "UTF-8"))) {
            String prefix = "JAVA_VERSION=\"";
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith(prefix) && line.endsWith("\"") && line.length() > prefix.length()) {
                    return line.substring(prefix.length(), line.length() - 1);
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
