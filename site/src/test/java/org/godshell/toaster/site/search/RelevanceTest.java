package org.godshell.toaster.site.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The search kept honest (issue 23): queries an admin would type, over the real wiki-content, and the page that
 * must come first. The expectations come from reading the pages, not from the results; when one fails, the
 * ranking ({@link Ranking}) is what to change.
 */
class RelevanceTest {

    @TempDir
    static Path dir;
    private static WikiIndex index;

    @BeforeAll
    static void build() throws IOException {
        index = PublishedWiki.index(dir);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            greylisting                  | Plugin: greylist
            greylisted                   | Plugin: greylist
            how do I add a user          | Users and domains
            renew certificate            | Certificates (ACME)
            lets encrypt                 | Certificates (ACME)
            port 587                     | SMTP AUTH
            relay                        | SMTP server
            bounce                       | Bounces
            dkim                         | DKIM and DMARC
            dmarc                        | DKIM and DMARC
            spam                         | Content filtering
            virus                        | Content filtering
            backup                       | Backups and restore
            restore a backup             | Backups and restore
            encrypt the backup           | Backups and restore
            gpg key                      | OpenPGP keys for backups
            imap                         | IMAP
            pop3                         | POP3
            queue retry                  | Delivery
            write a plugin               | Write your first plugin
            tls                          | TLS
            mta-sts                      | Transport security
            dane                         | Transport security
            install                      | Installation
            dns records                  | DNS records
            troubleshooting              | Troubleshooting and FAQ
            relay access denied          | Troubleshooting and FAQ
            autoconfig                   | Mail clients
            thunderbird                  | Mail clients
            outlook autodiscover         | Mail clients
            spf                          | Plugin: spf
            smarthost                    | Remote delivery
            quota                        | Users and domains
            tarpit                       | Plugin: tarpit
            git push                     | Contribute to this wiki
            edit this wiki               | Contribute to this wiki
            who may edit the wiki        | Contribute to this wiki
            wikieditors                  | Contribute to this wiki
            edit a page in the browser   | Contribute to this wiki
            catch-all                    | Users and domains
            double bounce                | Bounces
            starttls                     | TLS
            mail stuck in the queue      | Troubleshooting and FAQ
            greyl                        | Plugin: greylist
            control files                | Control files
            """)
    void theRightPageComesFirst(String query, String expected) throws IOException {
        List<WikiIndex.Hit> hits = index.search(query, 5);
        assertFalse(hits.isEmpty(), () -> "no result for " + query);
        assertEquals(expected, hits.getFirst().title(), () -> query + " gave: " + hits.stream()
                .map(hit -> hit.title() + " (" + hit.url() + ")").collect(Collectors.joining(", ")));
    }
}
