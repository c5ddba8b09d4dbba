package org.godshell.toaster.installer.launch;

import java.io.File;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import org.godshell.toaster.installer.InstallerMain;

/**
 * {@code Main-Class} of the installer jar: on Java 21 or newer it hands over to {@link InstallerMain} (the class
 * is only loaded then, so an older JVM never reads its newer class file); on an older one it starts the same jar
 * with the newest Java 21+ that {@link JavaHomes} finds, or, with none, says how to get one and exits with 3, the
 * installer's exit code for a failed preflight (nothing changed).
 */
public final class Launcher {

    static final int NEEDED = 21;
    static final int PREFLIGHT_FAILED = 3;

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        int running = JavaHomes.feature(System.getProperty("java.specification.version"));
        if (running >= NEEDED) {
            InstallerMain.main(args);
            return;
        }
        String here = System.getProperty("java.home");
        File newer = JavaHomes.newest(new File("/usr/lib/jvm"), NEEDED);
        File jar = jar();
        if (newer == null || jar == null) {
            System.err.println("toaster-installer: Java " + NEEDED + " or newer is needed; this is Java " + running
                    + " (" + here + "), and none newer was found in /usr/lib/jvm.\n"
                    + "  Get one, for example:\n"
                    + "    Debian 13 / Ubuntu 24.04:  apt install openjdk-21-jre-headless\n"
                    + "    Debian 12:                 a Temurin 21 package from "
                    + "https://adoptium.net/installation/linux/\n"
                    + "  Then run it with that Java: /usr/lib/jvm/<that java>/bin/java -jar toaster-installer.jar");
            System.exit(PREFLIGHT_FAILED);
        }
        String java = new File(new File(newer, "bin"), "java").getPath();
        System.err.println("toaster-installer: this is Java " + running + " (" + here + "); running with " + java);
        List<String> command = new ArrayList<String>();
        command.add(java);
        command.add("-jar");
        command.add(jar.getPath());
        for (String arg : args) {
            command.add(arg);
        }
        Process process = new ProcessBuilder(command).inheritIO().start();
        System.exit(process.waitFor());
    }

    /** The jar this class was loaded from; null when it was not loaded from a jar (a class directory). */
    private static File jar() throws URISyntaxException {
        File location = new File(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return location.isFile() ? location : null;
    }
}
