package org.godshell.toaster.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The files read at each login: passwordrehash, seen through a POP3 login of a user moved from another system. */
final class LoginScenarios {

    /** openssl passwd -1 -salt saltsalt password. */
    private static final String MD5 = "{MD5-CRYPT}$1$saltsalt$qjXMvbEw8oaL.CzflDtaK/";
    private static final String USER = "old@local.test";

    private LoginScenarios() {
    }

    static Map<String, Scenario> all() {
        return Map.of("passwordrehash", LoginScenarios::passwordrehash);
    }

    /** Without the file the old hash stays; with {@code yes}, the next login rewrites it, and pop3d logs it. */
    static void passwordrehash(Installation t, Edits edits) throws Exception {
        Path home = edits.remember("domains/local.test/old");
        for (String sub : new String[] {"cur", "new", "tmp"}) {
            Files.createDirectories(home.resolve("Maildir").resolve(sub));
        }
        edits.append("domains/local.test/passwd", USER + ":" + MD5 + ":::" + ":" + home + "::");
        assertTrue(login(t).startsWith("+OK"), "an {MD5-CRYPT} user logs in");
        assertEquals(MD5, hash(t));
        edits.write("control/passwordrehash", "yes\n");
        assertTrue(login(t).startsWith("+OK"));
        assertTrue(hash(t).startsWith("{SHA512-CRYPT}$6$rounds=5000$"), hash(t));
        assertEquals(1, t.pop3d.count("password of " + USER + " rehashed from {MD5-CRYPT} to {SHA512-CRYPT}"),
                t.pop3d.log());
        assertTrue(login(t).startsWith("+OK"), "the new hash is of the same password");
    }

    private static String login(Installation t) throws Exception {
        return Pop3.login(t, USER, "password");
    }

    private static String hash(Installation t) throws Exception {
        return Files.readAllLines(t.prefix.resolve("domains/local.test/passwd")).stream()
                .filter(line -> line.startsWith(USER + ":")).findFirst().orElseThrow().split(":")[1];
    }
}
