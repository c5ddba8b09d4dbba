package org.godshell.toaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.users.UserStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy the wiki serves: for the toaster's domains only, as the control files are at each request. */
class WikiStsPoliciesTest {

    @TempDir
    Path prefix;
    private Path control;
    private UserStore users;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void installation() throws Exception {
        control = Files.createDirectories(prefix.resolve("control"));
        Files.writeString(control.resolve("me"), "mail.example.org\n");
        users = UserStore.open(prefix);
        users.addDomain("example.org");
    }

    private WikiStsPolicies open() throws ConfigException {
        Controls controls = new Controls(control, log::add);
        return WikiStsPolicies.open(WikiMailDomains.open(users, controls, "mail.example.org", false, log::add),
                controls, log::add);
    }

    @Test
    void theToastersDomainsGetThePolicyOthersNone() throws Exception {
        WikiStsPolicies policies = open();
        assertEquals(Optional.of("version: STSv1\r\nmode: testing\r\nmx: mail.example.org\r\nmax_age: 604800\r\n"),
                policies.policy("example.org"));
        assertEquals(Optional.empty(), policies.policy("example.com"));
    }

    @Test
    void anEditIsServedAtTheNextRequestAndABadOneKeepsThePolicy() throws Exception {
        WikiStsPolicies policies = open();
        String testing = policies.policy("example.org").orElseThrow();
        Files.writeString(control.resolve("mtastsmode"), "enforce\n");
        String enforce = policies.policy("example.org").orElseThrow();
        assertNotEquals(testing, enforce);
        assertTrue(enforce.contains("mode: enforce\r\n"), enforce);
        Files.writeString(control.resolve("mtastsmaxage"), "a week\n");
        assertEquals(enforce, policies.policy("example.org").orElseThrow());
        assertTrue(log.stream().anyMatch(line -> line.contains("mtastsmaxage:1: ")), log.toString());
        Files.writeString(control.resolve("mtastsmaxage"), "86400\n");
        Files.writeString(control.resolve("mtastsmode"), "none\n");
        assertEquals(Optional.empty(), policies.policy("example.org"), "none: no policy");
    }

    @Test
    void aBadFileStopsTheStart() throws Exception {
        Files.writeString(control.resolve("mtastsmx"), "*\n");
        ConfigException e = assertThrows(ConfigException.class, this::open);
        assertTrue(e.getMessage().contains("mtastsmx:1: "), e.getMessage());
    }
}
