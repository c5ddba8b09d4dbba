package org.godshell.toaster.dmarc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.godshell.toaster.docs.WikiPage;
import org.junit.jupiter.api.Test;

/** The wiki's "DKIM and DMARC" page against the code: its table of organizational domains, its file name. */
class DmarcPageTest {

    @Test
    void theOrganizationalDomainTableIsWhatTheShippedListSays() throws IOException {
        List<List<String>> rows = WikiPage.read("DKIM-and-DMARC").table("## The organizational domain");
        for (List<String> row : rows) {
            String domain = WikiPage.codeSpans(row.get(0)).get(0);
            String suffix = WikiPage.codeSpans(row.get(1)).get(0);
            String organizational = WikiPage.codeSpans(row.get(2)).get(0);
            assertEquals(Optional.of(suffix), PublicSuffixes.shipped().publicSuffix(domain, true), domain);
            assertEquals(Optional.of(organizational), PublicSuffixes.shipped().organizationalDomain(domain), domain);
        }
        assertTrue(rows.size() >= 5);
    }

    @Test
    void thePageNamesTheFileTheCodeReads() throws IOException {
        String text = WikiPage.read("DKIM-and-DMARC").text();
        assertTrue(text.contains("`control/" + PublicSuffixes.FILE + "`"), "the file's name on the page");
        assertTrue(text.contains("more than " + String.format(Locale.ROOT, "%,d", PublicSuffixParser.MAX_RULES) + " rules"));
    }
}
