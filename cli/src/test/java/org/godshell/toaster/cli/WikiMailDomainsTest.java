package org.godshell.toaster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.godshell.toaster.config.ConfigException;
import org.godshell.toaster.config.Controls;
import org.godshell.toaster.mailclients.ClientService.Protocol;
import org.godshell.toaster.users.UserStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which domains the wiki serves mail clients' settings for: the virtual domains that rcpthosts accepts, as they
 * are at each request; and what it tells them, as control/me and the listen files were at start.
 */
class WikiMailDomainsTest {

    @TempDir
    Path prefix;
    private Path control;
    private UserStore users;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void installation() throws Exception {
        control = Files.createDirectories(prefix.resolve("control"));
        Files.writeString(control.resolve("listen-submission"), "0.0.0.0:587\n");
        users = UserStore.open(prefix);
        users.addDomain("example.org");
        users.addDomain("example.net");
    }

    private WikiMailDomains open() throws ConfigException {
        return WikiMailDomains.open(users, new Controls(control, log::add), "mail.example.org", true, log::add);
    }

    @Test
    void theVirtualDomainsOfRcpthostsWithTheSettingsOfTheListenFiles() throws Exception {
        WikiMailDomains domains = open();
        for (String domain : List.of("example.org", "example.net")) {
            var settings = domains.settings(domain).orElseThrow();
            assertEquals("mail.example.org", settings.host());
            assertEquals(587, settings.first(Protocol.SMTP).orElseThrow().port());
        }
        assertEquals(Optional.empty(), domains.settings("example.com"));
    }

    @Test
    void aDomainAddedOrRemovedWhileTheWikiRunsCountsAtTheNextRequest() throws Exception {
        WikiMailDomains domains = open();
        assertEquals(Optional.empty(), domains.settings("added.example"));
        users.addDomain("added.example");
        assertTrue(domains.settings("added.example").isPresent());
        users.removeDomain("example.net", false);
        assertEquals(Optional.empty(), domains.settings("example.net"));
    }

    @Test
    void bothMustSayItRcpthostsAloneOrADirectoryAloneIsNotEnough() throws Exception {
        WikiMailDomains domains = open();
        Files.writeString(control.resolve("morercpthosts"), "relayed.example\n.example.org\n");
        assertEquals(Optional.empty(), domains.settings("relayed.example"), "in rcpthosts, no mailboxes here");
        Files.createDirectories(prefix.resolve("domains/sub.example.org"));
        assertTrue(domains.settings("sub.example.org").isPresent(), "a .example.org line accepts it");
        Files.createDirectories(prefix.resolve("domains/orphan.example"));
        assertEquals(Optional.empty(), domains.settings("orphan.example"), "mailboxes, but its mail is refused");
    }

    @Test
    void aBadRcpthostsStopsTheStartAndABadEditLaterKeepsTheLastGoodList() throws Exception {
        WikiMailDomains domains = open();
        Files.writeString(control.resolve("rcpthosts"), "example.org\nnot a domain\n");
        assertTrue(domains.settings("example.org").isPresent());
        assertTrue(log.stream().anyMatch(line -> line.contains("rcpthosts:2")), log.toString());
        assertThrows(ConfigException.class, this::open);
    }

    @Test
    void aBadListenFileStopsTheStart() throws Exception {
        Files.writeString(control.resolve("listen-pop3s"), "nowhere\n");
        ConfigException e = assertThrows(ConfigException.class, this::open);
        assertTrue(e.getMessage().contains("listen-pop3s:1"), e.getMessage());
    }
}
