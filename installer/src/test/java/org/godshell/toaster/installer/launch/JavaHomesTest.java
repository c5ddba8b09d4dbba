package org.godshell.toaster.installer.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which Java the launcher would start again with, read from release files only; odd files never match. */
class JavaHomesTest {

    @TempDir
    Path jvm;

    private Path home(String name, String release, boolean executable) throws Exception {
        Path home = Files.createDirectories(jvm.resolve(name));
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
        if (release != null) {
            Files.writeString(home.resolve("release"), release);
        }
        return home;
    }

    @Test
    void featureVersionsOfTheFormsJavaUses() {
        assertEquals(8, JavaHomes.feature("1.8"));
        assertEquals(8, JavaHomes.feature("1.8.0_392"));
        assertEquals(17, JavaHomes.feature("17"));
        assertEquals(21, JavaHomes.feature("21.0.2"));
        assertEquals(25, JavaHomes.feature("25-ea"));
        assertEquals(0, JavaHomes.feature(null));
        assertEquals(0, JavaHomes.feature(""));
        assertEquals(0, JavaHomes.feature("abc"));
        assertEquals(9999, JavaHomes.feature("99999999999999999999"), "four digits at most: no overflow");
    }

    @Test
    void theNewestHomeOfAtLeastTheMinimumWins() throws Exception {
        home("java-17-openjdk-amd64", "JAVA_VERSION=\"17.0.15\"\n", true);
        Path temurin21 = home("temurin-21-jre-amd64", "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"21.0.5\"\n",
                true);
        assertEquals(temurin21.toFile(), JavaHomes.newest(jvm.toFile(), 21));
        Path temurin25 = home("temurin-25-jdk-amd64", "JAVA_VERSION=\"25.0.1\"\n", true);
        assertEquals(temurin25.toFile(), JavaHomes.newest(jvm.toFile(), 21));
    }

    @Test
    void homesThatCannotRunOrDoNotSayTheirVersionAreSkipped() throws Exception {
        home("old", "JAVA_VERSION=\"17.0.2\"\n", true);
        home("not-executable", "JAVA_VERSION=\"25\"\n", false);
        home("no-release", null, true);
        home("unterminated", "JAVA_VERSION=\"25\n", true);
        home("empty-version", "JAVA_VERSION=\"\"\n", true);
        Path huge = home("huge", null, true);
        Files.write(huge.resolve("release"), new byte[128 * 1024]);
        Files.writeString(jvm.resolve("a-file"), "JAVA_VERSION=\"25\"\n");
        assertNull(JavaHomes.newest(jvm.toFile(), 21));
        assertNull(JavaHomes.newest(new File(jvm.toFile(), "missing"), 21));
    }
}
